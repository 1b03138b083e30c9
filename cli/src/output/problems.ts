import type { Problem } from '../../../engine/src/errors/problem';
import type { Style } from './style';

/**
 * `file:line:col` for a problem's first location, the form terminals and CI logs turn into links.
 * Lines and columns are 1-based here (editors' convention on screen); data rows without a range
 * fall back to the source line.
 */
export function where(problem: Problem, sourceLine?: (p: Problem) => number | undefined): string {
  const loc = problem.locations[0];
  if (!loc) return '';
  if (loc.range) return `${loc.file}:${loc.range.start.line + 1}:${loc.range.start.character + 1}`;
  const line = sourceLine?.(problem);
  return line ? `${loc.file}:${line}` : loc.file;
}

export function severityLabel(problem: Problem, style: Style): string {
  switch (problem.severity) {
    case 'error':
      return style.red('error');
    case 'warning':
      return style.yellow('warning');
    default:
      return style.cyan('info');
  }
}

/** One line per problem, grouped by the file it is in, then a count by severity. */
export function formatProblems(problems: readonly Problem[], style: Style): string {
  const byFile = new Map<string, Problem[]>();
  for (const p of problems) {
    const file = p.locations[0]?.file ?? '(workspace)';
    const list = byFile.get(file) ?? [];
    list.push(p);
    byFile.set(file, list);
  }
  const lines: string[] = [];
  for (const [file, list] of byFile) {
    lines.push(style.bold(file));
    for (const p of list) lines.push(`  ${where(p)}  ${severityLabel(p, style)} ${style.bold(p.code)}  ${p.message}`);
  }
  return lines.join('\n');
}

export function countBySeverity(problems: readonly Problem[]): { error: number; warning: number; info: number } {
  const counts = { error: 0, warning: 0, info: 0 };
  for (const p of problems) counts[p.severity]++;
  return counts;
}
