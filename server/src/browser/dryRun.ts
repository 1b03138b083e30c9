/**
 * `importStudio/dryRun` in the browser worker: no worker_threads here, so the run happens in this
 * worker (runDryRunJob, as server/src/node/dryRunWorker.ts runs it on a thread). With work-done
 * progress when the request carries a token, and cancellation: the reads let the worker's event loop
 * run (memoryFileSystem yields every 50 ms; the web extension's reads are requests to the client),
 * so `$/cancelRequest` arrives mid-run and aborts the engine's signal.
 */
import { type CancellationToken, type Connection, LSPErrorCodes, ResponseError } from 'vscode-languageserver';
import type { FileSystem } from '../../../engine/src/io/fileSystem';
import { startProgress } from '../node/progress';
import type { LanguageService } from '../service/languageService';
import { type DryRunParams, type DryRunResponse, dryRunProgressMessage } from '../service/requests';
import { runDryRunJob } from '../service/runDryRunJob';

export async function dryRunInWorker(
  connection: Connection,
  service: LanguageService,
  base: FileSystem,
  params: DryRunParams,
  cancel: CancellationToken,
): Promise<DryRunResponse> {
  const target = await service.dryRunTarget(params.uri);
  if (!target.ok) return target;
  const name = target.importPath.slice(target.importPath.lastIndexOf('/') + 1);
  const progress = await startProgress(connection, params, false, `Dry run of ${name}`);
  const abort = new AbortController();
  const subscription = cancel.onCancellationRequested(() => abort.abort());
  // Reports are throttled: the engine calls back about every 50 ms, and a client needs no more.
  let lastReport = 0;
  let rowsDone = 0;
  let ending: string | undefined;
  try {
    return await runDryRunJob(
      base,
      {
        ...target,
        ...(params.limit !== undefined ? { limit: params.limit } : {}),
        ...(params.cacheRows !== undefined ? { cacheRows: params.cacheRows } : {}),
      },
      {
        signal: abort.signal,
        onProgress: (rows) => {
          rowsDone = rows;
          const now = Date.now();
          if (now - lastReport < 100) return;
          lastReport = now;
          progress.report(dryRunProgressMessage(rows));
        },
      },
    );
  } catch (error) {
    if (!abort.signal.aborted) throw error;
    // Where it stopped, for a client that shows how a cancelled run ended (the playground does).
    ending = `cancelled after ${dryRunProgressMessage(rowsDone)}`;
    throw new ResponseError(LSPErrorCodes.RequestCancelled, 'The dry run was cancelled.');
  } finally {
    subscription.dispose();
    progress.done(ending);
  }
}
