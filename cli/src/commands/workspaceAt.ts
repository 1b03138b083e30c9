import { resolve } from 'node:path';
import { nodeFileSystem } from '../../../engine/src/io/nodeFileSystem';
import { findWorkspaceRoot, loadWorkspace } from '../../../engine/src/workspace';
import type { Workspace } from '../../../engine/src/workspace/types';

/** Loads the workspace that holds `path`; a message for the user when there is none. */
export async function workspaceAt(path: string): Promise<{ workspace: Workspace } | { error: string }> {
  const absolute = resolve(path).replaceAll('\\', '/');
  if (!(await nodeFileSystem.stat(absolute))) return { error: `No such file or folder: ${path}` };
  const root = await findWorkspaceRoot(nodeFileSystem, absolute);
  if (!root) {
    return {
      error: `No importstudio.yaml in ${path} or any folder above it: it marks an import workspace (see docs/format.md).`,
    };
  }
  return { workspace: await loadWorkspace(nodeFileSystem, root) };
}
