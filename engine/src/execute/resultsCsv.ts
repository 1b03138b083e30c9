/**
 * A run's results file, after Pearson's "Download Results": one line per problem with the line
 * number, the error code, a short description (the catalog title), the detailed message and the
 * time, plus the severity and the file the line number is in. Runs keep the first 10,000 problems of
 * each code (RUN_PROBLEMS_PER_CODE; a dry run keeps 100); past that, a closing line per code says
 * how many more were found.
 */
import { catalog, type ErrorCode } from '../errors/catalog';
import type { Store } from '../store/store';
import type { RunProblem, RunSummary } from '../store/types';

export const RESULTS_COLUMNS = [
  'LineNumber',
  'ErrorCode',
  'ErrorDescription',
  'ErrorMessage',
  'ErrorTime',
  'Severity',
  'File',
] as const;

/** RFC 4180: quote a cell holding a comma, a quote or a line break, and double its quotes. */
function cell(value: string | number | null): string {
  const text = value === null ? '' : String(value);
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

export function resultsCsv(run: RunSummary, problems: readonly RunProblem[]): string {
  const time = run.finishedAt ?? run.startedAt ?? run.queuedAt;
  const lines = [RESULTS_COLUMNS.join(',')];
  const kept = new Map<ErrorCode, number>();
  for (const p of problems) {
    kept.set(p.code, (kept.get(p.code) ?? 0) + 1);
    lines.push([p.line, p.code, catalog[p.code].title, p.message, time, p.severity, p.file].map(cell).join(','));
  }
  for (const [code, total] of Object.entries(run.problemTotals) as [ErrorCode, number][]) {
    const more = total - (kept.get(code) ?? 0);
    if (more <= 0) continue;
    const message = `${more.toLocaleString('en-US')} more ${code} problems were found; the run keeps the first of each code.`;
    lines.push([null, code, catalog[code].title, message, time, catalog[code].severity, null].map(cell).join(','));
  }
  return `${lines.join('\r\n')}\r\n`;
}

/** The results CSV of a stored run (every problem it kept), or undefined when there is no such run. */
export async function runResultsCsv(store: Store, id: number): Promise<string | undefined> {
  const run = await store.run(id);
  if (!run) return undefined;
  const problems: RunProblem[] = [];
  for (let offset = 0; ;) {
    const page = await store.problems(id, { offset, limit: 1000 });
    problems.push(...page.items);
    offset += page.items.length;
    if (page.items.length === 0 || offset >= page.total) break;
  }
  return resultsCsv(run, problems);
}
