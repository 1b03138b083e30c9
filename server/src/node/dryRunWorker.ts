/**
 * The dry-run worker (dist/dryRunWorker.js): runs one import's dry run on a worker thread, so the
 * server's main loop keeps answering diagnostics and completion meanwhile. It loads the workspace
 * itself (a loaded workspace holds functions and cannot cross threads) from the disk with the
 * editor's open texts laid over it, which is what the server sees too.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { problem } from '../../../engine/src/errors/catalog';
import { nodeFileSystem } from '../../../engine/src/io/nodeFileSystem';
import { dryRunWorkspaceImport } from '../../../engine/src/run/dryRunWorkspaceImport';
import { loadWorkspace } from '../../../engine/src/workspace/loadWorkspace';
import { createOverlayFileSystem, mapOverlay } from '../service/overlayFileSystem';
import type { DryRunResponse } from '../service/requests';
import type { DryRunJob, WorkerMessage } from './dryRunJob';

async function run(job: DryRunJob): Promise<DryRunResponse> {
  const fs = createOverlayFileSystem(nodeFileSystem, mapOverlay(new Map(job.overlay)));
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
    onProgress: (rows) => post({ type: 'progress', rows }),
  });
  return outcome.ok
    ? { ok: true, importUri: job.importUri, result: outcome.result }
    : { ok: false, importUri: job.importUri, problems: outcome.problems };
}

function post(message: WorkerMessage): void {
  parentPort?.postMessage(message);
}

run(workerData as DryRunJob).then(
  (response) => post({ type: 'done', response }),
  (error: unknown) => post({ type: 'failed', message: error instanceof Error ? error.message : String(error) }),
);
