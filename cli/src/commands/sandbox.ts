import { resetStore } from '../../../engine/src/execute/seedStore';
import { openWorkspaceStore } from './storeAt';

/**
 * `import-studio sandbox reset [path]`: rebuilds the store from the sandbox fixture files, emptying
 * the run history. Refused (E0044) while a run holds the store.
 */
export async function sandboxResetCommand(options: { path: string; format: 'text' | 'json' }): Promise<number> {
  const opened = await openWorkspaceStore(options.path, 'import-studio sandbox reset', 0);
  if ('error' in opened) {
    process.stderr.write(`${opened.error}\n`);
    return 2;
  }
  const { workspace, store, file } = opened;
  try {
    await resetStore(store, workspace, new Date().toISOString());
  } finally {
    await store.close();
  }
  const sandbox = workspace.workspaceFile?.value?.sandbox;
  const sandboxErrors = workspace.problems.filter(
    (p) => p.severity === 'error' && workspace.sandboxFiles.some((f) => p.locations[0]?.file === f.relativePath),
  );
  if (options.format === 'json') {
    const out = {
      store: file,
      people: workspace.people.length,
      records: workspace.records.length,
      problems: sandboxErrors,
    };
    process.stdout.write(`${JSON.stringify(out, null, 2)}\n`);
  } else {
    const from = [sandbox?.people, sandbox?.records].filter(Boolean).join(' and ') || 'no sandbox files';
    process.stdout.write(
      `Rebuilt ${file} from ${from}: ${workspace.people.length.toLocaleString('en-US')} people, ` +
        `${workspace.records.length.toLocaleString('en-US')} records; the run history is empty.\n`,
    );
    for (const p of sandboxErrors) {
      process.stdout.write(`  ${p.locations[0]?.file ?? ''}  error ${p.code}  ${p.message}\n`);
    }
  }
  return sandboxErrors.length > 0 ? 1 : 0;
}
