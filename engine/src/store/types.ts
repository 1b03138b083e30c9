/**
 * What the store holds about executed imports, as plain JSON data: the CLI prints it, the VS Code
 * dashboard receives it by message, `--format json` writes it as is. No Map, no class, no Date.
 */
import type { ErrorCode, Severity } from '../errors/catalog';
import type { CachedRow, FieldChange, PlanCounts, RunCounts, RunStatus } from '../model/result';
import type { RecordCreationMode } from '../model/workspace';

/** Pending (queued by a nightly batch) and Running come before one of the finished statuses. */
export type ExecutionStatus = 'Pending' | 'Running' | RunStatus;

/** Manual: started by a person (`import-studio run`, VS Code). Automated: `run --nightly`. */
export type RunType = 'manual' | 'automated';

/** The parameters a run was started with, as the user chose them (defaults filled in). */
export interface RunParameters {
  /** Workspace-relative path of the import configuration. */
  config: string;
  /** Only these forms; absent = every form whose mapping reads the import. */
  forms?: string[];
  /** Only this person (personId); absent = all. */
  person?: string;
  creationMode: RecordCreationMode;
  ignoreErrorThreshold: boolean;
  /** runOptions.errorThreshold (default 500). */
  errorThreshold: number;
}

/** One run, as the history lists it. */
export interface RunSummary {
  id: number;
  alias: string;
  /** The import's readable name. */
  name: string;
  type: RunType;
  status: ExecutionStatus;
  /** Who started it (the OS user for the CLI). */
  user: string;
  /** ISO 8601 instants. */
  queuedAt: string;
  startedAt: string | null;
  finishedAt: string | null;
  durationMs: number | null;
  parameters: RunParameters;
  /** The engine's counts; null until the run finishes (or when it failed before reading). */
  counts: RunCounts | null;
  /** Plan totals over every form: what was created and updated (and left unchanged or skipped). */
  applied: PlanCounts;
  /** Records actually written (create + update), 0 for a failed run. */
  recordsChanged: number;
  errors: number;
  warnings: number;
  problemTotals: Partial<Record<ErrorCode, number>>;
  /** Why a run failed without problems of its own (interrupted, internal error), or null. */
  message: string | null;
}

/** A problem of a run, flattened for listing and for the results CSV. */
export interface RunProblem {
  /** Order found, from 1. */
  seq: number;
  code: ErrorCode;
  severity: Severity;
  message: string;
  /** Workspace-relative file of the first location, or null. */
  file: string | null;
  /** 1-based line in that file, or null. */
  line: number | null;
  /** 1-based data row, or null. */
  row: number | null;
  column: string | null;
}

export interface Page<T> {
  items: T[];
  /** How many items match the query in all. */
  total: number;
  offset: number;
  limit: number;
}

export interface PageQuery {
  offset?: number;
  /** Default 100, at most 1000. */
  limit?: number;
}

export interface CacheQuery extends PageQuery {
  /** Keeps rows with a value containing this text (case-insensitive for ASCII letters). */
  filter?: string;
  /** With `filter`: look only in this column. */
  column?: string;
}

/** A page of a run's import cache: the processed rows as the run saw them. */
export interface CachePage extends Page<CachedRow> {
  columns: string[];
}

export interface ChangeQuery extends PageQuery {
  action?: 'create' | 'update';
  form?: string;
  person?: string;
}

/** A record a run wrote, with the fields it changed (before and after). */
export interface ChangedRecord {
  recordId: string;
  form: string;
  person: string;
  key: string | null;
  action: 'create' | 'update';
  fields: FieldChange[];
}

export interface RunsQuery {
  /** ISO instant: runs queued at or after it. The dashboard passes 30 days ago. */
  since?: string;
  alias?: string;
  limit?: number;
}

/** The original source file of a run, as it was read. */
export interface RunFile {
  /** File name (source.file relative to the SFTP root). */
  name: string;
  bytes: Uint8Array;
}
