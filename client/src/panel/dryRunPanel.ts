/**
 * The dry-run panel, extension side: one webview panel showing the latest dry run of an import
 * (as dbt Power User shows a model's results), re-run when a workspace file is saved while it is
 * open. The HTML is a static shell; the result reaches the webview app (client/webview) by
 * postMessage, so data is never part of markup. Run problems also go to a diagnostic collection.
 */
import * as vscode from 'vscode';
import type { BaseLanguageClient as LanguageClient } from 'vscode-languageclient';
import type { Problem } from '../../../engine/src/errors/problem';
import type { LastRun } from '../imports/importsModel';
import type { DryRunResponse } from '../serverApi';
import { dryRunSettings } from '../settings';
import { diagnosticsOf, rangeOf, resolveFile } from './locations';
import type { FromWebview, PanelState, RunInfo, ToWebview } from './protocol';
import { type RunOutcome, runDryRun } from './runDryRun';
import { shellHtml } from './webviewShell';

export const panelViewType = 'importStudio.dryRunPanel';
const saveDebounceMs = 500;

export class DryRunPanel implements vscode.Disposable {
  private panel: vscode.WebviewPanel | undefined;
  private state: PanelState = { kind: 'empty' };
  /** The import (or mapping) the panel shows, re-run on save. */
  private target: vscode.Uri | undefined;
  /** The workspace folder problem paths are relative to. */
  private root: vscode.Uri | undefined;
  private running: vscode.CancellationTokenSource | undefined;
  private saveTimer: ReturnType<typeof setTimeout> | undefined;
  private readonly diagnostics = vscode.languages.createDiagnosticCollection('import-studio-dry-run');
  private readonly subscriptions: vscode.Disposable[] = [];

  constructor(
    private readonly extensionUri: vscode.Uri,
    private readonly client: () => LanguageClient | undefined,
    /** Told the outcome of every finished run (the Imports view and the status bar show it). */
    private readonly onRun: (importUri: string, run: LastRun) => void = () => undefined,
  ) {
    this.subscriptions.push(
      this.diagnostics,
      vscode.workspace.onDidSaveTextDocument((doc) => this.onSave(doc)),
    );
  }

  /** The import the panel shows, while it is open: the palette command re-runs it when no editor is active. */
  get currentTarget(): vscode.Uri | undefined {
    return this.panel ? this.target : undefined;
  }

  /** Runs a dry run of `uri` and shows it; resolves to the server's response (undefined when cancelled, superseded or failed). */
  async run(uri: vscode.Uri, location = vscode.ProgressLocation.Notification): Promise<DryRunResponse | undefined> {
    const client = this.client();
    if (!client) {
      void vscode.window.showErrorMessage('Import Studio: the language server is not running.');
      return undefined;
    }
    // A newer run supersedes an older one: its result would be stale when it arrived.
    this.running?.cancel();
    const mine = new vscode.CancellationTokenSource();
    this.running = mine;
    this.target = uri;
    this.show();
    this.setState({ kind: 'running', title: fileName(uri) });
    const { rowLimit, cacheRows } = dryRunSettings(uri);
    const outcome = await runDryRun(client, uri, { location, token: mine.token, limit: rowLimit, cacheRows });
    // Superseded: the newer run's result is the one shown (and returned to its caller).
    if (this.running !== mine) return undefined;
    this.running = undefined;
    mine.dispose();
    this.finish(uri, outcome);
    return outcome.kind === 'response' ? outcome.response : undefined;
  }

  private finish(uri: vscode.Uri, outcome: RunOutcome): void {
    const finishedAt = new Date().toISOString();
    if (outcome.kind !== 'response' && this.panel) this.panel.title = `Dry run: ${fileName(uri)}`;
    if (outcome.kind === 'cancelled') {
      this.setState({ kind: 'error', title: fileName(uri), message: 'The dry run was cancelled.' });
      this.onRun(uri.toString(), { status: 'Cancelled', finishedAt, summary: 'cancelled' });
      return;
    }
    if (outcome.kind === 'failed') {
      this.setState({ kind: 'error', title: fileName(uri), message: outcome.message });
      this.onRun(uri.toString(), { status: 'Error', finishedAt, summary: outcome.message });
      return;
    }
    const { response, listed, elapsedMs } = outcome;
    const client = this.client();
    const importUri = response.importUri && client ? client.protocol2CodeConverter.asUri(response.importUri) : uri;
    this.root = listed && client ? client.protocol2CodeConverter.asUri(listed.workspace) : folderOf(importUri);
    const info: RunInfo = {
      title: listed?.name ?? fileName(importUri),
      configFile: this.root ? relativeTo(this.root, importUri) : fileName(importUri),
      elapsedMs,
      finishedAt,
      ...(listed ? { sourceFile: listed.sourceFile } : {}),
    };
    if (this.panel) this.panel.title = `Dry run: ${listed?.alias ?? fileName(importUri)}`;
    const problems = response.ok ? response.result.problems : response.problems;
    this.diagnostics.clear();
    if (this.root) {
      for (const [file, list] of diagnosticsOf(this.root, problems)) this.diagnostics.set(vscode.Uri.parse(file), list);
    }
    this.setState(
      response.ok ? { kind: 'result', info, result: response.result } : { kind: 'invalid', info, problems },
    );
    this.onRun(importUri.toString(), lastRunOf(response, finishedAt));
  }

