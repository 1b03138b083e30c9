/**
 * The custom requests of the Import Studio language server, shared with the client: method names
 * and the shapes of params and results. Plain types and strings only (no protocol library), so the
 * VS Code client, a browser page and the tests import them alike; each side makes its own
 * `RequestType` from the method name. docs/language-server.md describes them.
 */
import type { Problem } from '../../../engine/src/errors/problem';
import type { DryRunResult } from '../../../engine/src/model/result';
import type { FileFormat } from '../../../engine/src/model/workspace';

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
