/**
 * The dry-run worker (dist/dryRunWorker.js): runs one import's dry run on a worker thread, so the
 * server's main loop keeps answering diagnostics and completion meanwhile. It loads the workspace
 * itself (a loaded workspace holds functions and cannot cross threads) from the disk with the
 * editor's open texts laid over it, which is what the server sees too.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { nodeFileSystem } from '../../../engine/src/io/nodeFileSystem';
import { nodeReadThread } from '../../../engine/src/io/nodeReadThread';
import { runDryRunJob } from '../service/runDryRunJob';
import type { DryRunJob, WorkerMessage } from './dryRunJob';

function post(message: WorkerMessage): void {
  parentPort?.postMessage(message);
}

runDryRunJob(nodeFileSystem, workerData as DryRunJob, {
  onProgress: (rows) => post({ type: 'progress', rows }),
  // Big csv files are read on a thread of their own (dist/readWorker.js, beside this bundle).
  readThread: nodeReadThread(),
}).then(
  (response) => post({ type: 'done', response }),
  (error: unknown) => post({ type: 'failed', message: error instanceof Error ? error.message : String(error) }),
);
