/**
 * The Imports view: each import of the workspace with its last dry-run status, and under it the
 * files it is made of (source, transformation, mappings and the forms they fill). Items carry their
 * file as resourceUri, so the view's commands (dry run, open, reveal) take the item itself.
 */
import * as vscode from 'vscode';
import type { ListedImport } from '../serverApi';
import type { ImportsModel, LastRun } from './importsModel';

export const importsViewId = 'importStudio.imports';

export class ImportItem extends vscode.TreeItem {
  constructor(
    readonly listed: ListedImport,
    lastRun: LastRun | undefined,
    showWorkspace: boolean,
  ) {
    super(listed.name, vscode.TreeItemCollapsibleState.Collapsed);
    this.id = `import:${listed.uri}`;
    this.resourceUri = vscode.Uri.parse(listed.uri, true);
    this.contextValue = 'importStudio.import';
    const where = showWorkspace ? ` · ${lastSegment(listed.workspace)}` : '';
    this.description = `${listed.alias}${where}${lastRun ? ` · ${lastRun.status}` : ''}`;
    this.iconPath = statusIcon(lastRun);
    const tooltip = new vscode.MarkdownString(undefined, true);
    tooltip.appendMarkdown(`**${escapeMarkdown(listed.name)}** (\`${escapeMarkdown(listed.alias)}\`)\n\n`);
    tooltip.appendMarkdown(`${listed.format.toUpperCase()} from \`${escapeMarkdown(listed.sourceFile)}\``);
    if (listed.automation) tooltip.appendMarkdown(' · runs nightly');
    tooltip.appendMarkdown(
      lastRun
        ? `\n\nLast dry run: **${lastRun.status}**, ${escapeMarkdown(lastRun.summary)}`
        : '\n\nNo dry run in this window yet.',
    );
    this.tooltip = tooltip;
    this.command = { command: 'vscode.open', title: 'Open', arguments: [this.resourceUri] };
    this.accessibilityInformation = {
      label: `Import ${listed.name}, alias ${listed.alias}, ${lastRun ? `last dry run ${lastRun.status}` : 'not run yet'}`,
    };
  }
}

/** A file an import is made of. */
export class FileItem extends vscode.TreeItem {
  constructor(parent: ImportItem, role: string, label: string, uri: string, icon: string, description?: string) {
    super(label, vscode.TreeItemCollapsibleState.None);
    this.id = `${parent.id ?? ''}:${role}:${uri}`;
    this.resourceUri = vscode.Uri.parse(uri, true);
    this.contextValue = `importStudio.${role}`;
    this.iconPath = new vscode.ThemeIcon(icon);
    if (description !== undefined) this.description = description;
    this.tooltip = `${role[0]?.toUpperCase()}${role.slice(1)}: ${this.resourceUri.fsPath}`;
    this.command = { command: 'vscode.open', title: 'Open', arguments: [this.resourceUri] };
  }
}

export type ImportsNode = ImportItem | FileItem;

export class ImportsTree implements vscode.TreeDataProvider<ImportsNode> {
  private readonly changed = new vscode.EventEmitter<ImportsNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;

  constructor(private readonly model: ImportsModel) {
    model.onDidChange(() => this.changed.fire(undefined));
  }

  getTreeItem(node: ImportsNode): vscode.TreeItem {
    return node;
  }

  getChildren(node?: ImportsNode): ImportsNode[] {
    if (!node) {
      const workspaces = new Set(this.model.imports.map((i) => i.workspace));
      return this.model.imports.map((i) => new ImportItem(i, this.model.lastRun(i.uri), workspaces.size > 1));
    }
    if (!(node instanceof ImportItem)) return [];
    const i = node.listed;
    const children: ImportsNode[] = [new FileItem(node, 'source', 'Source', i.sourceUri, 'file', i.sourceFile)];
    if (i.transformationUri) {
      children.push(
        new FileItem(
          node,
          'transformation',
          'Transformation',
          i.transformationUri,
          'symbol-function',
          fileName(i.transformationUri),
        ),
      );
    }
    for (const m of i.mappings) {
      const form = i.forms.find((f) => f.id === m.form);
      children.push(
        new FileItem(node, 'mapping', `Mapping → ${form?.title ?? m.form}`, m.uri, 'arrow-swap', fileName(m.uri)),
      );
    }
    for (const f of i.forms)
      children.push(new FileItem(node, 'form', `Form: ${f.title}`, f.uri, 'symbol-class', fileName(f.uri)));
    return children;
  }

  getParent(): undefined {
    return undefined;
  }
}

function statusIcon(run: LastRun | undefined): vscode.ThemeIcon {
  switch (run?.status) {
    case undefined:
      return new vscode.ThemeIcon('circle-large-outline');
    case 'Complete':
      return new vscode.ThemeIcon('pass', new vscode.ThemeColor('testing.iconPassed'));
    case 'Complete with issues':
      return new vscode.ThemeIcon('warning', new vscode.ThemeColor('list.warningForeground'));
    case 'Cancelled':
      return new vscode.ThemeIcon('circle-slash');
    default:
      return new vscode.ThemeIcon('error', new vscode.ThemeColor('list.errorForeground'));
  }
}

function fileName(uri: string): string {
  return decodeURIComponent(uri.slice(uri.lastIndexOf('/') + 1));
}

function lastSegment(uri: string): string {
  return fileName(uri.replace(/\/$/, ''));
}

function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_{}[\]()#+\-.!|<>]/g, '\\$&');
}
