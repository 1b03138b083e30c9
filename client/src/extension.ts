/**
 * The extension's entry: glue only. It starts the Import Studio language server (dist/server.js)
 * over IPC and registers commands; validation, completion and dry runs all live in the server so
 * that any LSP client gets them.
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
import { DryRunPanel } from './panel/dryRunPanel';

let client: LanguageClient | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const serverModule = context.asAbsolutePath(path.join('dist', 'server.js'));
  const serverOptions: ServerOptions = {
    run: { module: serverModule, transport: TransportKind.ipc },
    debug: {
      module: serverModule,
      transport: TransportKind.ipc,
      options: { execArgv: ['--nolazy', '--inspect=6009'] },
    },
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector,
    synchronize: { fileEvents: vscode.workspace.createFileSystemWatcher('**/*.{yaml,yml,json,jsonata,csv,tsv,xml}') },
  };
  client = new LanguageClient('importStudio', 'Import Studio', serverOptions, clientOptions);
  const panel = new DryRunPanel(context.extensionUri, () => client);
  context.subscriptions.push(panel, ...registerCommands(() => client, panel));
  await client.start();
}

export async function deactivate(): Promise<void> {
  await client?.stop();
  client = undefined;
}
