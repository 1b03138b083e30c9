/**
 * The engine's FileSystem with the editor's open documents laid over it: what the user sees in the
 * editor (saved or not) is what the workspace is loaded from, and what a dry run reads. Any base
 * FileSystem works (Node's in server/src/node, an in-memory one in a browser worker or a test).
 */
import type { FileStat, FileSystem } from '../../../engine/src/io/fileSystem';

const encoder = new TextEncoder();

export interface Overlay {
  /** The open document's text at an absolute path, if it is open. */
  get(path: string): string | undefined;
  /** Every overlaid path (for listing folders that hold open, not yet saved, files). */
  keys(): Iterable<string>;
}

export function createOverlayFileSystem(base: FileSystem, overlay: Overlay): FileSystem {
  // The bytes of an overlaid text, cached by text: a 2,000-line document is encoded once per edit,
  // not once per stat and read.
  let lastText: string | undefined;
  let lastBytes = new Uint8Array();
  const bytesOf = (text: string): Uint8Array => {
    if (text !== lastText) {
      lastText = text;
      lastBytes = encoder.encode(text);
    }
    return lastBytes;
  };
  return {
    async readFile(path) {
      const text = overlay.get(path);
      return text === undefined ? base.readFile(path) : bytesOf(text);
    },
    readStream(path, options) {
      const text = overlay.get(path);
      if (text === undefined) return base.readStream(path, options);
      const bytes = bytesOf(text).subarray(options?.start ?? 0);
      return (async function* () {
        yield bytes;
      })();
    },
    async stat(path): Promise<FileStat | undefined> {
      const text = overlay.get(path);
      if (text === undefined) return base.stat(path);
      return { size: bytesOf(text).length, isFile: true, isDirectory: false };
    },
    // An open document's unsaved text is not on disk: only this FileSystem can read it.
    diskPath: (path) => (overlay.get(path) === undefined ? base.diskPath?.(path) : undefined),
    realPath: (path) => (overlay.get(path) === undefined ? base.realPath(path) : Promise.resolve(path)),
    async readDirectory(path) {
      let entries: { name: string; isDirectory: boolean }[] = [];
      try {
        entries = await base.readDirectory(path);
      } catch (error) {
        // A folder that exists only through open documents is still listed; any other failure stands.
        if (!hasOverlaidDescendant(overlay, path)) throw error;
      }
      // Open files not on disk (new, unsaved) are listed, and so are the folders that lead to them.
      const names = new Set(entries.map((e) => e.name));
      const prefix = path.endsWith('/') ? path : `${path}/`;
      for (const open of overlay.keys()) {
        if (!open.startsWith(prefix)) continue;
        const rest = open.slice(prefix.length);
        const slash = rest.indexOf('/');
        const name = slash < 0 ? rest : rest.slice(0, slash);
        if (names.has(name)) continue;
        names.add(name);
        entries.push({ name, isDirectory: slash >= 0 });
      }
      return entries;
    },
  };
}

function hasOverlaidDescendant(overlay: Overlay, dir: string): boolean {
  const prefix = dir.endsWith('/') ? dir : `${dir}/`;
  for (const open of overlay.keys()) if (open.startsWith(prefix)) return true;
  return false;
}

/** An overlay over a plain map of path → text. */
export function mapOverlay(map: ReadonlyMap<string, string>): Overlay {
  return { get: (path) => map.get(path), keys: () => map.keys() };
}
