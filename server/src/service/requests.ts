/**
 * The custom requests of the Import Studio language server, shared with the client: method names
 * and the shapes of params and results. Plain types and strings only (no protocol library), so the
 * VS Code client, a browser page and the tests import them alike; each side makes its own
 * `RequestType` from the method name. docs/language-server.md describes them.
 */
import type { Problem } from '../../../engine/src/errors/problem';
import type { DryRunResult } from '../../../engine/src/model/result';
import type { FileFormat, RecordCreationMode } from '../../../engine/src/model/workspace';
import type {
  CachePage,
  CacheQuery,
  ChangedRecord,
  ChangeQuery,
  Page,
  PageQuery,
  RunProblem,
  RunSummary,
} from '../../../engine/src/store/types';
import type { PlanCounts, RunCounts, RunStatus } from '../../../engine/src/model/result';

/** `importStudio/dryRun`: a dry run of one import, off the server's main loop. */
export const dryRunMethod = 'importStudio/dryRun';

export interface DryRunParams {
  /** An import configuration, or a mapping (its import is run). */
  uri: string;
  /** Processed rows to run at most (0 = all; default: the workspace's dryRun.rowLimit). */
  limit?: number;
  /** Processed rows the result's cache keeps (default 1000). */
  cacheRows?: number;
  /** LSP work-done progress token; without one the server asks the client for one when it can. */
  workDoneToken?: string | number;
}

export type DryRunResponse =
  /** The run happened: the engine's result, every configuration problem's range filled. */
  | { ok: true; importUri: string; result: DryRunResult }
  /** The import cannot run (invalid configuration, not in a workspace...): the problems say why. */
  | { ok: false; importUri?: string; problems: Problem[] };

/** `importStudio/listImports`: the imports of every workspace the server knows. */
export const listImportsMethod = 'importStudio/listImports';

/** Optional: only the workspace that holds this URI. */
export interface ListImportsParams {
  uri?: string;
}

export interface ListedMapping {
  uri: string;
  /** The form id the mapping fills. */
  form: string;
}

export interface ListedForm {
  uri: string;
  id: string;
  title: string;
}

export interface ListedImport {
  alias: string;
  name: string;
  uri: string;
  /** The workspace folder (file URI) the import belongs to. */
  workspace: string;
  format: FileFormat;
  /** source.file as written (relative to the SFTP root). */
  sourceFile: string;
  /** The source file's URI (it may not exist). */
  sourceUri: string;
  /** The .jsonata file of transformation.file, when the import names one (it may not exist). */
  transformationUri?: string;
  /** automation.nightly: the import runs nightly. */
  automation?: true;
  mappings: ListedMapping[];
  /** The forms those mappings fill that exist in the workspace. */
  forms: ListedForm[];
}

export interface ListImportsResponse {
  imports: ListedImport[];
}

/** `$/progress` reports of a dry run carry this text; `percentage` is set when the row count is known. */
export function dryRunProgressMessage(rows: number): string {
  return `${rows.toLocaleString('en-US')} rows`;
}

// ---------------------------------------------------------------------------------------------
// Execution and monitoring (issue 6): runs against the workspace's store (.importstudio/sandbox.db).
// The server opens the store for one request at a time and closes it after, so the CLI can use it
// in between; a request that finds it held answers with the holder (E0044) rather than waiting.

/** What a person may choose for a run; absent = the configuration's defaults. */
export interface RunChoicesParams {
  forms?: string[];
  person?: string;
  creationMode?: RecordCreationMode;
  ignoreErrorThreshold?: boolean;
}

/** `importStudio/previewRun`: what a run of the import would do now, against the store (for a confirmation). */
export const previewRunMethod = 'importStudio/previewRun';

export interface PreviewRunParams extends RunChoicesParams {
  /** An import configuration, or a mapping (its import). */
  uri: string;
}

export type PreviewRunResponse =
  | {
      ok: true;
      importUri: string;
      alias: string;
      name: string;
      /** The dry run's status against the store: Failed means a run would apply nothing. */
      status: RunStatus;
      counts: RunCounts;
      /** Plan totals over every form. */
      plan: PlanCounts;
      errors: number;
      warnings: number;
      /** The store file, workspace-relative. */
      store: string;
    }
  | { ok: false; importUri?: string; problems: Problem[] };

/** `importStudio/executeRun`: runs the import for real (one transaction), with progress and cancellation. */
export const executeRunMethod = 'importStudio/executeRun';

export interface ExecuteRunParams extends PreviewRunParams {
  workDoneToken?: string | number;
}

export type ExecuteRunResponse =
  | { ok: true; importUri: string; run: RunSummary; problems: Problem[] }
  | { ok: false; importUri?: string; problems: Problem[] };

/** `importStudio/listRuns`: the runs of the workspace holding `uri`, newest first. */
export const listRunsMethod = 'importStudio/listRuns';

export interface ListRunsParams {
  /** Any file or folder of the workspace. */
  uri: string;
  /** Runs queued in the last `days` days (default 30). */
  days?: number;
}

export type ListRunsResponse =
  { ok: true; workspace: string; store: string; runs: RunSummary[] } | { ok: false; problems: Problem[] };

/** `importStudio/runDetails`: one run with a page of its problems, import cache and changed records. */
export const runDetailsMethod = 'importStudio/runDetails';

export interface RunDetailsParams {
  uri: string;
  runId: number;
  problems?: PageQuery;
  cache?: CacheQuery;
  changes?: ChangeQuery;
}

export type RunDetailsResponse =
  | {
      ok: true;
      run: RunSummary;
      problems: Page<RunProblem>;
      cache: CachePage;
      changes: Page<ChangedRecord>;
      /** The original file's name when the run kept it (downloadable with runResults). */
      originalFile: string | null;
    }
  | { ok: false; problems: Problem[] };

/** `importStudio/runResults`: a run's results CSV and, when kept, its original file (base64). */
export const runResultsMethod = 'importStudio/runResults';

export interface RunResultsParams {
  uri: string;
  runId: number;
}

export type RunResultsResponse =
  | { ok: true; csvName: string; csv: string; original: { name: string; base64: string } | null }
  | { ok: false; problems: Problem[] };
