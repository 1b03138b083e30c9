/**
 * The runs dashboard (issue 6), extension side: a webview panel laid out as the platform's Import
 * Dashboard. It asks the server for each workspace's history (importStudio/listRuns), a run's
 * details page by page (importStudio/runDetails) and its downloads (importStudio/runResults), and
 * posts plain data to the app in client/webview/dashboard.
 */
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import type { CacheQuery, ChangeQuery, PageQuery } from '../../../engine/src/store/types';
import type { ImportsModel } from '../imports/importsModel';
import { shellHtml } from '../panel/webviewShell';
import { listRunsRequest, runDetailsRequest, runResultsRequest } from '../serverApi';
import type { DashboardState, FromDashboard, ToDashboard, WorkspaceRuns } from './protocol';

export const dashboardViewType = 'importStudio.runsDashboard';
const days = 30;

interface OpenRun {
  workspace: number;
  runId: number;
  problems: PageQuery;
  cache: CacheQuery;
  changes: ChangeQuery;
}

export class RunsDashboard implements vscode.Disposable {
  private panel: vscode.WebviewPanel | undefined;
  private state: DashboardState = { kind: 'loading' };
  /** The workspace folder URIs the overview lists, in its order (messages name them by index). */
  private workspaces: string[] = [];
  private open: OpenRun | undefined;

  constructor(
    private readonly extensionUri: vscode.Uri,
    private readonly client: () => LanguageClient | undefined,
    private readonly imports: ImportsModel,
  ) {}

  /** What the dashboard shows now (the tests in VS Code read it). */
  get current(): DashboardState {
    return this.state;
  }

  async show(): Promise<void> {
    this.reveal();
    this.open = undefined;
    await this.loadOverview();
  }

  /** Opens one run of the workspace holding `workspaceUri` (after a run from the editor). */
  async showRun(workspaceUri: string, runId: number): Promise<void> {
    this.reveal();
    if (!this.workspaces.includes(workspaceUri)) this.workspaces.push(workspaceUri);
    await this.openRun(this.workspaces.indexOf(workspaceUri), runId);
  }

  /** After a run: the open overview shows it. */
  async refreshIfOpen(): Promise<void> {
    if (this.panel && !this.open) await this.loadOverview();
  }

  private reveal(): void {
    if (this.panel) {
      this.panel.reveal(undefined, false);
      return;
    }
    const dist = vscode.Uri.joinPath(this.extensionUri, 'dist');
    const panel = vscode.window.createWebviewPanel(
      dashboardViewType,
      'Import runs',
      { viewColumn: vscode.ViewColumn.Active },
      { enableScripts: true, localResourceRoots: [dist], retainContextWhenHidden: false },
    );
    panel.webview.html = shellHtml(panel.webview, dist, 'dashboard', 'Import runs');
    const messages = panel.webview.onDidReceiveMessage((m: FromDashboard) => void this.onMessage(m));
    panel.onDidDispose(() => {
      messages.dispose();
      if (this.panel === panel) this.panel = undefined;
    });
    this.panel = panel;
  }

  private setState(state: DashboardState): void {
    this.state = state;
    const message: ToDashboard = { type: 'state', state };
    void this.panel?.webview.postMessage(message);
  }

  private async loadOverview(): Promise<void> {
    const client = this.client();
    if (!client) {
      this.setState({ kind: 'error', message: 'The Import Studio language server is not running.' });
      return;
    }
    await this.imports.refresh();
    const folders = [...new Set(this.imports.imports.map((i) => i.workspace))];
    this.workspaces = folders;
    const workspaces: WorkspaceRuns[] = [];
    for (const uri of folders) {
      const name = decodeURIComponent(uri.replace(/\/$/, '').slice(uri.replace(/\/$/, '').lastIndexOf('/') + 1));
      try {
        const answer = await client.sendRequest(listRunsRequest, { uri, days });
        workspaces.push(
          answer.ok
            ? { name, store: answer.store, runs: answer.runs }
            : { name, store: '', runs: [], error: answer.problems.map((p) => p.message).join(' ') },
        );
      } catch (error) {
        workspaces.push({ name, store: '', runs: [], error: error instanceof Error ? error.message : String(error) });
      }
    }
    const nightly = this.imports.imports.filter((i) => i.automation).length;
    this.setState({ kind: 'overview', overview: { workspaces, nightly, days, at: new Date().toISOString() } });
  }

  private async openRun(workspace: number, runId: number, page: Partial<OpenRun> = {}): Promise<void> {
    const client = this.client();
    const uri = this.workspaces[workspace];
    if (!client || uri === undefined) return;
    const open: OpenRun = {
      workspace,
      runId,
      problems: page.problems ?? {},
      cache: page.cache ?? {},
      changes: page.changes ?? {},
    };
    this.open = open;
    try {
      const answer = await client.sendRequest(runDetailsRequest, {
        uri,
        runId,
        problems: { limit: 200, ...open.problems },
        cache: { limit: 100, ...open.cache },
        changes: { limit: 50, ...open.changes },
      });
      if (this.open !== open) return;
      this.setState(
        answer.ok
          ? { kind: 'run', workspace, details: answer }
          : { kind: 'error', message: answer.problems.map((p) => p.message).join(' ') },
      );
    } catch (error) {
      this.setState({ kind: 'error', message: error instanceof Error ? error.message : String(error) });
    }
  }

  private async onMessage(message: FromDashboard): Promise<void> {
    switch (message.type) {
      case 'ready':
        this.setState(this.state);
        return;
      case 'refresh':
        await this.loadOverview();
        return;
      case 'back':
        this.open = undefined;
        await this.loadOverview();
        return;
      case 'openRun':
        await this.openRun(message.workspace, message.runId);
        return;
      case 'page': {
        const open = this.open;
        if (!open) return;
        await this.openRun(open.workspace, open.runId, {
          problems: message.problems ?? open.problems,
          cache: message.cache ?? open.cache,
          changes: message.changes ?? open.changes,
        });
        return;
      }
      case 'download':
        await this.download(message.what);
        return;
    }
  }

  /** Saves the shown run's results CSV or original file where the user says. */
  private async download(what: 'results' | 'original'): Promise<void> {
    const client = this.client();
    const open = this.open;
    const uri = open ? this.workspaces[open.workspace] : undefined;
    if (!client || !open || uri === undefined) return;
    const answer = await client.sendRequest(runResultsRequest, { uri, runId: open.runId });
    if (!answer.ok) {
      void vscode.window.showErrorMessage(answer.problems.map((p) => p.message).join(' '));
      return;
    }
    const name = what === 'results' ? answer.csvName : answer.original?.name.split('/').pop();
    if (!name) return;
    const target = await vscode.window.showSaveDialog({
      defaultUri: vscode.Uri.joinPath(vscode.Uri.parse(uri, true), name),
      title: what === 'results' ? 'Save the results CSV' : 'Save the original file',
    });
    if (!target) return;
    const bytes =
      what === 'results'
        ? new TextEncoder().encode(answer.csv)
        : Uint8Array.from(atob(answer.original?.base64 ?? ''), (c) => c.charCodeAt(0));
    await vscode.workspace.fs.writeFile(target, bytes);
    void vscode.window.showInformationMessage(`Saved ${vscode.workspace.asRelativePath(target)}.`);
  }

  dispose(): void {
    this.panel?.dispose();
  }
}
