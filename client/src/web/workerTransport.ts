/**
 * Starts the language server's Web Worker (dist/web/server.js) and the message transports to it,
 * with the URI rewriting of uriRewrite.ts on every message.
 *
 * The worker is created from a blob: URL of the script's bytes when the extension is not served over
 * http(s): the web extension host refuses `new Worker('vscode-remote://...')` (a remote extension,
 * as code-server serves one under development), and a blob URL is same-origin wherever it runs.
 */
import * as vscode from 'vscode';
import {
  AbstractMessageReader,
  AbstractMessageWriter,
  type DataCallback,
  type Disposable,
  type Message,
  type MessageReader,
  type MessageTransports,
  type MessageWriter,
} from 'vscode-languageclient';
import type { UriRewriter } from './uriRewrite';

/** The part of a DOM Worker this uses; declared here so that the Node-typed build checks this file too. */
interface WorkerLike {
  postMessage(message: unknown): void;
  addEventListener(type: 'message' | 'error', listener: (event: { data?: unknown }) => void): void;
  terminate(): void;
}
type WorkerConstructor = new (url: string, options?: { name?: string }) => WorkerLike;

async function workerUrl(script: vscode.Uri): Promise<string> {
  if (script.scheme === 'http' || script.scheme === 'https') return script.toString(true);
  const bytes = await vscode.workspace.fs.readFile(script);
  // A copy: the bytes may sit on a shared buffer, which a Blob does not take.
  return URL.createObjectURL(new Blob([new Uint8Array(bytes)], { type: 'text/javascript' }));
}

class Reader extends AbstractMessageReader implements MessageReader {
  private callback: DataCallback | undefined;
  constructor(worker: WorkerLike, rewriter: UriRewriter) {
    super();
    worker.addEventListener('message', (event) => this.callback?.(rewriter.fromServer(event.data) as Message));
    worker.addEventListener('error', (event) => this.fireError(event));
  }
  listen(callback: DataCallback): Disposable {
    this.callback = callback;
    return { dispose: () => (this.callback = undefined) };
  }
}

class Writer extends AbstractMessageWriter implements MessageWriter {
  constructor(
    private readonly worker: WorkerLike,
    private readonly rewriter: UriRewriter,
  ) {
    super();
  }
  async write(message: Message): Promise<void> {
    this.worker.postMessage(this.rewriter.toServer(message));
  }
  end(): void {
    this.worker.terminate();
  }
}

/** A new worker per call: the client calls this again on restart. */
export async function startServerWorker(script: vscode.Uri, rewriter: UriRewriter): Promise<MessageTransports> {
  const WorkerClass = (globalThis as unknown as { Worker?: WorkerConstructor }).Worker;
  if (!WorkerClass) throw new Error('This extension host cannot start Web Workers.');
  const worker = new WorkerClass(await workerUrl(script), { name: 'Import Studio language server' });
  return { reader: new Reader(worker, rewriter), writer: new Writer(worker, rewriter) };
}
