/**
 * `importStudio/dryRun` in the browser worker: no worker_threads here, so the run happens in this
 * worker, from the workspace loaded afresh over the memory file system with the editor's open texts
 * laid over it (the same inputs server/src/node/dryRunWorker.ts loads on Node). With work-done
 * progress when the request carries a token, and cancellation: the reads let the worker's event loop
 * run (memoryFileSystem yields every 50 ms; the web extension's reads are requests to the client),
 * so `$/cancelRequest` arrives mid-run and aborts the engine's signal.
 */
import { type CancellationToken, type Connection, LSPErrorCodes, ResponseError } from 'vscode-languageserver';
import { problem } from '../../../engine/src/errors/catalog';
import type { FileSystem } from '../../../engine/src/io/fileSystem';
import { dryRunWorkspaceImport } from '../../../engine/src/run/dryRunWorkspaceImport';
import { loadWorkspace } from '../../../engine/src/workspace/loadWorkspace';
import type { LanguageService } from '../service/languageService';
import { createOverlayFileSystem, mapOverlay } from '../service/overlayFileSystem';
import { type DryRunParams, type DryRunResponse, dryRunProgressMessage } from '../service/requests';
import { startProgress } from '../node/progress';

export async function dryRunInWorker(
  connection: Connection,
  service: LanguageService,
  base: FileSystem,
  params: DryRunParams,
  cancel: CancellationToken,
): Promise<DryRunResponse> {
  const target = await service.dryRunTarget(params.uri);
  if (!target.ok) return target;
  const fs = createOverlayFileSystem(base, mapOverlay(new Map(target.overlay)));
  const workspace = await loadWorkspace(fs, target.root, { overrides: target.overrides });
  const importDoc = workspace.imports.find((d) => d.path === target.importPath);
  if (!importDoc) {
    return {
      ok: false,
      importUri: target.importUri,
      problems: [
        problem('E0001', `The import '${target.importPath}' is no longer in the workspace.`, [
          { file: target.importPath },
        ]),
      ],
    };
  }
  const name = target.importPath.slice(target.importPath.lastIndexOf('/') + 1);
  const progress = await startProgress(connection, params, false, `Dry run of ${name}`);
  const abort = new AbortController();
  const subscription = cancel.onCancellationRequested(() => abort.abort());
  // Reports are throttled: the engine calls back about every 50 ms, and a client needs no more.
  let lastReport = 0;
  let rowsDone = 0;
  let ending: string | undefined;
  let outcome: Awaited<ReturnType<typeof dryRunWorkspaceImport>>;
  try {
    outcome = await dryRunWorkspaceImport(fs, workspace, importDoc, {
      ...(params.limit !== undefined ? { limit: params.limit } : {}),
      ...(params.cacheRows !== undefined ? { cacheRows: params.cacheRows } : {}),
      signal: abort.signal,
      onProgress: (rows) => {
        rowsDone = rows;
        const now = Date.now();
        if (now - lastReport < 100) return;
        lastReport = now;
        progress.report(dryRunProgressMessage(rows));
      },
    });
  } catch (error) {
    if (!abort.signal.aborted) throw error;
    // Where it stopped, for a client that shows how a cancelled run ended (the playground does).
    ending = `cancelled after ${dryRunProgressMessage(rowsDone)}`;
    throw new ResponseError(LSPErrorCodes.RequestCancelled, 'The dry run was cancelled.');
  } finally {
    subscription.dispose();
    progress.done(ending);
  }
  return outcome.ok
    ? { ok: true, importUri: target.importUri, result: outcome.result }
    : { ok: false, importUri: target.importUri, problems: outcome.problems };
}
