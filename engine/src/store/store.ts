/**
 * The Store: the sandbox's people and form records as a database, and the history of executed
 * runs (their problems, import cache, changed records and original file). Asynchronous, so that
 * a PostgreSQL server can stand behind it as well as the embedded SQLite (sqliteStore.ts).
 *
 * One process at a time holds a store open (the Node adapter's owner file says who). A run takes
 * its plan from the store's state and applies it while it still holds the store, so no other
 * run can change the records between the plan and its application.
 */
import type { Problem } from '../errors/problem';
import type { FieldChange, ImportCache, JsonValue, PlanCounts, RunCounts, RunStatus } from '../model/result';
import type { SandboxPerson, SandboxRecord } from '../model/workspace';
import type {
  CachePage,
  CacheQuery,
  ChangedRecord,
  ChangeQuery,
  Page,
  PageQuery,
  RunFile,
  RunParameters,
  RunProblem,
  RunSummary,
  RunsQuery,
  RunType,
} from './types';

export interface StoreSeed {
  people: readonly SandboxPerson[];
  records: readonly SandboxRecord[];
  /** ISO instant of the seeding. */
  at: string;
}

export interface NewRun {
  alias: string;
  name: string;
  type: RunType;
  user: string;
  parameters: RunParameters;
  /** Pending (queued, e.g. the later imports of a nightly batch) or Running (starts now). */
  status: 'Pending' | 'Running';
  /** ISO instant. */
  at: string;
}

/** One record the run writes: the whole new value set, and the fields that changed (for the history). */
export interface RecordWrite {
  action: 'create' | 'update';
  id: string;
  form: string;
  person: string;
  key: string | null;
  values: Record<string, JsonValue>;
  changed: FieldChange[];
}

/** Everything a finished run records, written in one transaction with its record writes. */
export interface RunOutcome {
  status: RunStatus;
  /** ISO instant. */
  finishedAt: string;
  durationMs: number;
  counts: RunCounts | null;
  applied: PlanCounts;
  problems: readonly Problem[];
  problemTotals: RunSummary['problemTotals'];
  errors: number;
  warnings: number;
  message: string | null;
  cache: ImportCache | null;
  /** Empty for a failed run: a run commits every change it reports, or none. */
  writes: readonly RecordWrite[];
  file: RunFile | null;
}

export interface Store {
  /** Where the store is (a file path, or a redacted connection string). */
  readonly location: string;
  /** True once the sandbox has been seeded (a new store is empty). */
  isSeeded(): Promise<boolean>;
  /** Empties the store (sandbox and run history) and seeds it, in one transaction. */
  reset(seed: StoreSeed): Promise<void>;
  /** The people, in seeding order. */
  people(): Promise<SandboxPerson[]>;
  /** The form records, in the order they were added (the record planner breaks ties by order). */
  records(): Promise<SandboxRecord[]>;
  /** Records a new run and returns its id. */
  queueRun(run: NewRun): Promise<number>;
  /** Pending -> Running. */
  startRun(id: number, at: string): Promise<void>;
  /**
   * Writes the records and the run's outcome in one transaction: all of it, or (on a crash, a kill
   * or an error) none, the run then staying Running until the next open marks it interrupted.
   * `onProgress` is told the writes applied so far (between chunks, when the event loop runs).
   */
  finishRun(id: number, outcome: RunOutcome, onProgress?: (done: number, total: number) => void): Promise<void>;
  /** Runs, newest first. */
  runs(query?: RunsQuery): Promise<RunSummary[]>;
  run(id: number): Promise<RunSummary | undefined>;
  problems(id: number, query?: PageQuery): Promise<Page<RunProblem>>;
  cache(id: number, query?: CacheQuery): Promise<CachePage>;
  changes(id: number, query?: ChangeQuery): Promise<Page<ChangedRecord>>;
  /** The source file as the run read it; undefined when it was not kept (too large, unreadable). */
  file(id: number): Promise<RunFile | undefined>;
  close(): Promise<void>;
}
