/**
 * The commands both entries register (Node and web); package.json contributes them. The store's
 * commands (importStudio.run, importStudio.showRuns) need Node: client/src/extension.ts adds them.
 */
import * as vscode from 'vscode';
import type { BaseLanguageClient as LanguageClient } from 'vscode-languageclient';
import type { ImportsModel } from '../imports/importsModel';
import type { DryRunPanel } from '../panel/dryRunPanel';
import { dryRunCommand, restartServerCommand, showReferencesCommand } from '../serverApi';
import { dryRunCommandHandler, uriOfArgument } from './dryRun';
import { openSamplesCommandHandler } from './openSamples';
import { showReferencesCommandHandler } from './showReferences';

export interface CommandContext {
  client: () => LanguageClient | undefined;
  panel: DryRunPanel;
  imports: ImportsModel;
  output: vscode.LogOutputChannel;
  extensionUri: vscode.Uri;
}

export function registerCommands(context: CommandContext): vscode.Disposable[] {
  const { client, panel, imports, output } = context;
  return [
    vscode.commands.registerCommand(dryRunCommand, dryRunCommandHandler(panel)),
    vscode.commands.registerCommand(showReferencesCommand, showReferencesCommandHandler(client)),
    vscode.commands.registerCommand(restartServerCommand, async () => {
      // stop + start rather than the Node client's restart(), which the browser client has not got.
      const c = client();
      if (!c) return;
      await c.stop();
      await c.start();
      await imports.refresh();
    }),
    vscode.commands.registerCommand('importStudio.refreshImports', () => imports.refresh()),
    vscode.commands.registerCommand('importStudio.revealInExplorer', async (arg?: unknown) => {
      const uri = uriOfArgument(arg) ?? vscode.window.activeTextEditor?.document.uri;
      if (uri) await vscode.commands.executeCommand('revealInExplorer', uri);
    }),
    vscode.commands.registerCommand('importStudio.showOutput', () => output.show(true)),
    vscode.commands.registerCommand('importStudio.openSamples', openSamplesCommandHandler(context.extensionUri)),
  ];
}
