/**
 * `importStudio.dryRun`: from the command palette (the active editor's document), the editor title
 * and the explorer (a vscode.Uri), the server's code lens (a URI string), the Imports view (an item)
 * or the status bar.
 */
import * as vscode from 'vscode';
import type { DryRunPanel } from '../panel/dryRunPanel';
import type { DryRunResponse } from '../serverApi';

/**
 * The import or mapping to run, from whatever the command was invoked with; from the palette, the
 * active editor's document, or (when the panel has the focus, so no text editor is active) the
 * import the panel shows.
 */
export function targetOf(arg: unknown, panel: DryRunPanel): vscode.Uri | undefined {
  return uriOfArgument(arg) ?? vscode.window.activeTextEditor?.document.uri ?? panel.currentTarget;
}

/** A command's file argument: a Uri (explorer, editor title), a URI string (code lens) or a view item. */
export function uriOfArgument(arg: unknown): vscode.Uri | undefined {
  if (arg instanceof vscode.Uri) return arg;
  if (typeof arg === 'string' && arg !== '') return vscode.Uri.parse(arg, true);
  if (arg instanceof vscode.TreeItem) return arg.resourceUri;
  return undefined;
}

export function dryRunCommandHandler(panel: DryRunPanel) {
  return async (arg?: unknown): Promise<DryRunResponse | undefined> => {
    const uri = targetOf(arg, panel);
    if (!uri) {
      void vscode.window.showInformationMessage('Import Studio: open an import configuration or a mapping to dry-run.');
      return undefined;
    }
    // Unsaved edits are run too (the server reads open documents), so there is no need to save first.
    return panel.run(uri);
  };
}
