/** The Node adapter of the engine's FileSystem: the one engine module allowed to import node:fs. */
import { createReadStream } from 'node:fs';
import { readdir, readFile, realpath, stat } from 'node:fs/promises';
import type { FileStat, FileSystem } from './fileSystem';

export const nodeFileSystem: FileSystem = {
  async readFile(path) {
    return new Uint8Array(await readFile(path));
  },
  async *readStream(path, options) {
    const stream = createReadStream(path, { highWaterMark: options?.chunkSize ?? 1 << 20, start: options?.start ?? 0 });
    const signal = options?.signal;
    const onAbort = () => stream.destroy(new Error('aborted'));
    signal?.addEventListener('abort', onAbort, { once: true });
    try {
      for await (const chunk of stream) yield chunk as Buffer;
    } finally {
      signal?.removeEventListener('abort', onAbort);
      stream.destroy();
    }
  },
  async stat(path): Promise<FileStat | undefined> {
    try {
      const s = await stat(path);
      return { size: s.size, isFile: s.isFile(), isDirectory: s.isDirectory() };
    } catch {
      return undefined;
    }
  },
  async realPath(path) {
    return (await realpath(path)).replaceAll('\\', '/');
  },
  diskPath: (path) => path,
  async readDirectory(path) {
    const entries = await readdir(path, { withFileTypes: true });
    return entries.map((e) => ({ name: e.name, isDirectory: e.isDirectory() }));
  },
};
