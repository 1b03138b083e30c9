/**
 * The contract between reading (decode + parse) and the rest of the pipeline. A reader streams
 * records: it never holds a whole large file, so a preview of the first rows comes back at once.
 */
import type { Row } from '../cache/processedRow';
import type { Problem } from '../errors/problem';

export interface SourceRecord {
  /** 1-based record number: the data row for csv and tsv (the header is not counted), the record for xml and json. */
  index: number;
  /** 1-based line of the source file where the record starts (a quoted newline makes records span lines). */
  line: number;
  /**
   * csv and tsv: header -> cell text (a null-prototype object, so a `__proto__` header is a plain key).
   * xml and json: the parsed record, or the whole document when no recordPath is set.
   */
  readonly value: Record<string, unknown>;
  /**
   * csv and tsv: the row's cells as read, in header order (a ragged row may have fewer or more;
   * a missing cell reads as ''). The same data as `value`, for consumers that read by header index.
   */
  readonly cells?: readonly string[];
  /** csv and tsv: one of `cells` by header index ('' past a short row's end, undefined for -1), without the others. */
  cell?(index: number): string | undefined;
  /** csv and tsv: the cell as a canonical integer (match/canonicalInteger.ts), or -1, without slicing it. */
  cellInteger?(index: number): number;
  /** csv and tsv: the bits a RowChecker (map/rowChecks.ts) gives the row's cells, without slicing them. */
  checkedBy?(checker: RowCellChecker): number;
  /**
   * The transformation's row for this record when the reader already made it: an xml file read in
   * two halves (xmlHalves.ts) applies the path object on the reading thread. `value` is then the row.
   */
  readonly row?: Row;
  /** csv and tsv read on a second thread: the forms whose checks passed there (map/rowChecks.ts), bit f for form f. */
  readonly checks?: number;
}

/** What checks a row's cells where they stand: `rows[at]` is its cell count, starts and ends follow. */
export interface RowCellChecker {
  checkRow(text: string, rows: Int32Array, at: number): number;
}

export interface SourceReader {
  /** The headers of a csv or tsv file, known before the first record is read. */
  readonly headers?: readonly string[];
  /** The records in file order. Iterate once. Problems that stop reading are thrown as ProblemError. */
  readonly records: AsyncIterable<SourceRecord>;
  /**
   * Optional: the same records a parsed chunk at a time, for consumers that loop over a chunk
   * synchronously (the dry run). Iterate either this or `records`, once.
   */
  readonly batches?: AsyncIterable<readonly SourceRecord[]>;
  /** Problems found while reading that do not stop it (ragged rows, say); complete once `records` is done. */
  readonly problems: Problem[];
}
