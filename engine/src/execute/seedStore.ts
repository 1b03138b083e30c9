/**
 * Seeding the store from the workspace's sandbox fixtures (sandbox.people, sandbox.records): on
 * first use, and on `import-studio sandbox reset`, which rebuilds it and empties the run history.
 */
import type { Store } from '../store/store';
import type { Workspace } from '../workspace/types';

export async function resetStore(store: Store, workspace: Workspace, at: string): Promise<void> {
  await store.reset({ people: workspace.people, records: workspace.records, at });
}

/** Seeds a new (empty) store; a seeded one is left as it is, since runs have written to it. */
export async function ensureSeeded(store: Store, workspace: Workspace, at: string): Promise<boolean> {
  if (await store.isSeeded()) return false;
  await resetStore(store, workspace, at);
  return true;
}
