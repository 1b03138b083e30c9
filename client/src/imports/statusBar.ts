/**
 * The status bar item for the active editor's import: shown while the file belongs to one (its
 * configuration, a mapping, its transformation or its source file), with the last dry-run status;
 * a click dry-runs that import.
 */
import * as vscode from 'vscode';
import type { ImportsModel } from './importsModel';

const icons: Record<string, string> = {
  Complete: '$(pass)',
  'Complete with issues': '$(warning)',
  Failed: '$(error)',
  Invalid: '$(error)',
  Error: '$(error)',
  Cancelled: '$(circle-slash)',
};

export class ImportStatusBar implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('importStudio.import', vscode.StatusBarAlignment.Left, 50);
  private readonly subscriptions: vscode.Disposable[] = [];

  constructor(private readonly model: ImportsModel) {
    this.item.name = 'Import Studio: current import';
    this.subscriptions.push(
      this.item,
      model.onDidChange(() => this.update()),
      vscode.window.onDidChangeActiveTextEditor(() => this.update()),
    );
    this.update();
  }

  update(): void {
    const uri = vscode.window.activeTextEditor?.document.uri;
    const listed = uri ? this.model.importOf(uri) : undefined;
    if (!listed) {
      this.item.hide();
      return;
    }
    const run = this.model.lastRun(listed.uri);
    this.item.text = `${run ? (icons[run.status] ?? '$(circle-large-outline)') : '$(play)'} ${listed.alias}`;
    this.item.tooltip = run
      ? `${listed.name}: last dry run ${run.status}, ${run.summary}. Click to dry-run again.`
      : `${listed.name}: click to dry-run this import.`;
    this.item.command = {
      command: 'importStudio.dryRun',
      title: 'Dry Run',
      arguments: [vscode.Uri.parse(listed.uri, true)],
    };
    this.item.accessibilityInformation = { label: `Import ${listed.alias}: ${run ? run.status : 'not run yet'}` };
    this.item.show();
  }

  /** What the item shows now (tests read it from the extension's API). */
  get state(): { visible: boolean; text: string } {
    return { visible: this.visible(), text: this.item.text };
  }

  private visible(): boolean {
    const uri = vscode.window.activeTextEditor?.document.uri;
    return uri !== undefined && this.model.importOf(uri) !== undefined;
  }

  dispose(): void {
    for (const s of this.subscriptions) s.dispose();
  }
}
