/**
 * Reading a big csv or tsv file on a second thread, so the dry run's thread only matches and maps.
 *
 * The reading thread decodes and scans the file exactly as `openSource` does in one thread (the
 * same `readCsvChunks`), and posts each chunk as its decoded text plus the cells' positions (one
 * Int32Array, transferred, not copied); this thread slices the cells it reads out of the text. The
 * bird's-eye figures are in docs/performance.md: on the 1M-row bench file, reading left the dry
 * run's thread, and what stays is the slicing.
 *
 * Pure: a `ReadThread` is any message port to a thread running `serveReadThread`. The Node adapter
 * (io/nodeReadThread.ts) starts a worker_threads Worker; a browser could start a Web Worker.
 * Flow control: the reader posts a message (several chunks) only while it holds a credit, and this
 * thread returns one per message it takes, so at most `CREDITS` messages wait in memory.
 */
import { ProblemError } from '../errors/problem';
import type { Problem } from '../errors/problem';
import type { Encoding } from '../model/workspace';
import { type CsvChunk, csvRecords, readCsvChunks } from './csv';
import type { ReadLimits } from './limits';
import { recordStream } from './batches';
import type { SourceReader, SourceRecord } from './sourceRecord';

/** What the reading thread is asked to read (structured-clone data). */
export interface ReadRequest {
  /** The file on the reading thread's own file system (FileSystem.diskPath). */
  path: string;
  /** The file as locations name it. */
  file: string;
  format: 'csv' | 'tsv';
  encoding: Encoding;
  limits: ReadLimits;
  chunkSize: number;
  readSize: number;
}

export type ToReader = { type: 'read'; request: ReadRequest } | { type: 'credit' };

/** A chunk as it crosses: its rows array is the reader's own copy, transferred. */
type WireChunk = CsvChunk;

export type FromReader =
  | { type: 'headers'; headers: string[] }
  | { type: 'chunks'; chunks: WireChunk[] }
  | { type: 'end'; problems: Problem[] }
  | { type: 'problem'; problem: Problem }
  | { type: 'failed'; message: string };

/** A message port to a reading thread, as the adapter that started it wraps it. */
export interface ReadThread {
  post(message: ToReader): void;
  onMessage(listener: (message: FromReader) => void): void;
  /** The thread failed to start or died. */
  onError(listener: (error: Error) => void): void;
  /** Stops the thread; its file handles close with it. */
  terminate(): void;
}

/** Starts a reading thread (one per source read). */
export type StartReadThread = () => ReadThread;

/** The reading thread's side of the channel. */
export interface ReaderPort {
  post(message: FromReader, transfer: ArrayBuffer[]): void;
  onMessage(listener: (message: ToReader) => void): void;
}

/** Messages the reader may post before this thread takes one. */
const CREDITS = 16;
/**
 * Characters of decoded text gathered into one message: each message has a fixed cost to post,
 * deliver and take, so the ~7,300 chunks of a 120 MB file travel as ~1,900 messages instead.
 */
const MESSAGE_CHARS = 64 * 1024;

/**
 * The reading thread: reads what the first message asks for and posts headers, chunks and the end
 * (or the problem that stopped reading), as `openSource` would have thrown or returned them.
 * `texts` decodes the file (openSource's own pipeline, given by the caller to keep this module free
 * of the byte-level reading).
 */
