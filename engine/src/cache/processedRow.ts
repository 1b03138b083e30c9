/**
 * A processed row: what the import cache holds and what matching and mapping read. Column names are
 * user data, so rows are null-prototype objects: a `__proto__` or `constructor` column is a plain key.
 */
import type { Scalar } from '../model/result';

export type Row = Record<string, Scalar>;

export interface ProcessedRow {
  values: Row;
  /** 1-based processed row number, assigned in processing order (after the sort). */
  row: number;
  /** 1-based source line where the row's record starts. */
  line: number;
  /** 1-based source record the row came from. */
  record: number;
}

export function emptyRow(): Row {
  return Object.create(null) as Row;
}
