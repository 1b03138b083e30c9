/** Where a workspace keeps its store: `store.file` of importstudio.yaml, relative to the workspace folder. */
import { joinPath } from '../io/fileSystem';
import type { Workspace } from '../workspace/types';

/** The default keeps the store beside the workspace files, in a dot-folder the workspace loader skips. */
export const DEFAULT_STORE_FILE = '.importstudio/sandbox.db';

/** The store file's absolute path (forward slashes). */
export function storeFileOf(workspace: Workspace): string {
  const configured = workspace.workspaceFile?.value?.store?.file;
  return joinPath(workspace.root, configured ?? DEFAULT_STORE_FILE);
}
