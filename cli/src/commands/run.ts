import { resolve } from 'node:path';
import { nodeFileSystem } from '../../../engine/src/io/nodeFileSystem';
import { nodeReadThread } from '../../../engine/src/io/nodeReadThread';
import { nightlyImports, runNightly } from '../../../engine/src/execute/nightly';
import { type RunImportResult, type RunProgress, runWorkspaceImport } from '../../../engine/src/execute/runImport';
import type { RecordCreationMode } from '../../../engine/src/model/workspace';
import type { Workspace } from '../../../engine/src/workspace/types';
import { formatRunSummary, problemLines } from '../output/runReport';
import { styleFor } from '../output/style';
import { runCompletionHook } from './completionHook';
import { currentUser, openStoreOf } from './storeAt';
import { workspaceAt } from './workspaceAt';

export interface RunCommandOptions {
  /** The import configuration, or with `nightly` any path in the workspace. */
  path: string;
  nightly: boolean;
  forms: string[] | undefined;
  person: string | undefined;
  creationMode: RecordCreationMode | undefined;
  ignoreErrorThreshold: boolean;
  /** Progress lines on stderr even when it is not a terminal (CI logs, tests). */
  progress: boolean;
  format: 'text' | 'json';
  strict: boolean;
}

/**
 * `import-studio run <config>` and `run --nightly`: executes imports against the workspace's store.
 * Exit 0 when every run completed (with warnings at most, unless --strict), 1 when a run failed or
 * found errors, 2 when nothing ran (usage, no workspace, store in use or unreadable).
 */
export async function runCommand(options: RunCommandOptions): Promise<number> {
  const loaded = await workspaceAt(options.path);
  if ('error' in loaded) {
    process.stderr.write(`${loaded.error}\n`);
    return 2;
  }
  const { workspace } = loaded;
  if (options.nightly) return nightly(workspace, options);
  const absolute = resolve(options.path).replaceAll('\\', '/');
  const importDoc = workspace.imports.find((d) => d.path === absolute);
  if (!importDoc) {
    process.stderr.write(`${options.path} is not an import configuration of the workspace (a *.import.yaml file).\n`);
    return 2;
  }
  const alias = importDoc.value?.alias ?? importDoc.relativePath;
  const opened = await openStoreOf(workspace, `import-studio run ${alias}`, 0);
  if ('error' in opened) {
    process.stderr.write(`${opened.error}\n`);
    return 2;
  }
  noteRecovered(opened.recovered);
  const progress = progressReporter(options.progress);
  let run: RunImportResult;
  try {
    run = await runWorkspaceImport(nodeFileSystem, opened.store, workspace, importDoc, {
      user: currentUser(),
      ...(options.forms ? { forms: options.forms } : {}),
      ...(options.person ? { person: options.person } : {}),
      ...(options.creationMode ? { creationMode: options.creationMode } : {}),
      ...(options.ignoreErrorThreshold ? { ignoreErrorThreshold: true } : {}),
      ...(progress ? { onProgress: progress.update } : {}),
      readThread: nodeReadThread(),
    });
  } finally {
    progress?.done();
    await opened.store.close();
  }
  for (const warning of await runCompletionHook(workspace, run.summary)) process.stderr.write(`${warning}\n`);
  report([run], options);
  return exitCode([run], options.strict);
}

async function nightly(workspace: Workspace, options: RunCommandOptions): Promise<number> {
  if (nightlyImports(workspace).length === 0) {
    process.stdout.write(
      options.format === 'json' ? '{ "runs": [] }\n' : 'No import has automation.nightly on: nothing to run.\n',
    );
    return 0;
  }
  const opened = await openStoreOf(workspace, 'import-studio run --nightly', 0);
  if ('error' in opened) {
    process.stderr.write(`${opened.error}\n`);
    return 2;
  }
  noteRecovered(opened.recovered);
  const progress = progressReporter(options.progress);
  let runs: RunImportResult[];
  try {
    const done = await runNightly(nodeFileSystem, opened.store, workspace, {
      user: currentUser(),
      ...(progress ? { onProgress: progress.update } : {}),
      readThread: nodeReadThread(),
    });
    runs = done.map((d) => d.run);
  } finally {
    progress?.done();
    await opened.store.close();
  }
  for (const run of runs) {
    for (const warning of await runCompletionHook(workspace, run.summary)) process.stderr.write(`${warning}\n`);
  }
  report(runs, options);
  return exitCode(runs, options.strict);
}

function report(runs: readonly RunImportResult[], options: RunCommandOptions): void {
  if (options.format === 'json') {
    const data = runs.map((r) => ({ run: r.summary, problems: r.problems }));
    process.stdout.write(`${JSON.stringify(options.nightly ? { runs: data } : data[0], null, 2)}\n`);
    return;
  }
  const style = styleFor(process.stdout);
  const blocks = runs.map((r) => {
    const problems = r.problems.length > 0 ? `\n${problemLines(r.problems, 20, style)}` : '';
    return `${formatRunSummary(r.summary, style)}${problems}\n  details: import-studio show ${r.summary.id}`;
  });
  process.stdout.write(`${blocks.join('\n\n')}\n`);
}

function exitCode(runs: readonly RunImportResult[], strict: boolean): number {
  const bad = runs.some(
    (r) => r.summary.status === 'Failed' || r.summary.errors > 0 || (strict && r.summary.warnings > 0),
  );
  return bad ? 1 : 0;
}

function noteRecovered(ids: readonly number[]): void {
  for (const id of ids)
    process.stderr.write(
      `E0046: Run ${id} was interrupted before it committed: nothing was applied; it is now Failed.\n`,
    );
}

/** Progress on stderr: on a terminal as one updating line, elsewhere (with --progress) one line per step. */
function progressReporter(always: boolean): { update: (p: RunProgress) => void; done: () => void } | undefined {
  const tty = process.stderr.isTTY === true;
  if (!tty && !always) return undefined;
  const inPlace = tty && !always;
  let last = '';
  return {
    update(p) {
      const text =
        p.phase === 'plan'
          ? `planning: ${p.rows.toLocaleString('en-US')} rows`
          : `applying: ${p.done.toLocaleString('en-US')} of ${p.total.toLocaleString('en-US')} records`;
      if (text === last) return;
      last = text;
      process.stderr.write(inPlace ? `\r\u001b[K  ${text}` : `${text}\n`);
    },
    done() {
      if (inPlace && last !== '') process.stderr.write('\r\u001b[K');
    },
  };
}
