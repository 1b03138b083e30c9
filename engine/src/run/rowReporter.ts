/**
 * Reports the problems of the row being processed, with the row's location (source file, line, row,
 * column). Messages are built lazily: past a code's cap only the count moves.
 */
import type { ProcessedRow } from '../cache/processedRow';
import { type ErrorCode, problem } from '../errors/catalog';
import type { Location, Problem } from '../errors/problem';
import type { ProblemSink } from './problemSink';

export class RowReporter {
  /** Errors (not warnings) reported for the current row. */
  errors = 0;
  /** A problem that stops the run (a JSONata guardrail tripped in a mapping expression). */
  fatal: Problem | undefined;
  private current: ProcessedRow = { values: Object.create(null), row: 0, line: 0, record: 0 };

  constructor(
    readonly sink: ProblemSink,
    readonly sourcePath: string,
  ) {}

  begin(row: ProcessedRow): void {
    this.current = row;
    this.errors = 0;
  }

  get row(): ProcessedRow {
    return this.current;
  }

  location(column: string | null): Location {
    const line = this.current.line - 1;
    const location: Location = {
      file: this.sourcePath,
      range: { start: { line, character: 0 }, end: { line, character: 0 } },
      row: this.current.row,
    };
    if (column !== null) location.column = column;
    return location;
  }

  report(code: ErrorCode, column: string | null, message: () => string, data?: Record<string, unknown>): void {
    const row = this.current.row;
    const isError = this.sink.add(code, () =>
      problem(code, `Row ${row}${message()}`, [this.location(column)], data ? { data } : undefined),
    );
    if (isError) this.errors++;
  }
}

/** A value as messages quote it: short, on one line. */
export function quote(value: unknown): string {
  let text = typeof value === 'string' ? value : (JSON.stringify(value) ?? String(value));
  text = text.replace(/\t/g, '\\t').replace(/\r?\n/g, '\\n');
  return `'${text.length > 60 ? `${text.slice(0, 57)}...` : text}'`;
}
