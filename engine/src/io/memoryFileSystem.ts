/**
 * A FileSystem held in memory: the browser playground's workspace (the files the page sends to its
 * worker) and tests. Pure: no `node:` module, so it bundles for a browser. Paths are absolute with
 * forward slashes, like every adapter's; folders exist because files lie below them.
 */
import { type FileStat, type FileSystem, normalizePath } from './fileSystem';

/** How long a read from memory runs before it lets other tasks (messages, timers) in. */
const YIELD_EVERY_MS = 50;

export interface MemoryFileSystem extends FileSystem {
  /** Adds or replaces a file. */
  write(path: string, bytes: Uint8Array): void;
  delete(path: string): void;
  /** Every file path, sorted. */
  paths(): string[];
}

const defaultChunk = 64 * 1024;

export function createMemoryFileSystem(files: Iterable<[string, Uint8Array]> = []): MemoryFileSystem {
  const byPath = new Map<string, Uint8Array>();
  for (const [path, bytes] of files) byPath.set(normalizePath(path), bytes);

  const isFolder = (path: string): boolean => {
    const prefix = path === '/' ? '/' : `${path}/`;
    for (const key of byPath.keys()) if (key.startsWith(prefix)) return true;
    return false;
  };
  const missing = (path: string): Error =>
    Object.assign(new Error(`ENOENT: no such file or directory '${path}'`), { code: 'ENOENT' });

  return {
    async readFile(path) {
      const bytes = byPath.get(normalizePath(path));
      if (!bytes) throw missing(path);
      return bytes;
    },
    readStream(path, options) {
      const bytes = byPath.get(normalizePath(path));
      const size = options?.chunkSize ?? defaultChunk;
      const signal = options?.signal;
      return (async function* () {
        if (!bytes) throw missing(path);
        let lastYield = performance.now();
        // Chunks, as a disk read gives them: the engine's streaming decoders must see boundaries here too.
        for (let at = options?.start ?? 0; at < bytes.length; at += size) {
          // Memory answers at once, so a long read would never let the event loop run: a worker
          // would not see a cancellation until the run ended. A disk read waits anyway.
          if (performance.now() - lastYield > YIELD_EVERY_MS) {
            await new Promise((resolve) => setTimeout(resolve, 0));
            lastYield = performance.now();
          }
          // As the Node adapter does: an aborted read fails rather than looking like a short file.
          if (signal?.aborted) throw new Error('aborted');
          yield bytes.subarray(at, at + size);
        }
      })();
    },
    async stat(path): Promise<FileStat | undefined> {
      const clean = normalizePath(path);
      const bytes = byPath.get(clean);
      if (bytes) return { size: bytes.length, isFile: true, isDirectory: false };
      return isFolder(clean) ? { size: 0, isFile: false, isDirectory: true } : undefined;
    },
    // No links in memory: a path is its own real path (one that does not exist fails, as on disk).
    async realPath(path) {
      const clean = normalizePath(path);
      if (!byPath.has(clean) && !isFolder(clean)) throw missing(path);
      return clean;
    },
    async readDirectory(path) {
      const clean = normalizePath(path);
      if (!isFolder(clean)) throw missing(path);
      const prefix = clean === '/' ? '/' : `${clean}/`;
      const entries = new Map<string, boolean>();
      for (const key of byPath.keys()) {
        if (!key.startsWith(prefix)) continue;
        const rest = key.slice(prefix.length);
        const slash = rest.indexOf('/');
        const name = slash < 0 ? rest : rest.slice(0, slash);
        entries.set(name, (entries.get(name) ?? false) || slash >= 0);
      }
      return [...entries].map(([name, isDirectory]) => ({ name, isDirectory }));
    },
    write(path, bytes) {
      byPath.set(normalizePath(path), bytes);
    },
    delete(path) {
      byPath.delete(normalizePath(path));
    },
    paths: () => [...byPath.keys()].sort(),
  };
}
