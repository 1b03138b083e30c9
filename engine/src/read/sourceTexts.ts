/**
 * A source file's bytes, read in chunks and decoded: the text the csv, xml and json readers parse,
 * in either thread. A byte range (`start`, `end`) serves reading an xml file in two halves
 * (xmlHalves.ts); both ends of a range fall just after a line break, so no character is split.
 */
import type { FileSystem } from '../io/fileSystem';
import type { Encoding } from '../model/workspace';
import { decodeText } from './decode';

export interface SourceTextOptions {
  encoding: Encoding;
  file: string;
  signal?: AbortSignal;
  /** Bytes per piece handed to the decoder, and per read from the file system. */
  chunkSize: number;
  readSize: number;
  /** The byte offset to start at (default 0) and the one to stop before (default: the end). */
  start?: number;
  end?: number;
}

/**
 * The bytes in pieces of `chunkSize` cut at multiples of it from the file's start, whatever the
 * range: a decoder that fails fails on the same piece however the file is read, so a read in two
 * halves hands out the records before an encoding error that one thread does.
 */
async function* readBytes(fs: FileSystem, path: string, options: SourceTextOptions): AsyncGenerator<Uint8Array> {
  const { signal, chunkSize } = options;
  let position = options.start ?? 0;
  let left = options.end === undefined ? Number.POSITIVE_INFINITY : options.end - position;
  signal?.throwIfAborted();
  try {
    const stream = fs.readStream(path, {
      signal,
      chunkSize: options.readSize,
      ...(options.start ? { start: options.start } : {}),
    });
    for await (let chunk of stream) {
      if (chunk.length >= left) chunk = chunk.subarray(0, left);
      left -= chunk.length;
      for (let offset = 0; offset < chunk.length;) {
        signal?.throwIfAborted();
        const size = Math.min(chunkSize - (position % chunkSize), chunk.length - offset);
        yield offset === 0 && size === chunk.length ? chunk : chunk.subarray(offset, offset + size);
        offset += size;
        position += size;
      }
      if (left === 0) break;
    }
  } catch (error) {
    // The adapter's own abort error says less than the caller's reason.
    signal?.throwIfAborted();
    throw error;
  }
  signal?.throwIfAborted();
}

/**
 * Up to `max` bytes of the file from `start` (default 0); the stream is closed as soon as they are
 * in, so a huge file costs one read. The sniff of a source's first bytes, a profile's fingerprint
 * and the search for an xml file's cut all read this way.
 */
export async function readPrefix(
  fs: FileSystem,
  path: string,
  max: number,
  options: { start?: number; signal?: AbortSignal } = {},
): Promise<Uint8Array> {
  options.signal?.throwIfAborted();
  const out = new Uint8Array(max);
  let filled = 0;
  const stream = fs.readStream(path, {
    chunkSize: Math.min(max, 64 * 1024),
    ...(options.start ? { start: options.start } : {}),
    ...(options.signal ? { signal: options.signal } : {}),
  });
  for await (const chunk of stream) {
    const take = Math.min(chunk.length, max - filled);
    out.set(chunk.subarray(0, take), filled);
    filled += take;
    if (filled >= max) break;
  }
  return out.subarray(0, filled);
}

/** The file's bytes (or a range of them), decoded. Encoding errors are placed by reading the whole file again. */
export function sourceTexts(
  fs: FileSystem,
  path: string,
  options: SourceTextOptions,
): AsyncGenerator<string, void, undefined> {
  return decodeText(readBytes(fs, path, options), {
    encoding: options.encoding,
    file: options.file,
    reread: () => fs.readStream(path),
  });
}
