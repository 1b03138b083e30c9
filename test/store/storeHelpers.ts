/** Opening a workspace's real store on disk, as the CLI does, for engine-level tests. */
import { nodeFileSystem } from '../../engine/src/io/nodeFileSystem';
import { runWorkspaceImport, type RunImportOptions } from '../../engine/src/execute/runImport';
import { ensureSeeded } from '../../engine/src/execute/seedStore';
import type { ImportConfig } from '../../engine/src/model/workspace';
import { openNodeStore } from '../../engine/src/store/nodeSqliteStore';
import type { SqliteStore } from '../../engine/src/store/sqliteStore';
import { storeFileOf } from '../../engine/src/store/storeLocation';
import { loadWorkspace } from '../../engine/src/workspace';
import type { LoadedDocument, Workspace } from '../../engine/src/workspace/types';

export interface Opened {
  workspace: Workspace;
  store: SqliteStore;
  file: string;
  importDoc(alias: string): LoadedDocument<ImportConfig>;
  run(alias: string, options?: Partial<RunImportOptions>): ReturnType<typeof runWorkspaceImport>;
}

export async function openWorkspace(dir: string): Promise<Opened> {
  const workspace = await loadWorkspace(nodeFileSystem, dir);
  const file = storeFileOf(workspace);
  const { store } = await openNodeStore(file, { purpose: 'test' });
  await ensureSeeded(store, workspace, '2025-01-01T00:00:00.000Z');
  const importDoc = (alias: string) => {
    const doc = workspace.imports.find((d) => d.value?.alias === alias);
    if (!doc) throw new Error(`no import ${alias}`);
    return doc;
  };
  return {
    workspace,
    store,
    file,
    importDoc,
    run: (alias, options = {}) =>
      runWorkspaceImport(nodeFileSystem, store, workspace, importDoc(alias), { user: 'tester', ...options }),
  };
}

/** The store's records as id -> values, for before/after comparisons. */
export async function recordValues(store: SqliteStore): Promise<Map<string, string>> {
  const records = await store.records();
  return new Map(records.map((r) => [r.id, JSON.stringify({ ...r, lastModified: undefined })]));
}
