/**
 * The extension's web entry (package.json `browser`, dist/web/extension.js) for VS Code for the Web:
 * the language server runs in a Web Worker (dist/web/server.js, server/src/browser/webExtension.ts)
 * and reads the workspace through this extension's `vscode.workspace.fs` (fileRequests.ts). The
 * commands, the Imports view, the status bar and the dry-run panel are the Node entry's
 * (extensionParts.ts); dry runs run in the server's worker. Left out: the store's run commands and
 * dashboard, which need Node (the store is SQLite on a disk).
 */
import * as vscode from 'vscode';
import { LanguageClient } from 'vscode-languageclient/browser';
import { documentSelectorFor } from '../documentSelector';
import { clientOptions, createOutput, createParts, type ExtensionParts } from '../extensionParts';
import { answerFileRequests } from './fileRequests';
import { uriRewriter } from './uriRewrite';
import { startServerWorker } from './workerTransport';

let client: LanguageClient | undefined;

/** What activate returns, as the Node entry's without the runs dashboard (test/vscode/web reads it). */
export type ImportStudioWebApi = Omit<ExtensionParts, 'panel'>;

/** The `scheme://authority` of the workspace folders that are not file URIs (code-server: vscode-remote://host). */
function workspacePrefix(): string | undefined {
  const folder = vscode.workspace.workspaceFolders?.find((f) => f.uri.scheme !== 'file');
  return folder ? folder.uri.with({ path: '', query: '', fragment: '' }).toString() : undefined;
}

export async function activate(context: vscode.ExtensionContext): Promise<ImportStudioWebApi> {
  const output = createOutput();
  const schemes = [...new Set((vscode.workspace.workspaceFolders ?? []).map((f) => f.uri.scheme))];
  const script = vscode.Uri.joinPath(context.extensionUri, 'dist', 'web', 'server.js');
  const rewriter = uriRewriter(workspacePrefix());
  client = new LanguageClient(
    'importStudio',
    'Import Studio',
    () => startServerWorker(script, rewriter),
    clientOptions(documentSelectorFor(schemes.length > 0 ? schemes : ['file']), output),
  );
  const { imports, tree, statusBar } = createParts(context, () => client, output);
  const needsDesktop = () =>
    void vscode.window.showInformationMessage(
      'Import Studio: running imports against the store needs VS Code on the desktop (the store is a file on disk). Dry runs work here.',
    );
  context.subscriptions.push(
    ...answerFileRequests(client),
    vscode.commands.registerCommand('importStudio.run', needsDesktop),
    vscode.commands.registerCommand('importStudio.showRuns', needsDesktop),
  );
  await client.start();
  await imports.refresh();
  return { imports, tree, statusBar, output };
}

export async function deactivate(): Promise<void> {
  await client?.stop();
  client = undefined;
}
