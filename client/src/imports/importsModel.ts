/**
 * What the extension knows about the workspace's imports: the server's importStudio/listImports
 * answer, refreshed when workspace files change, plus the last dry-run status of each import seen
 * in this window. The Imports view and the status bar item both read it.
 */
import * as vscode from 'vscode';
import type { BaseLanguageClient as LanguageClient } from 'vscode-languageclient';
import type { RunStatus } from '../../../engine/src/model/result';
import { type ListedImport, listImportsRequest } from '../serverApi';

/** A dry run's outcome as the view shows it: the engine's status, or why it could not run. */
export type LastRun = { status: RunStatus | 'Invalid' | 'Cancelled' | 'Error'; finishedAt: string; summary: string };

const refreshDebounceMs = 300;

export class ImportsModel implements vscode.Disposable {
  private list: ListedImport[] = [];
  private readonly lastRuns = new Map<string, LastRun>();
  private readonly changed = new vscode.EventEmitter<void>();
  private timer: ReturnType<typeof setTimeout> | undefined;
  private readonly subscriptions: vscode.Disposable[] = [this.changed];
  /** Fires when the list or a status changes. */
  readonly onDidChange = this.changed.event;

  constructor(private readonly client: () => LanguageClient | undefined) {
    const watcher = vscode.workspace.createFileSystemWatcher(
      '**/{importstudio.{yaml,yml,json},*.{import,form,mapping}.{yaml,yml,json}}',
    );
    this.subscriptions.push(
      watcher,
      watcher.onDidCreate(() => this.refreshSoon()),
      watcher.onDidChange(() => this.refreshSoon()),
      watcher.onDidDelete(() => this.refreshSoon()),
      vscode.workspace.onDidChangeWorkspaceFolders(() => this.refreshSoon()),
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration('importStudio')) this.refreshSoon();
      }),
    );
  }

  get imports(): readonly ListedImport[] {
    return this.list;
  }

  lastRun(importUri: string): LastRun | undefined {
    return this.lastRuns.get(importUri);
  }

  /** The import a file belongs to: its configuration, a mapping of it, its transformation or its source file. */
  importOf(uri: vscode.Uri): ListedImport | undefined {
    const text = uri.toString();
    return this.list.find(
      (i) =>
        i.uri === text ||
        i.sourceUri === text ||
        i.transformationUri === text ||
        i.mappings.some((m) => m.uri === text),
    );
  }

  recordRun(importUri: string, run: LastRun): void {
    this.lastRuns.set(importUri, run);
    this.changed.fire();
  }

  /** Asks the server again; keeps the last list when it cannot answer (it is starting or restarting). */
  async refresh(): Promise<void> {
    const client = this.client();
    if (!client?.isRunning()) return;
    try {
      const { imports } = await client.sendRequest(listImportsRequest, {});
      this.list = imports;
      this.changed.fire();
    } catch (error) {
      client.warn(`Cannot list the imports: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  refreshSoon(): void {
    if (this.timer) clearTimeout(this.timer);
    // Saves come in bursts (save all, a formatter); the server's own reload is debounced too.
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.refresh();
    }, refreshDebounceMs);
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    for (const s of this.subscriptions) s.dispose();
  }
}
