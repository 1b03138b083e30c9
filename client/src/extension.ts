/**
 * The extension's Node entry: glue only. It starts the Import Studio language server (dist/server.js)
 * over IPC and builds the parts both entries share (extensionParts.ts: commands, the Imports view,
 * the status bar item, the dry-run panel), plus the store's runs, which need Node; validation,
 * completion and dry runs all live in the server so that any LSP client gets them.
 */
import * as path from 'node:path';
import * as vscode from 'vscode';
import { LanguageClient, type ServerOptions, TransportKind } from 'vscode-languageclient/node';
import { documentSelector } from './documentSelector';
import { clientOptions, createOutput, createParts } from './extensionParts';
import type { ImportsModel } from './imports/importsModel';
import type { ImportsTree } from './imports/importsTree';
import type { ImportStatusBar } from './imports/statusBar';
import { RunsDashboard } from './runs/dashboardPanel';
import { runCommandHandler } from './runs/runCommand';

let client: LanguageClient | undefined;

/** What activate returns: the extension's parts, for the tests that run inside VS Code. */
export interface ImportStudioApi {
  imports: ImportsModel;
  tree: ImportsTree;
  statusBar: ImportStatusBar;
  output: vscode.LogOutputChannel;
  dashboard: RunsDashboard;
}

export async function activate(context: vscode.ExtensionContext): Promise<ImportStudioApi> {
  const serverModule = context.asAbsolutePath(path.join('dist', 'server.js'));
  const serverOptions: ServerOptions = {
    run: { module: serverModule, transport: TransportKind.ipc },
    debug: {
      module: serverModule,
      transport: TransportKind.ipc,
      options: { execArgv: ['--nolazy', '--inspect=6009'] },
    },
  };
  const output = createOutput();
  client = new LanguageClient('importStudio', 'Import Studio', serverOptions, clientOptions(documentSelector, output));
  const { imports, tree, statusBar } = createParts(context, () => client, output);
  // The store's runs and their dashboard need Node (the store is SQLite on disk): this entry only.
  const dashboard = new RunsDashboard(context.extensionUri, () => client, imports);
  context.subscriptions.push(
    dashboard,
    vscode.commands.registerCommand(
      'importStudio.run',
      runCommandHandler(() => client, imports, dashboard),
    ),
    vscode.commands.registerCommand('importStudio.showRuns', () => dashboard.show()),
  );
  await client.start();
  await imports.refresh();
  return { imports, tree, statusBar, output, dashboard };
}

export async function deactivate(): Promise<void> {
  await client?.stop();
  client = undefined;
}
