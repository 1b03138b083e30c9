/**
 * Collects the problems of a run. A 1M-row file with a bad date column would otherwise yield a
 * million problems, so each code keeps its first `perCode` problems and counts the rest; the
 * problem object (and its message string) is only built while the code is under its cap.
 */
import { catalog, type ErrorCode } from '../errors/catalog';
import type { Problem } from '../errors/problem';

export class ProblemSink {
  readonly kept: Problem[] = [];
  readonly totals: Partial<Record<ErrorCode, number>> = {};
  errors = 0;
  warnings = 0;

  constructor(readonly perCode: number) {}

  /** Counts a problem of `code`; `build` runs only when the problem is kept. True when it is an error. */
  add(code: ErrorCode, build: () => Problem): boolean {
    const total = (this.totals[code] ?? 0) + 1;
    this.totals[code] = total;
    const severity = catalog[code].severity;
    if (severity === 'error') this.errors++;
    else if (severity === 'warning') this.warnings++;
    if (total <= this.perCode) this.kept.push(build());
    return severity === 'error';
  }

  /** Adds a problem built elsewhere (by the reader, say), with its own severity. */
  addProblem(p: Problem): boolean {
    const total = (this.totals[p.code] ?? 0) + 1;
    this.totals[p.code] = total;
    if (p.severity === 'error') this.errors++;
    else if (p.severity === 'warning') this.warnings++;
    if (total <= this.perCode) this.kept.push(p);
    return p.severity === 'error';
  }
}
