/**
 * `store.completionHook` of importstudio.yaml: off unless set. After a run has committed and the
 * store is closed (so the hook may itself run `import-studio show`), a command gets the run's
 * summary as JSON on its standard input (and IMPORT_STUDIO_RUN_ID / _STATUS in its environment),
 * and a webhook gets it POSTed as JSON. A failing hook is a warning (E0047): the run stays as
 * recorded.
 */
import { spawn } from 'node:child_process';
import type { RunSummary } from '../../../engine/src/store/types';
import type { Workspace } from '../../../engine/src/workspace/types';

const HOOK_TIMEOUT_MS = 60_000;
const WEBHOOK_TIMEOUT_MS = 10_000;

/** Runs the workspace's hook for one finished run; returns the warnings to print (none when all went well). */
export async function runCompletionHook(workspace: Workspace, run: RunSummary): Promise<string[]> {
  const hook = workspace.workspaceFile?.value?.store?.completionHook;
  if (!hook) return [];
  const body = JSON.stringify(run);
  const warnings: string[] = [];
  if (hook.command) {
    const failure = await runCommand(hook.command, body, workspace.root, run);
    if (failure) warnings.push(`E0047: Completion hook '${hook.command}' ${failure}.`);
  }
  if (hook.webhook) {
    try {
      const response = await fetch(hook.webhook, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body,
        signal: AbortSignal.timeout(WEBHOOK_TIMEOUT_MS),
      });
      if (!response.ok) warnings.push(`E0047: Completion webhook ${hook.webhook} answered ${response.status}.`);
    } catch (error) {
      warnings.push(`E0047: Completion webhook ${hook.webhook} failed: ${(error as Error).message}.`);
    }
  }
  return warnings;
}

function runCommand(command: string, input: string, cwd: string, run: RunSummary): Promise<string | undefined> {
  return new Promise((resolve) => {
    const child = spawn(command, {
      shell: true,
      cwd,
      stdio: ['pipe', 'inherit', 'inherit'],
      env: { ...process.env, IMPORT_STUDIO_RUN_ID: String(run.id), IMPORT_STUDIO_RUN_STATUS: run.status },
      timeout: HOOK_TIMEOUT_MS,
    });
    child.on('error', (error) => resolve(`could not start: ${error.message}`));
    child.on('close', (code, signal) => {
      if (signal) resolve(`was stopped by ${signal}`);
      else resolve(code === 0 ? undefined : `exited with code ${code}`);
    });
    // A hook that ignores its input closes the pipe early; that is not a failure.
    child.stdin.on('error', () => undefined);
    child.stdin.end(input);
  });
}
