import { dirname, type FileSystem, joinPath } from '../io/fileSystem';
import { workspaceFileNames } from './loadWorkspace';

/**
 * The workspace folder that holds `start` (a folder or a file in it): the nearest folder at or
 * above it with an importstudio.yaml/yml/json. Undefined when no folder up to the root has one.
 */
export async function findWorkspaceRoot(fs: FileSystem, start: string): Promise<string | undefined> {
  const stat = await fs.stat(start);
  let dir = stat?.isDirectory ? start : dirname(start);
  for (;;) {
    for (const name of workspaceFileNames) {
      if ((await fs.stat(joinPath(dir, name)))?.isFile) return dir;
    }
    const parent = dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}
