/**
 * The result of a dry run: one model shared by the CLI, the language server and the panels. Plain
 * JSON data only (no Map, no class, no undefined inside arrays), because it crosses the LSP and
 * webview boundaries as JSON.
 */
import type { ErrorCode } from '../errors/catalog';
import type { Problem } from '../errors/problem';

/** Pending and Running belong to executing imports; a finished dry run is one of these. */
export type RunStatus = 'Complete' | 'Complete with issues' | 'Failed';

/** A processed cell: what a transformation may output, and what a csv cell is. */
export type Scalar = string | number | boolean | null;

export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

/** One processed row of the import cache. `values` line up with ImportCache.columns (null where absent). */
export interface CachedRow {
  /** 1-based processed row number (for csv and tsv without a transformation, the data row). */
  row: number;
  /** 1-based line of the source file where the row's record starts. */
  line: number;
  values: Scalar[];
}

/** The import cache: the processed rows after transformation and sort, before matching. */
export interface ImportCache {
  /** Every processed column, in the order first seen. */
  columns: string[];
  /** The first `cacheRows` rows (in processing order, i.e. sorted when a sort is configured). */
  rows: CachedRow[];
  /** How many processed rows there were in all. */
  total: number;
}

export type PlanAction = 'create' | 'update' | 'unchanged' | 'skip';

export interface FieldChange {
  /** The form field id. */
  field: string;
  /** The record's value before the import (null for a new record or an empty field). */
  before: JsonValue;
  /** The value after the import; equal to `before` when no row gave the field a value. */
  after: JsonValue;
  changed: boolean;
}

/** What the import would do to one record of one person and form. */
export interface PlanEntry {
  form: string;
  /** The platform's person id. */
  person: string;
  action: PlanAction;
  /** The existing record written or skipped; null when a record would be created. */
  recordId: string | null;
  /** The matching key with record matching on; null otherwise. */
  key: string | null;
  /** The fields the mapping fills (and the matching element), empty for a skip. */
  fields: FieldChange[];
  /** Processed row numbers the record's values come from (the first 100). */
  rows: number[];
  rowCount: number;
  /** Why the entry is skipped (E0019 locked, E0040 not created). */
  reason?: ErrorCode;
}

export interface PlanCounts {
  create: number;
  update: number;
  unchanged: number;
  skip: number;
}

export interface RunCounts {
  /** Source records read (csv and tsv: data rows; xml and json: records, or 1 for a whole document). */
  recordsRead: number;
  /** Processed rows (after the transformation). */
  rowsProcessed: number;
  /** Processed rows without errors that write to no record (no person, locked, not created, another person). */
  rowsSkipped: number;
  /** Rows with at least one error (a record whose transformation failed counts as one). */
  rowsWithErrors: number;
  /** Per form id. */
  plan: Record<string, PlanCounts>;
}

/** Milliseconds spent per stage (wall clock; read includes waiting for the reader). */
export interface StageTimings {
  read: number;
  transform: number;
  /** Sorting the cache. */
  cache: number;
  match: number;
  map: number;
  total: number;
}

export interface ErrorThresholdState {
  /** runOptions.errorThreshold, default 500. */
  threshold: number;
  ignored: boolean;
  reached: boolean;
}

export interface DryRunResult {
  status: RunStatus;
  /** The import's alias. */
  alias: string;
  counts: RunCounts;
  cache: ImportCache;
  /** The first `planEntries` entries, in the order their records were first touched. */
  plan: PlanEntry[];
  planTotal: number;
  /** The first problems of each code (at most `problemsPerCode` each), in the order found. */
  problems: Problem[];
  /** How many problems of each code were found, kept or not. */
  problemTotals: Partial<Record<ErrorCode, number>>;
  problemsPerCode: number;
  timings: StageTimings;
  errorThreshold: ErrorThresholdState;
  /** True when the run stopped at the row limit before the end of the source. */
  limited: boolean;
}

/** `data` of an E0011 problem: where the syntax error is inside the expression text. */
export interface ExpressionErrorPosition {
  /** 0-based character offset into the expression text. */
  offset: number;
  /** 1-based line and column within the expression text. */
  line: number;
  column: number;
  /** The JSONata error code (S0203...). */
  jsonataCode?: string;
}
