/**
 * A processed row: what the import cache holds and what matching and mapping read. Column names are
 * user data, so rows are null-prototype objects: a `__proto__` or `constructor` column is a plain key.
 */
import type { Scalar } from '../model/result';
import type { RowCellChecker } from '../read/sourceRecord';

export type Row = Record<string, Scalar>;

export interface ProcessedRow {
  /** The row's values by column (for a csv row without a transformation, built when first read). */
  readonly values: Row;
  /** 1-based processed row number, assigned in processing order (after the sort). */
  row: number;
  /** 1-based source line where the row's record starts. */
  line: number;
  /** 1-based source record the row came from. */
  record: number;
  /**
   * csv and tsv without a transformation: the source cells in header order, so the per-row path
   * reads mapped columns by index and never builds `values` (see SourceRow).
   */
  readonly cells?: readonly string[];
  /**
   * Bit f set: the reading thread found that every mapped cell of form f passes its checks
   * (map/rowChecks.ts), so a row whose values are not kept need not be validated again.
   */
  readonly checks?: number;
}

/** What SourceRow needs of a source record (read/sourceRecord.ts's SourceRecord has it). */
interface RecordWithCells {
  readonly index: number;
  readonly line: number;
  readonly value: Record<string, unknown>;
  readonly cells?: readonly string[];
  readonly checks?: number;
  cell?(index: number): string | undefined;
  cellInteger?(index: number): number;
  checkedBy?(checker: RowCellChecker): number;
}

/**
 * A source record processed as it is (no transformation): row and record are the record's index.
 * `values` is the record's own lazily built object, so a csv row that is only matched and mapped
 * never builds one.
 */
export class SourceRow implements ProcessedRow {
  readonly row: number;
  readonly line: number;
  readonly record: number;
  readonly checks: number;
  /** Whether the record carries cells (csv and tsv), so `cell` reads them; else only `values` has the row. */
  readonly hasCells: boolean;

  constructor(private readonly source: RecordWithCells) {
    this.row = source.index;
    this.line = source.line;
    this.record = source.index;
    this.checks = source.checks ?? 0;
    // `cell` first: a csv record's `cells` slices every cell when read.
    this.hasCells = source.cell !== undefined || source.cells !== undefined;
  }

  get cells(): readonly string[] | undefined {
    return this.source.cells;
  }

  /** One of `cells` by header index, as `cellAt(cells, index)` reads it, without slicing the others. */
  cell(index: number): string | undefined {
    const source = this.source;
    if (source.cell !== undefined) return source.cell(index);
    return source.cells === undefined ? undefined : cellAt(source.cells, index);
  }

  /** The bits `checker` gives the row's cells where they stand; 0 when the record cannot say. */
  checkedBy(checker: RowCellChecker): number {
    const source = this.source;
    return source.checkedBy === undefined ? 0 : source.checkedBy(checker);
  }

  /** The cell as a canonical integer when the record can say so without slicing it, else -1. */
  cellInteger(index: number): number {
    const source = this.source;
    return source.cellInteger === undefined ? -1 : source.cellInteger(index);
  }

  get values(): Row {
    return this.source.value as Row;
  }
}

export function emptyRow(): Row {
  return Object.create(null) as Row;
}

/** A cell by header index as the row object would give it: '' past a short row's end, undefined for no column. */
export function cellAt(cells: readonly string[], index: number): string | undefined {
  return index < 0 ? undefined : (cells[index] ?? '');
}
