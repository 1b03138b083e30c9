/** A real reading thread for tests: the worker's entry bundled by esbuild, and a counting wrapper. */
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { buildSync } from 'esbuild';
import { nodeReadThread } from '../../engine/src/io/nodeReadThread';
import type { StartReadThread } from '../../engine/src/read/readThread';

/** The worker's entry bundled once for this file (tests run from source; a worker cannot load .ts). */
export function bundledWorker(): string {
  const dir = resolve('node_modules/.cache/test-read-thread');
  mkdirSync(dir, { recursive: true });
  const outfile = join(dir, 'readWorker.js');
  buildSync({
    entryPoints: ['engine/src/io/nodeReadWorker.ts'],
    bundle: true,
    platform: 'node',
    format: 'cjs',
    outfile,
    logLevel: 'warning',
  });
  return outfile;
}

/**
 * nodeReadThread, counting the threads started, the ones that answered (so a read that fell back
 * to this thread is not taken for one on a thread) and the ones that exited. `checkAlways`: the
 * csv reads' row checks (map/rowChecks.ts) run on every chunk, not only while the dry run is behind.
 */
export function countedThreads(
  worker: string,
  options: { checkAlways?: boolean } = {},
): {
  start: StartReadThread;
  started: number;
  answered: number;
  /** Messages of rows (the second half of an xml file) the threads posted. */
  rows: number;
  /** Cuts the threads proposed (the first answer to an xml read in two halves). */
  cuts: number;
  /** csv rows that passed some form's checks on the threads (a bit set). */
  checkedRows: number;
  exited: () => Promise<number>;
} {
  const base = nodeReadThread(worker);
  const exits: Promise<void>[] = [];
  const counter = {
    started: 0,
    answered: 0,
    rows: 0,
    cuts: 0,
    checkedRows: 0,
    start: ((use) => {
      counter.started++;
      const thread = base(use);
      const post = thread.post.bind(thread);
      thread.post = (message) => {
        const checks = message.type === 'read' ? message.request.checks : undefined;
        if (options.checkAlways && message.type === 'read' && checks) {
          post({ ...message, request: { ...message.request, checks: { ...checks, when: 'always' } } });
        } else post(message);
      };
      const onMessage = thread.onMessage.bind(thread);
      let answered = false;
      thread.onMessage = (listener) =>
        onMessage((message) => {
          if (!answered) {
            answered = true;
            counter.answered++;
          }
          if (message.type === 'rows') counter.rows++;
          if (message.type === 'cut') counter.cuts++;
          if (message.type === 'chunks') {
            for (const chunk of message.chunks)
              for (const bits of chunk.checks ?? []) if (bits !== 0) counter.checkedRows++;
          }
          listener(message);
        });
      exits.push(
        new Promise<void>((done) => {
          const terminate = thread.terminate.bind(thread);
          thread.terminate = () => {
            terminate();
            done();
          };
        }),
      );
      return thread;
    }) as StartReadThread,
    exited: async () => {
      await Promise.all(exits);
      return exits.length;
    },
  };
  return counter;
}
