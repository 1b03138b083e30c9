/**
 * The parts of the extension that need only a language client, whichever flavour started it: the
 * Imports view, the status bar item, the dry-run panel and the shared commands. The Node entry
 * (extension.ts) and the web entry (web/extension.ts) both build them here, so the two stay one
 * extension; what needs Node (the store's run commands and dashboard) is added by the Node entry.
 */
import * as vscode from 'vscode';
import type { BaseLanguageClient, DocumentSelector, LanguageClientOptions } from 'vscode-languageclient';
import { registerCommands } from './commands';
import { ImportsModel } from './imports/importsModel';
import { ImportsTree, importsViewId } from './imports/importsTree';
import { ImportStatusBar } from './imports/statusBar';
import { DryRunPanel } from './panel/dryRunPanel';

export interface ExtensionParts {
  imports: ImportsModel;
  tree: ImportsTree;
  statusBar: ImportStatusBar;
  panel: DryRunPanel;
  output: vscode.LogOutputChannel;
}

/** One channel for the server's log (its console messages and, with importStudio.trace.server, the protocol). */
export function createOutput(): vscode.LogOutputChannel {
  return vscode.window.createOutputChannel('Import Studio', { log: true });
}

export function clientOptions(
  documentSelector: DocumentSelector,
  output: vscode.LogOutputChannel,
): LanguageClientOptions {
  return {
    documentSelector,
    outputChannel: output,
    synchronize: { fileEvents: vscode.workspace.createFileSystemWatcher('**/*.{yaml,yml,json,jsonata,csv,tsv,xml}') },
  };
}

/** Builds the shared parts and registers them (and the shared commands) in the context's subscriptions. */
export function createParts(
  context: vscode.ExtensionContext,
  client: () => BaseLanguageClient | undefined,
  output: vscode.LogOutputChannel,
): ExtensionParts {
  const imports = new ImportsModel(client);
  const tree = new ImportsTree(imports);
  const statusBar = new ImportStatusBar(imports);
  const panel = new DryRunPanel(
    context.extensionUri,
    client,
    // A run of a mapping is its import's run.
    (uri, run) => imports.recordRun(imports.importOf(vscode.Uri.parse(uri, true))?.uri ?? uri, run),
  );
  context.subscriptions.push(
    output,
    imports,
    statusBar,
    panel,
    vscode.window.createTreeView(importsViewId, { treeDataProvider: tree, showCollapseAll: true }),
    ...registerCommands({ client, panel, imports, output, extensionUri: context.extensionUri }),
  );
  return { imports, tree, statusBar, panel, output };
}
