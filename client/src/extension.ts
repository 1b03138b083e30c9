/**
 * The extension's entry: glue only. It starts the Import Studio language server (dist/server.js)
 * over IPC and registers commands, the Imports view and the status bar item; validation,
 * completion and dry runs all live in the server so that any LSP client gets them.
 */
import * as path from 'node:path';
import * as vscode from 'vscode';
import {
  LanguageClient,
  type LanguageClientOptions,
  type ServerOptions,
  TransportKind,
} from 'vscode-languageclient/node';
import { registerCommands } from './commands';
import { documentSelector } from './documentSelector';
import { ImportsModel } from './imports/importsModel';
import { ImportsTree, importsViewId } from './imports/importsTree';
import { ImportStatusBar } from './imports/statusBar';
import { DryRunPanel } from './panel/dryRunPanel';

let client: LanguageClient | undefined;

/** What activate returns: the extension's parts, for the tests that run inside VS Code. */
export interface ImportStudioApi {
  imports: ImportsModel;
  tree: ImportsTree;
  statusBar: ImportStatusBar;
  output: vscode.LogOutputChannel;
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
  // One channel for the server's log (its console messages and, with importStudio.trace.server, the protocol).
  const output = vscode.window.createOutputChannel('Import Studio', { log: true });
  const clientOptions: LanguageClientOptions = {
    documentSelector,
    outputChannel: output,
    synchronize: { fileEvents: vscode.workspace.createFileSystemWatcher('**/*.{yaml,yml,json,jsonata,csv,tsv,xml}') },
  };
  client = new LanguageClient('importStudio', 'Import Studio', serverOptions, clientOptions);
  const imports = new ImportsModel(() => client);
  const tree = new ImportsTree(imports);
  const statusBar = new ImportStatusBar(imports);
  const panel = new DryRunPanel(
    context.extensionUri,
    () => client,
    // A run of a mapping is its import's run.
    (uri, run) => imports.recordRun(imports.importOf(vscode.Uri.parse(uri, true))?.uri ?? uri, run),
  );
  context.subscriptions.push(
    output,
    imports,
    statusBar,
    panel,
    vscode.window.createTreeView(importsViewId, { treeDataProvider: tree, showCollapseAll: true }),
    ...registerCommands({ client: () => client, panel, imports, output, extensionUri: context.extensionUri }),
  );
  await client.start();
  await imports.refresh();
  return { imports, tree, statusBar, output };
}

export async function deactivate(): Promise<void> {
  await client?.stop();
  client = undefined;
}
