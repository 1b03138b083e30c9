/** Every command the extension registers; package.json contributes them. */
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import type { DryRunPanel } from '../panel/dryRunPanel';
import { dryRunCommand, restartServerCommand, showReferencesCommand } from '../serverApi';
import { dryRunCommandHandler } from './dryRun';
import { showReferencesCommandHandler } from './showReferences';

export function registerCommands(client: () => LanguageClient | undefined, panel: DryRunPanel): vscode.Disposable[] {
  return [
    vscode.commands.registerCommand(dryRunCommand, dryRunCommandHandler(panel)),
    vscode.commands.registerCommand(showReferencesCommand, showReferencesCommandHandler(client)),
    vscode.commands.registerCommand(restartServerCommand, async () => {
      await client()?.restart();
    }),
  ];
}
