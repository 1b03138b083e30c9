import type { DryRunResult, JsonValue, PlanEntry } from '../../../engine/src/model/result';
import { countBySeverity, formatProblems } from './problems';
import type { Style } from './style';
import { formatTable } from './table';

export interface ReportContext {
  configPath: string;
  sourcePath: string;
  name: string;
  rows: number;
  width: number;
}

const n = (x: number) => x.toLocaleString('en-US');

/** A value on one short line: tabs and newlines shown as escapes, long text cut. */
function show(value: JsonValue): string {
  if (value === null) return '—';
  const text = Array.isArray(value)
    ? `[${value.map((v) => show(v)).join(', ')}]`
    : typeof value === 'object'
      ? JSON.stringify(value)
      : String(value);
  const flat = text.replace(/\t/g, '\\t').replace(/\r?\n/g, '\\n');
  return flat.length > 40 ? `${flat.slice(0, 39)}…` : flat;
}

function planLine(entry: PlanEntry, style: Style): string {
  const action = { create: style.green, update: style.yellow, unchanged: style.dim, skip: style.red }[entry.action](
    entry.action.padEnd(9),
  );
  const target = `${entry.form} ${entry.person}${entry.key !== null ? ` [${entry.key}]` : ''}${entry.recordId ? ` ${style.dim(entry.recordId)}` : ''}`;
  const changes = entry.fields.filter((f) => f.changed);
  const detail =
    entry.action === 'skip'
      ? (entry.reason ?? '')
      : changes
          .slice(0, 3)
          .map((f) => `${f.field}: ${show(f.before)} → ${show(f.after)}`)
          .join(', ') + (changes.length > 3 ? `, +${changes.length - 3} more` : '');
  return `  ${action} ${target}  ${detail}`;
}

/** The human report of a dry run: summary, processed rows, the plan, then the problems. */
export function formatDryRun(result: DryRunResult, ctx: ReportContext, style: Style): string {
  const out: string[] = [];
  const statusText =
    result.status === 'Complete'
      ? style.green(result.status)
      : result.status === 'Failed'
        ? style.red(result.status)
        : style.yellow(result.status);
  const c = result.counts;
  out.push(`${style.bold('Dry run')} ${result.alias} (${ctx.name})`);
  out.push(`  config   ${ctx.configPath}`);
  out.push(`  source   ${ctx.sourcePath}`);
  out.push(
    `  status   ${statusText} in ${n(Math.round(result.timings.total))} ms${result.limited ? ' (row limit reached)' : ''}`,
  );
  out.push(
    `  rows     ${n(c.recordsRead)} read · ${n(c.rowsProcessed)} processed · ${n(c.rowsSkipped)} skipped · ${n(c.rowsWithErrors)} with errors`,
  );
  for (const [form, p] of Object.entries(c.plan)) {
    out.push(
      `  plan     ${form}: ${n(p.create)} create · ${n(p.update)} update · ${n(p.unchanged)} unchanged · ${n(p.skip)} skip`,
    );
  }
  if (ctx.rows > 0 && result.cache.rows.length > 0) {
    const shown = result.cache.rows.slice(0, ctx.rows);
    out.push('', style.bold(`Processed rows (first ${shown.length} of ${n(result.cache.total)})`));
    const header = ['line', ...result.cache.columns];
    const rows = shown.map((r) => [String(r.line), ...r.values.map((v) => (v === null ? '' : String(v)))]);
    out.push(formatTable(header, rows, ctx.width));
  }
  const changed = result.plan.filter((e) => e.action !== 'unchanged');
  if (ctx.rows > 0 && changed.length > 0) {
    const shown = changed.slice(0, ctx.rows);
    out.push('', style.bold(`Plan (first ${shown.length} of ${n(result.planTotal)} records; unchanged ones left out)`));
    out.push(...shown.map((e) => planLine(e, style)));
  }
  if (result.problems.length > 0) {
    const totals = Object.entries(result.problemTotals)
      .map(([code, count]) => `${code} ×${n(count ?? 0)}`)
      .join(', ');
    const kept = result.problems.length;
    const all = Object.values(result.problemTotals).reduce((a, b) => a + (b ?? 0), 0);
    out.push('', style.bold(`Problems (${n(all)}${all > kept ? `, ${n(kept)} shown` : ''}: ${totals})`));
    out.push(formatProblems(result.problems.slice(0, 50), style));
    if (kept > 50) out.push(style.dim(`  … ${n(kept - 50)} more; --json lists every kept problem`));
  }
  const counts = countBySeverity(result.problems);
  out.push('', `${counts.error} errors, ${counts.warning} warnings, ${counts.info} notes`);
  return out.join('\n');
}
