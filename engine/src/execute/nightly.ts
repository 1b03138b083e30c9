/**
 * `run --nightly`: every import whose `automation.nightly` is on, one run each, in alias order (a
 * stated, stable order, whatever the file names or the folder walk). The whole batch is queued
 * Pending first, so the history shows what is still to come while it runs; each run then starts,
 * commits or fails on its own, and a failed import does not stop the next one.
 */
import type { FileSystem } from '../io/fileSystem';
import type { ImportConfig } from '../model/workspace';
import type { Store } from '../store/store';
import type { LoadedDocument, Workspace } from '../workspace/types';
import {
  type RunChoices,
  type RunImportOptions,
  type RunImportResult,
  runParameters,
  runWorkspaceImport,
} from './runImport';

/** The imports a nightly run executes, in the order it runs them. */
export function nightlyImports(workspace: Workspace): LoadedDocument<ImportConfig>[] {
  return workspace.imports
    .filter((d) => d.value?.automation?.nightly === true)
    .sort((a, b) => ((a.value?.alias ?? '') < (b.value?.alias ?? '') ? -1 : 1));
}

export interface NightlyRun {
  importDoc: LoadedDocument<ImportConfig>;
  run: RunImportResult;
}

export async function runNightly(
  fs: FileSystem,
  store: Store,
  workspace: Workspace,
  options: Omit<RunImportOptions, 'type' | 'runId' | keyof RunChoices> & {
    /** Told after each import's run is committed. */
    onRun?: (run: NightlyRun) => Promise<void> | void;
  },
): Promise<NightlyRun[]> {
  const now = options.now ?? (() => new Date());
  const imports = nightlyImports(workspace);
  const queued: { importDoc: LoadedDocument<ImportConfig>; id: number }[] = [];
  for (const importDoc of imports) {
    const id = await store.queueRun({
      alias: importDoc.value?.alias ?? importDoc.relativePath,
      name: importDoc.value?.name ?? importDoc.relativePath,
      type: 'automated',
      user: options.user,
      // Unattended runs use each configuration's own run options.
      parameters: runParameters(importDoc, {}),
      status: 'Pending',
      at: now().toISOString(),
    });
    queued.push({ importDoc, id });
  }
  const done: NightlyRun[] = [];
  for (const { importDoc, id } of queued) {
    const run = await runWorkspaceImport(fs, store, workspace, importDoc, { ...options, type: 'automated', runId: id });
    const entry = { importDoc, run };
    done.push(entry);
    await options.onRun?.(entry);
  }
  return done;
}