  private show(): void {
    if (this.panel) {
      this.panel.reveal(undefined, true);
      return;
    }
    const dist = vscode.Uri.joinPath(this.extensionUri, 'dist');
    const panel = vscode.window.createWebviewPanel(
      panelViewType,
      'Dry run',
      { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true },
      { enableScripts: true, localResourceRoots: [dist] },
    );
    panel.webview.html = shellHtml(panel.webview, dist, 'webview', 'Dry run');
    // The panel's own listeners go with it; onDidDispose fires once, so it needs no disposing.
    const messages = panel.webview.onDidReceiveMessage((m: FromWebview) => this.onMessage(m));
    panel.onDidDispose(() => {
      messages.dispose();
      this.onPanelClosed(panel);
    });
    this.panel = panel;
  }

  private onPanelClosed(panel: vscode.WebviewPanel): void {
    if (this.panel !== panel) return;
    this.panel = undefined;
    this.running?.cancel();
    this.running = undefined;
    if (this.saveTimer) clearTimeout(this.saveTimer);
    this.target = undefined;
    this.state = { kind: 'empty' };
    // The run's diagnostics describe what the panel shows; they go with it.
    this.diagnostics.clear();
  }

  private setState(state: PanelState): void {
    this.state = state;
    this.post({ type: 'state', state });
  }

  private post(message: ToWebview): void {
    void this.panel?.webview.postMessage(message);
  }

  private onMessage(message: FromWebview): void {
    switch (message.type) {
      case 'ready':
        // Also after the webview was hidden and shown again: its document is rebuilt each time.
        this.post({ type: 'state', state: this.state });
        return;
      case 'rerun':
        if (this.target) void this.run(this.target);
        return;
      case 'openProblem':
        void this.openProblem(message.problem, message.location);
        return;
    }
  }

  private currentProblems(): readonly Problem[] {
    if (this.state.kind === 'result') return this.state.result.problems;
    if (this.state.kind === 'invalid') return this.state.problems;
    return [];
  }

  private async openProblem(problemIndex: number, locationIndex: number): Promise<void> {
    const location = this.currentProblems()[problemIndex]?.locations[locationIndex];
    if (!location || !this.root) return;
    const uri = resolveFile(this.root, location.file);
    const range = rangeOf(location);
    try {
      const doc = await vscode.workspace.openTextDocument(uri);
      const editor = await vscode.window.showTextDocument(doc, {
        viewColumn: this.editorColumn(),
        selection: range,
        preserveFocus: false,
      });
      editor.revealRange(range, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
    } catch (error) {
      void vscode.window.showErrorMessage(
        `Cannot open ${location.file}: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
  }

  /** A column other than the panel's, so opening a problem does not cover the panel. */
  private editorColumn(): vscode.ViewColumn {
    const panelColumn = this.panel?.viewColumn;
    const visible = vscode.window.visibleTextEditors.find((e) => e.viewColumn !== panelColumn);
    if (visible?.viewColumn) return visible.viewColumn;
    return panelColumn === vscode.ViewColumn.One ? vscode.ViewColumn.Two : vscode.ViewColumn.One;
  }

  private onSave(doc: vscode.TextDocument): void {
    if (!this.panel || !this.target || !this.root || !dryRunSettings(this.target).onSave) return;
    const root = this.root.toString().replace(/\/?$/, '/');
    if (!doc.uri.toString().startsWith(root)) return;
    if (this.saveTimer) clearTimeout(this.saveTimer);
    const target = this.target;
    // Debounced: "save all" or a formatter that saves twice should cost one run.
    this.saveTimer = setTimeout(() => {
      this.saveTimer = undefined;
      if (this.panel && this.target === target) void this.run(target, vscode.ProgressLocation.Window);
    }, saveDebounceMs);
  }

  dispose(): void {
    this.running?.cancel();
    if (this.saveTimer) clearTimeout(this.saveTimer);
    this.panel?.dispose();
    for (const s of this.subscriptions) s.dispose();
  }
}

/** The one-line outcome the Imports view and the status bar show. */
function lastRunOf(response: DryRunResponse, finishedAt: string): LastRun {
  if (!response.ok) {
    const errors = response.problems.filter((p) => p.severity === 'error').length;
    return { status: 'Invalid', finishedAt, summary: `the configuration has ${plural(errors, 'error')}` };
  }
  const { counts, status } = response.result;
  const summary = `${plural(counts.rowsProcessed, 'row')}, ${plural(counts.rowsWithErrors, 'row')} with errors`;
  return { status, finishedAt, summary };
}

function plural(n: number, word: string): string {
  return `${n.toLocaleString('en-US')} ${word}${n === 1 ? '' : 's'}`;
}

function fileName(uri: vscode.Uri): string {
  return uri.path.slice(uri.path.lastIndexOf('/') + 1);
}

function folderOf(uri: vscode.Uri): vscode.Uri | undefined {
  return vscode.workspace.getWorkspaceFolder(uri)?.uri;
}

function relativeTo(root: vscode.Uri, uri: vscode.Uri): string {
  const base = root.path.replace(/\/?$/, '/');
  return uri.path.startsWith(base) ? uri.path.slice(base.length) : uri.path;
}
