/**
 * Runs an `importStudio/dryRun` request on a worker thread with work-done progress and
 * cancellation. Cancelling terminates the worker: a dry run of a million rows stops at once,
 * wherever it is, and its file handles close with the thread.
 */
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { type CancellationToken, type Connection, LSPErrorCodes, ResponseError } from 'vscode-languageserver/node';
import type { LanguageService } from '../service/languageService';
import { type DryRunParams, type DryRunResponse, dryRunProgressMessage } from '../service/requests';
import type { DryRunJob, WorkerMessage } from './dryRunJob';
import { startProgress } from './progress';

export async function dryRunRequest(
  connection: Connection,
  service: LanguageService,
  params: DryRunParams,
  cancel: CancellationToken,
  canCreateProgress: boolean,
): Promise<DryRunResponse> {
  const target = await service.dryRunTarget(params.uri);
  if (!target.ok) return target;
  if (cancel.isCancellationRequested)
    throw new ResponseError(LSPErrorCodes.RequestCancelled, 'The dry run was cancelled.');
  const job: DryRunJob = {
    root: target.root,
    importPath: target.importPath,
    importUri: target.importUri,
    overlay: target.overlay,
    overrides: target.overrides,
    ...(params.limit !== undefined ? { limit: params.limit } : {}),
    ...(params.cacheRows !== undefined ? { cacheRows: params.cacheRows } : {}),
  };
  const name = target.importPath.slice(target.importPath.lastIndexOf('/') + 1);
  const progress = await startProgress(connection, params, canCreateProgress, `Dry run of ${name}`);
  // Reports are throttled: the engine calls back about every 50 ms, and a client needs no more.
  let lastReport = 0;
  return new Promise<DryRunResponse>((resolve, reject) => {
    const worker = new Worker(join(__dirname, 'dryRunWorker.js'), { workerData: job });
    let settled = false;
    const finish = (outcome: () => void) => {
      if (settled) return;
      settled = true;
      subscription.dispose();
      progress.done();
      void worker.terminate();
      outcome();
    };
    const subscription = cancel.onCancellationRequested(() =>
      finish(() => reject(new ResponseError(LSPErrorCodes.RequestCancelled, 'The dry run was cancelled.'))),
    );
    worker.on('message', (message: WorkerMessage) => {
      if (message.type === 'progress') {
        const now = Date.now();
        if (now - lastReport >= 100) {
          lastReport = now;
          progress.report(dryRunProgressMessage(message.rows));
        }
      } else if (message.type === 'done') finish(() => resolve(message.response));
      else
        finish(() => reject(new ResponseError(LSPErrorCodes.RequestFailed, `The dry run failed: ${message.message}`)));
    });
    worker.on('error', (error) => finish(() => reject(new ResponseError(LSPErrorCodes.RequestFailed, error.message))));
    worker.on('exit', (code) =>
      finish(() => reject(new ResponseError(LSPErrorCodes.RequestFailed, `The dry-run worker exited (${code}).`))),
    );
  });
}
