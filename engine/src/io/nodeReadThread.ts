/**
 * The Node adapter of read/readThread.ts: a reading thread is a worker_threads Worker running
 * nodeReadWorker.ts (bundled as dist/readWorker.js, next to the bundle that starts it).
 */
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { FromReader, StartReadThread } from '../read/readThread';

/** `script`: the worker's entry; tests running from source pass nodeReadWorker.ts (tsx comes with execArgv). */
export function nodeReadThread(script: string = join(__dirname, 'readWorker.js')): StartReadThread {
  return (use) => {
    // The thread's garbage is short-lived text: a small young generation keeps the process smaller
    // (csv: 8 MB, ~15 MB less; xml, whose rows wait for the first half: 4 MB; docs/performance.md).
    const young = use === 'xml-half' ? 4 : 8;
    const worker = new Worker(script, { resourceLimits: { maxYoungGenerationSizeMb: young } });
    let ended = false;
    return {
      post: (message) => worker.postMessage(message),
      onMessage: (listener) => worker.on('message', (message: FromReader) => listener(message)),
      onError: (listener) => {
        worker.on('error', listener);
        worker.on('exit', (code) => {
          if (!ended) listener(new Error(`The reading thread stopped (exit code ${code}).`));
        });
      },
      terminate: () => {
        ended = true;
        void worker.terminate();
      },
    };
  };
}
