/**
 * The engine's only window on files. The engine never imports `node:fs`: the Node adapter
 * (io/nodeFileSystem.ts) and, later, a browser adapter implement this interface at its edge.
 * Paths are absolute in the adapter's own namespace, with forward slashes.
 */
export interface FileStat {
  size: number;
  isFile: boolean;
  isDirectory: boolean;
}

export interface ReadStreamOptions {
  signal?: AbortSignal;
  chunkSize?: number;
  start?: number;
}

export interface FileSystem {
  /** Reads a whole small file (configurations, forms, fixtures) as bytes. */
  readFile(path: string): Promise<Uint8Array>;
  /**
   * Streams a possibly huge file in chunks; memory stays bounded by the chunk size. `start`: the
   * byte offset to begin at (reading a file in two halves, read/xmlHalves.ts).
   */
  readStream(path: string, options?: ReadStreamOptions): AsyncIterable<Uint8Array>;
  stat(path: string): Promise<FileStat | undefined>;
  /** Resolves symbolic links, so that a path that escapes a root through a link can be refused. */
  realPath(path: string): Promise<string>;
  /** Names (not paths) of the entries of a directory. */
  readDirectory(path: string): Promise<{ name: string; isDirectory: boolean }[]>;
  /**
   * The file's path on this machine's disk when its bytes are read from there unchanged (Node's
   * adapter; not a file an editor holds unsaved text for), so that another thread may open it
   * itself (read/readThread.ts). Absent or undefined: only this FileSystem can read it.
   */
  diskPath?(path: string): string | undefined;
}

/** Joins and normalises forward-slash paths without touching the disk (no `node:path`, so it runs in a browser). */
export function joinPath(base: string, ...parts: string[]): string {
  return normalizePath([base, ...parts].join('/'));
}

export function normalizePath(path: string): string {
  const absolute = path.startsWith('/');
  const out: string[] = [];
  for (const segment of path.split('/')) {
    if (segment === '' || segment === '.') continue;
    if (segment === '..') {
      if (out.length > 0 && out[out.length - 1] !== '..') out.pop();
      else if (!absolute) out.push('..');
      continue;
    }
    out.push(segment);
  }
  return (absolute ? '/' : '') + out.join('/');
}

export function dirname(path: string): string {
  const i = path.lastIndexOf('/');
  return i <= 0 ? (path.startsWith('/') ? '/' : '.') : path.slice(0, i);
}

/** The path of `target` relative to `base` (both absolute), with forward slashes. */
export function relativePath(base: string, target: string): string {
  const from = normalizePath(base).split('/').filter(Boolean);
  const to = normalizePath(target).split('/').filter(Boolean);
  let i = 0;
  while (i < from.length && i < to.length && from[i] === to[i]) i++;
  return [...from.slice(i).map(() => '..'), ...to.slice(i)].join('/') || '.';
}

/** True when `path` is `root` or lies below it (both normalised, absolute). */
export function isInside(root: string, path: string): boolean {
  const r = normalizePath(root);
  const p = normalizePath(path);
  return p === r || p.startsWith(r.endsWith('/') ? r : `${r}/`);
}
