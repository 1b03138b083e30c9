/** Text for the run commands: one run's summary, the history table, a run's details. */
import type { Problem } from '../../../engine/src/errors/problem';
import type { CachePage, ChangedRecord, Page, RunProblem, RunSummary } from '../../../engine/src/store/types';
import type { Style } from './style';
import { formatTable } from './table';

const n = (v: number) => v.toLocaleString('en-US');
const plural = (v: number, word: string) => `${n(v)} ${word}${v === 1 ? '' : 's'}`;

export function statusText(status: RunSummary['status'], style: Style): string {
  if (status === 'Complete') return style.green(status);
  if (status === 'Complete with issues') return style.yellow(status);
  if (status === 'Failed') return style.red(status);
  return style.cyan(status);
}

function duration(ms: number | null): string {
  if (ms === null) return '—';
  return ms < 1000 ? `${ms} ms` : `${(ms / 1000).toFixed(1)} s`;
}

export function appliedText(run: RunSummary): string {
  const a = run.applied;
  const verb = run.status === 'Failed' ? 'planned (nothing applied)' : 'applied';
  return `${n(a.create)} created · ${n(a.update)} updated · ${n(a.unchanged)} unchanged · ${n(a.skip)} skipped, ${verb}`;
}

/** The summary block `run` and `show` print. */
export function formatRunSummary(run: RunSummary, style: Style): string {
  const p = run.parameters;
  const options = [
    p.creationMode,
    p.ignoreErrorThreshold ? 'error threshold ignored' : `error threshold ${n(p.errorThreshold)}`,
    ...(p.forms ? [`forms ${p.forms.join(', ')}`] : []),
    ...(p.person ? [`person ${p.person}`] : []),
  ];
  const lines = [
    style.bold(`Run ${run.id}  ${run.alias} (${run.name})`),
    `  status   ${statusText(run.status, style)}`,
    `  run      ${run.type} by ${run.user}, ${run.startedAt ?? run.queuedAt}, ${duration(run.durationMs)}`,
    `  options  ${options.join(' · ')}`,
  ];
  if (run.counts) {
    lines.push(
      `  rows     ${n(run.counts.rowsProcessed)} processed · ${n(run.counts.rowsSkipped)} skipped · ${n(run.counts.rowsWithErrors)} with errors`,
    );
  }
  lines.push(`  records  ${appliedText(run)}`);
  lines.push(`  problems ${plural(run.errors, 'error')} · ${plural(run.warnings, 'warning')}`);
  if (run.message) lines.push(`  ${style.red(run.message)}`);
  return lines.join('\n');
}

export function formatHistory(runs: readonly RunSummary[], days: number, width: number, style: Style): string {
  if (runs.length === 0) return `No runs in the last ${days} days.`;
  const rows = runs.map((r) => [
    String(r.id),
    (r.startedAt ?? r.queuedAt).replace('T', ' ').slice(0, 19),
    r.alias,
    r.type,
    r.status,
    n(r.applied.create),
    n(r.applied.update),
    n(r.applied.unchanged),
    n(r.applied.skip),
    n(r.errors),
    n(r.warnings),
    r.user,
    duration(r.durationMs),
  ]);
  const header = [
    'run',
    'date (UTC)',
    'import',
    'type',
    'status',
    'create',
    'update',
    'same',
    'skip',
    'err',
    'warn',
    'user',
    'time',
  ];
  return `${style.bold(`Runs of the last ${days} days`)}\n${formatTable(header, rows, width)}`;
}

export function formatRunProblems(page: Page<RunProblem>, style: Style): string {
  if (page.total === 0) return 'No problems.';
  const lines = page.items.map((p) => {
    const where = p.file ? `${p.file}${p.line !== null ? `:${p.line}` : ''}` : '(run)';
    return `  ${where}  ${p.severity} ${style.bold(p.code)}  ${p.message}`;
  });
  return [style.bold(`Problems (${rangeText(page)})`), ...lines].join('\n');
}

export function formatCachePage(page: CachePage, width: number, style: Style): string {
  if (page.total === 0) return 'No cached rows match.';
  const rows = page.items.map((r) => [
    String(r.row),
    String(r.line),
    ...r.values.map((v) => (v === null ? '' : String(v))),
  ]);
  return `${style.bold(`Import cache (${rangeText(page)})`)}\n${formatTable(['row', 'line', ...page.columns], rows, width)}`;
}

export function formatChanges(page: Page<ChangedRecord>, style: Style): string {
  if (page.total === 0) return 'No records changed.';
  const lines: string[] = [style.bold(`Changed records (${rangeText(page)})`)];
  for (const c of page.items) {
    lines.push(`  ${c.action.padEnd(6)} ${c.recordId}  ${c.form} · ${c.person}${c.key !== null ? ` · ${c.key}` : ''}`);
    for (const f of c.fields) {
      lines.push(`      ${f.field}: ${JSON.stringify(f.before)} → ${JSON.stringify(f.after)}`);
    }
  }
  return lines.join('\n');
}

function rangeText(page: Page<unknown>): string {
  if (page.items.length === 0) return `none of ${n(page.total)} from ${n(page.offset + 1)}`;
  return `${n(page.offset + 1)}-${n(page.offset + page.items.length)} of ${n(page.total)}`;
}

/** The first problems of a run, in the terminal after `run`. */
export function problemLines(problems: readonly Problem[], max: number, style: Style): string {
  const lines = problems.slice(0, max).map((p) => {
    const at = p.locations[0];
    const where = at
      ? `${at.file}${at.range ? `:${at.range.start.line + 1}:${at.range.start.character + 1}` : ''}`
      : '';
    return `  ${where}  ${p.severity} ${style.bold(p.code)}  ${p.message}`;
  });
  if (problems.length > max) lines.push(`  … ${n(problems.length - max)} more: import-studio show <run> --problems`);
  return lines.join('\n');
}
