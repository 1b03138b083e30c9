/**
 * Opens the store of the workspace that holds `path` for one command, seeding a new store from
 * the sandbox fixtures. Failures come back as messages (store in use E0044, unreadable E0045) for
 * exit code 2: nothing ran.
 */
import { userInfo } from 'node:os';
import { relative } from 'node:path';
import { ProblemError } from '../../../engine/src/errors/problem';
import { ensureSeeded } from '../../../engine/src/execute/seedStore';
import { openNodeStore } from '../../../engine/src/store/nodeSqliteStore';
import type { Store } from '../../../engine/src/store/store';
import { storeFileOf } from '../../../engine/src/store/storeLocation';
import type { Workspace } from '../../../engine/src/workspace/types';
import { workspaceAt } from './workspaceAt';

export interface OpenedWorkspaceStore {
  workspace: Workspace;
  store: Store;
  /** The store file, relative to the current folder (for messages). */
  file: string;
  /** Runs a dead process had left Running, now Failed (E0046). */
  recovered: number[];
  seeded: boolean;
}

/** How long a reading command (history, show) waits for a run to let go of the store. */
export const READ_WAIT_MS = 10_000;

export async function openWorkspaceStore(
  path: string,
  purpose: string,
  waitMs: number,
): Promise<OpenedWorkspaceStore | { error: string }> {
  const loaded = await workspaceAt(path);
  if ('error' in loaded) return loaded;
  return openStoreOf(loaded.workspace, purpose, waitMs);
}

export async function openStoreOf(
  workspace: Workspace,
  purpose: string,
  waitMs: number,
): Promise<OpenedWorkspaceStore | { error: string }> {
  const absolute = storeFileOf(workspace);
  const file = relative(process.cwd(), absolute) || absolute;
  try {
    const { store, recovered } = await openNodeStore(absolute, { purpose, waitMs });
    try {
      const seeded = await ensureSeeded(store, workspace, new Date().toISOString());
      return { workspace, store, file, recovered, seeded };
    } catch (error) {
      await store.close();
      throw error;
    }
  } catch (error) {
    if (error instanceof ProblemError) return { error: `${error.problem.code}: ${error.problem.message}` };
    throw error;
  }
}

/** Who runs a command, for the history: the OS account (CI runners have one too). */
export function currentUser(): string {
  try {
    return userInfo().username;
  } catch {
    return process.env.USER ?? process.env.USERNAME ?? 'unknown';
  }
}
