/**
 * `importStudio.run`: runs an import for real against the workspace's store. The open files are
 * saved first (a run is what the files say), the server previews the run against the store's
 * state, a modal confirmation shows the plan's counts, and the run goes with a cancellable
 * progress. Scripts and tests may pass `{ confirm: false }` to skip the confirmation.
 */
import * as vscode from 'vscode';
import { type LanguageClient, WorkDoneProgress } from 'vscode-languageclient/node';
import { uriOfArgument } from '../commands/dryRun';
import type { ImportsModel } from '../imports/importsModel';
import { type ExecuteRunResponse, executeRunRequest, previewRunRequest, type PreviewRunResponse } from '../serverApi';
import type { RunsDashboard } from './dashboardPanel';

export interface RunCommandOptions {
  /** false: no confirmation (scripts, tests). Default true. */
  confirm?: boolean;
}

let nextToken = 0;

function count(n: number, word: string): string {
  return `${n.toLocaleString('en-US')} ${word}`;
}

/** The confirmation's text: what the run would do to the store, from the preview. */
export function confirmationDetail(preview: Extract<PreviewRunResponse, { ok: true }>): string {
  const { plan, counts } = preview;
  const lines = [
    `Against the sandbox store ${preview.store}:`,
    `${count(plan.create, 'to create')}, ${count(plan.update, 'to update')}, ${count(plan.unchanged, 'unchanged')}, ${count(plan.skip, 'skipped')}.`,
    `${count(counts.rowsProcessed, 'rows')}, ${count(preview.errors, 'errors')}, ${count(preview.warnings, 'warnings')}.`,
  ];
  if (preview.status === 'Failed') lines.push('The run would fail and apply nothing: see its dry run for why.');
  return lines.join('\n');
}

export function runCommandHandler(
  client: () => LanguageClient | undefined,
  imports: ImportsModel,
  dashboard: RunsDashboard,
) {
  return async (arg?: unknown, options: RunCommandOptions = {}): Promise<ExecuteRunResponse | undefined> => {
    const c = client();
    const uri = uriOfArgument(arg) ?? vscode.window.activeTextEditor?.document.uri;
    if (!c || !uri) {
      void vscode.window.showInformationMessage('Import Studio: open an import configuration to run it.');
      return undefined;
    }
    await vscode.workspace.saveAll(false);
    const uriText = c.code2ProtocolConverter.asUri(uri);
    const preview = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: 'Planning the run…' },
      () => c.sendRequest(previewRunRequest, { uri: uriText }),
    );
    if (!preview.ok) {
      const why = preview.problems.map((p) => `${p.code}: ${p.message}`).join(' ') || 'the configuration is invalid.';
      void vscode.window.showErrorMessage(`Import Studio cannot run this import: ${why}`);
      return { ok: false, problems: preview.problems, ...(preview.importUri ? { importUri: preview.importUri } : {}) };
    }
    if (options.confirm !== false) {
      const choice = await vscode.window.showWarningMessage(
        `Run ${preview.name} against the sandbox store?`,
        { modal: true, detail: confirmationDetail(preview) },
        'Run',
      );
      if (choice !== 'Run') return undefined;
    }
    const response = await execute(c, uriText, preview.alias);
    if (!response) return undefined;
    if (!response.ok) {
      void vscode.window.showErrorMessage(
        `Import Studio: ${response.problems.map((p) => `${p.code}: ${p.message}`).join(' ')}`,
      );
      return response;
    }
    const { run } = response;
    imports.recordRun(response.importUri, {
      status: run.status === 'Pending' || run.status === 'Running' ? 'Error' : run.status,
      finishedAt: run.finishedAt ?? new Date().toISOString(),
      summary: `run ${run.id}: ${count(run.applied.create, 'created')}, ${count(run.applied.update, 'updated')}`,
    });
    await dashboard.refreshIfOpen();
    const message = `Run ${run.id} of ${run.alias}: ${run.status}. ${count(run.applied.create, 'created')}, ${count(run.applied.update, 'updated')}, ${count(run.errors, 'errors')}.`;
    const show = run.status === 'Failed' ? vscode.window.showErrorMessage : vscode.window.showInformationMessage;
    void show(message, 'Show Run').then((picked) => {
      const workspace = imports.importOf(vscode.Uri.parse(response.importUri, true))?.workspace;
      if (picked && workspace) void dashboard.showRun(workspace, run.id);
    });
    return response;
  };
}

async function execute(client: LanguageClient, uri: string, alias: string): Promise<ExecuteRunResponse | undefined> {
  return vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: `Run of ${alias}`, cancellable: true },
    async (progress, token) => {
      const workDoneToken = `importStudio.run.${process.pid}.${++nextToken}`;
      const subscription = client.onProgress(WorkDoneProgress.type, workDoneToken, (value) => {
        if (value.kind === 'report' && value.message) progress.report({ message: value.message });
      });
      try {
        const response = await client.sendRequest(executeRunRequest, { uri, workDoneToken }, token);
        return token.isCancellationRequested ? undefined : response;
      } catch (error) {
        if (token.isCancellationRequested) return undefined;
        void vscode.window.showErrorMessage(
          `Import Studio: the run failed: ${error instanceof Error ? error.message : String(error)}`,
        );
        return undefined;
      } finally {
        subscription.dispose();
      }
    },
  );
}
