/** The reading thread's entry on Node (dist/readWorker.js): serves one read from the local disk. */
import { parentPort } from 'node:worker_threads';
import type { ToReader } from '../read/readThread';
import { serveReadThread } from '../read/readThreadServer';
import { nodeFileSystem } from './nodeFileSystem';

const port = parentPort;
if (port) {
  serveReadThread(
    {
      post: (message, transfer) => port.postMessage(message, transfer),
      onMessage: (listener) => port.on('message', (message: ToReader) => listener(message)),
    },
    nodeFileSystem,
  );
}
