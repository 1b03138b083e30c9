/**
 * One dry run from what `LanguageService.dryRunTarget` resolved: the workspace loaded afresh over a
 * file system with the editor's open texts laid over it, the import found again, the engine run.
 * Shared by the Node server's worker thread (server/src/node/dryRunWorker.ts) and the Web Worker
 * servers (server/src/browser/dryRun.ts), which differ only in their file system and in how progress
 * and cancellation travel.
 */
import { problem } from '../../../engine/src/errors/catalog';
import type { FileSystem } from '../../../engine/src/io/fileSystem';
import type { DryRunOptions } from '../../../engine/src/run/dryRunInput';
import { dryRunWorkspaceImport } from '../../../engine/src/run/dryRunWorkspaceImport';
import { loadWorkspace, type WorkspaceOverrides } from '../../../engine/src/workspace/loadWorkspace';
import { createOverlayFileSystem, mapOverlay } from './overlayFileSystem';
import type { DryRunResponse } from './requests';

/** What a dry run needs to start (structured-clone data only: it crosses to a worker thread). */
export interface DryRunJob {
  root: string;
  importPath: string;
  importUri: string;
  /** The open documents of the workspace: [absolute path, text]. */
  overlay: [string, string][];
  /** The editor's path settings replacing importstudio.yaml's (loadWorkspace's overrides). */
  overrides: WorkspaceOverrides;
  limit?: number;
  cacheRows?: number;
}

export async function runDryRunJob(
  base: FileSystem,
  job: DryRunJob,
  options: Pick<DryRunOptions, 'signal' | 'onProgress' | 'readThread'> = {},
): Promise<DryRunResponse> {
  const fs = createOverlayFileSystem(base, mapOverlay(new Map(job.overlay)));
  const workspace = await loadWorkspace(fs, job.root, { overrides: job.overrides });
  const importDoc = workspace.imports.find((d) => d.path === job.importPath);
  if (!importDoc) {
    return {
      ok: false,
      importUri: job.importUri,
      problems: [
        problem('E0001', `The import '${job.importPath}' is no longer in the workspace.`, [{ file: job.importPath }]),
      ],
    };
  }
  const outcome = await dryRunWorkspaceImport(fs, workspace, importDoc, {
    ...(job.limit !== undefined ? { limit: job.limit } : {}),
    ...(job.cacheRows !== undefined ? { cacheRows: job.cacheRows } : {}),
    ...options,
  });
  return outcome.ok
    ? { ok: true, importUri: job.importUri, result: outcome.result }
    : { ok: false, importUri: job.importUri, problems: outcome.problems };
}
