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
import type { PackedRows, XmlHalfRequest } from './xmlHalves';
import { type RowCheckSpec, rowChecker } from '../map/rowChecks';

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
  /** The mapped cells to check per row on the reading thread (map/rowChecks.ts). */
  checks?: RowCheckSpec;
}

export type ToReader =
  { type: 'read'; request: ReadRequest } | { type: 'read-xml'; request: XmlHalfRequest } | { type: 'credit' };

/** A chunk as it crosses: its rows array is the reader's own copy, transferred. */
type WireChunk = CsvChunk;

export type FromReader =
  | { type: 'headers'; headers: string[] }
  | { type: 'chunks'; chunks: WireChunk[] }
  | { type: 'end'; problems: Problem[] }
  /** xml in two halves (xmlHalves.ts): where the second half starts, or that the file is read whole here. */
  | { type: 'cut'; byte: number; encoding: Encoding }
  | { type: 'whole' }
  | { type: 'rows'; batch: PackedRows }
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

/**
 * Starts a reading thread (one per source read): for all of a csv or tsv file, or the second half
 * of an xml file (the adapter may size the thread's heap for each).
 */
export type StartReadThread = (use: 'csv' | 'xml-half') => ReadThread;

/** The reading thread's side of the channel. */
export interface ReaderPort {
  post(message: FromReader, transfer: ArrayBuffer[]): void;
  onMessage(listener: (message: ToReader) => void): void;
}

/** Messages of csv chunks the reader may post before this thread takes one. */
export const CSV_CREDITS = 16;
/** The reading thread checks rows (map/rowChecks.ts) only while at most this many credits are left. */
const CHECK_BELOW_CREDITS = CSV_CREDITS / 2;
/**
 * Characters of decoded text gathered into one message: each message has a fixed cost to post,
 * deliver and take, so the ~7,300 chunks of a 120 MB file travel as ~1,900 messages instead.
 */
export const MESSAGE_CHARS = 64 * 1024;

/**
 * Posts a message only while holding a credit; the dry run's thread returns one per message it
 * takes, so at most the starting number of messages wait in memory.
 */
export class Credits {
  private wake: (() => void) | undefined;
  constructor(private credits: number) {}

  /** Messages that may still be posted before the dry run's thread takes one. */
  get available(): number {
    return this.credits;
  }

  give(): void {
    this.credits++;
    const wake = this.wake;
    this.wake = undefined;
    wake?.();
  }

  async take(): Promise<void> {
    while (this.credits === 0) await new Promise<void>((resolve) => (this.wake = resolve));
    this.credits--;
  }
}

/** The reading thread's answer to an error that stopped reading. */
export function failure(error: unknown): FromReader {
  if (error instanceof ProblemError) return { type: 'problem', problem: error.problem };
  return { type: 'failed', message: error instanceof Error ? error.message : String(error) };
}

/**
 * The reading thread's side of a csv or tsv read: headers, chunks and the end (or the problem that
 * stopped reading), as `openSource` would have thrown or returned them in one thread.
 */
export async function serveCsvRead(
  port: ReaderPort,
  credits: Credits,
  texts: AsyncGenerator<string, void, undefined>,
  request: ReadRequest,
): Promise<void> {
  try {
    const { headers, chunks, problems } = await readCsvChunks(texts, {
      format: request.format,
      file: request.file,
      limits: request.limits,
    });
    port.post({ type: 'headers', headers }, []);
    const checking = rowChecker(request.checks, headers);
    let pending: WireChunk[] = [];
    let chars = 0;
    const flush = async (): Promise<void> => {
      await credits.take();
      const transfer: ArrayBuffer[] = [];
      for (const c of pending) {
        transfer.push(c.rows.buffer as ArrayBuffer);
        if (c.checks) transfer.push(c.checks.buffer as ArrayBuffer);
      }
      port.post({ type: 'chunks', chunks: pending }, transfer);
      pending = [];
      chars = 0;
    };
    for await (const chunk of chunks) {
      // The scanner reuses its arrays: the chunk's rows are copied once, then moved, not copied again.
      const wire: WireChunk = {
        text: chunk.text,
        rows: chunk.rows.slice(),
        count: chunk.count,
        firstIndex: chunk.firstIndex,
      };
      // Checking costs this thread about what it saves the other: worth it only while the other is
      // behind (most of its credits spent), so each thread ends up with about half of the work.
      const check =
        checking !== undefined && (request.checks?.when === 'always' || credits.available <= CHECK_BELOW_CREDITS);
      pending.push(check ? { ...wire, checks: checking.check(chunk.text, chunk.rows, chunk.count) } : wire);
      chars += chunk.text.length;
      if (chars >= MESSAGE_CHARS) await flush();
    }
    if (pending.length > 0) await flush();
    port.post({ type: 'end', problems }, []);
  } catch (error) {
    port.post(failure(error), []);
  }
}

/** Messages from the reading thread in order; `next` waits for one. */
export class Inbox {
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

/** The dry run's side of a reading thread (see openChannel). */
export interface Channel {
  readonly inbox: Inbox;
  /**
   * The thread's first answer; undefined when it failed before giving one (then it is stopped).
   * `meanwhile` runs first, while the thread starts (~50 ms for a worker): work of this thread's
   * that would otherwise wait for the answer, or the answer for it.
   */
  first(meanwhile?: () => void): Promise<FromReader | undefined>;
  /** Stops the thread (its file handles close with it); again is a no-op. */
  stop(): void;
  /** Stops the thread and throws what the message says went wrong. */
  failWith(message: FromReader): never;
}

/**
 * Asks `thread` to read, and wires its answers into an inbox: aborting `signal` fails the inbox
 * and stops the thread.
 */
export function openChannel(thread: ReadThread, ask: ToReader, signal?: AbortSignal): Channel {
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
  thread.onMessage((message) => {
    inbox.push(message);
    // Everything the thread had to say is here: stop it now, so its memory goes before the rows are taken.
    if (message.type === 'end') stop();
  });
  thread.onError((error) => inbox.fail(error));
  thread.post(ask);
  return {
    inbox,
    stop,
    failWith(message) {
      stop();
      if (message.type === 'problem') throw new ProblemError(message.problem);
      throw new Error(message.type === 'failed' ? `Reading failed: ${message.message}` : `Unexpected ${message.type}`);
    },
    async first(meanwhile) {
      try {
        meanwhile?.();
      } catch (error) {
        stop();
        throw error;
      }
      try {
        signal?.throwIfAborted();
        return await inbox.next();
      } catch (error) {
        stop();
        if (signal?.aborted) throw error;
        return undefined;
      }
    },
  };
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
  meanwhile?: () => void,
): Promise<SourceReader> {
  const channel = openChannel(thread, { type: 'read', request }, signal);
  const { inbox, stop, failWith } = channel;
  const first = await channel.first(meanwhile);
  if (first === undefined) return inThisThread();
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