export function serveReadThread(
  port: ReaderPort,
  texts: (request: ReadRequest) => AsyncGenerator<string, void, undefined>,
): void {
  let credits = CREDITS;
  let wake: (() => void) | undefined;
  port.onMessage((message) => {
    if (message.type === 'credit') {
      credits++;
      wake?.();
      wake = undefined;
    } else void read(message.request);
  });
  const waitForCredit = async (): Promise<void> => {
    while (credits === 0) await new Promise<void>((resolve) => (wake = resolve));
    credits--;
  };

  const read = async (request: ReadRequest): Promise<void> => {
    try {
      const { headers, chunks, problems } = await readCsvChunks(texts(request), {
        format: request.format,
        file: request.file,
        limits: request.limits,
      });
      port.post({ type: 'headers', headers }, []);
      let pending: WireChunk[] = [];
      let chars = 0;
      const flush = async (): Promise<void> => {
        await waitForCredit();
        port.post(
          { type: 'chunks', chunks: pending },
          pending.map((c) => c.rows.buffer as ArrayBuffer),
        );
        pending = [];
        chars = 0;
      };
      for await (const chunk of chunks) {
        // The scanner reuses its arrays: the chunk's rows are copied once, then moved, not copied again.
        pending.push({ text: chunk.text, rows: chunk.rows.slice(), count: chunk.count, firstIndex: chunk.firstIndex });
        chars += chunk.text.length;
        if (chars >= MESSAGE_CHARS) await flush();
      }
      if (pending.length > 0) await flush();
      port.post({ type: 'end', problems }, []);
    } catch (error) {
      if (error instanceof ProblemError) port.post({ type: 'problem', problem: error.problem }, []);
      else port.post({ type: 'failed', message: error instanceof Error ? error.message : String(error) }, []);
    }
  };
}

/** Messages from the reading thread in order; `next` waits for one. */
class Inbox {
  private readonly queue: FromReader[] = [];
  private waiter: { resolve: (m: FromReader) => void; reject: (e: unknown) => void } | undefined;
  private failure: { error: unknown } | undefined;

  push(message: FromReader): void {
    const waiter = this.waiter;
    this.waiter = undefined;
    if (waiter) waiter.resolve(message);
    else this.queue.push(message);
  }

  fail(error: unknown): void {
    if (this.failure) return;
    this.failure = { error };
    const waiter = this.waiter;
    this.waiter = undefined;
    waiter?.reject(error);
  }

  next(): Promise<FromReader> {
    if (this.failure) return Promise.reject(this.failure.error);
    const message = this.queue.shift();
    if (message) return Promise.resolve(message);
    return new Promise((resolve, reject) => (this.waiter = { resolve, reject }));
  }
}

/**
 * A SourceReader whose csv or tsv file is read on `thread`: the same headers, records, problems and
 * ProblemErrors as `readCsv` in this thread. Aborting `signal` or leaving the records early stops
 * the thread. A thread that fails before its first answer (its script missing from a broken
 * install, say) costs nothing but the attempt: the file is read by `inThisThread` instead.
 */
export async function readCsvOnThread(
  thread: ReadThread,
  request: ReadRequest,
  inThisThread: () => Promise<SourceReader>,
  signal?: AbortSignal,
): Promise<SourceReader> {
  const inbox = new Inbox();
  let stopped = false;
  const stop = (): void => {
    if (stopped) return;
    stopped = true;
    signal?.removeEventListener('abort', onAbort);
    thread.terminate();
  };
  const onAbort = (): void => {
    inbox.fail(signal?.reason);
    stop();
  };
  signal?.addEventListener('abort', onAbort, { once: true });
  thread.onMessage((message) => inbox.push(message));
  thread.onError((error) => inbox.fail(error));
  thread.post({ type: 'read', request });

  const failWith = (message: FromReader): never => {
    stop();
    if (message.type === 'problem') throw new ProblemError(message.problem);
    throw new Error(message.type === 'failed' ? `Reading failed: ${message.message}` : `Unexpected ${message.type}`);
  };

  let first: FromReader;
  try {
    signal?.throwIfAborted();
    first = await inbox.next();
  } catch (error) {
    stop();
    if (signal?.aborted) throw error;
    return inThisThread();
  }
  if (first.type !== 'headers') return failWith(first);
  const headers = first.headers;
  const problems: Problem[] = [];

  async function* batches(): AsyncGenerator<SourceRecord[], void, undefined> {
    try {
      for (;;) {
        const message = await inbox.next();
        if (message.type === 'chunks') {
          thread.post({ type: 'credit' });
          for (const chunk of message.chunks) yield csvRecords(chunk, headers);
        } else if (message.type === 'end') {
          problems.push(...message.problems);
          return;
        } else failWith(message);
      }
    } finally {
      stop();
    }
  }

  return { headers, ...recordStream(batches()), problems };
}
