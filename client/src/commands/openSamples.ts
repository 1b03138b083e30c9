/**
 * `importStudio.openSamples` (the walkthrough's first step): copies the samples bundled with the
 * extension (a district workspace with five imports and a folder of broken ones) into a folder the
 * user picks, then opens it. Through vscode.workspace.fs, so it works on VS Code for the Web too.
 */
import * as vscode from 'vscode';

/** Bundled with the samples for their generation and golden checks; no use to a user. */
const skipped = new Set(['.tools']);

export async function copySamples(extensionUri: vscode.Uri, target: vscode.Uri): Promise<void> {
  const source = vscode.Uri.joinPath(extensionUri, 'samples');
  await vscode.workspace.fs.createDirectory(target);
  for (const [name] of await vscode.workspace.fs.readDirectory(source)) {
    if (skipped.has(name)) continue;
    await vscode.workspace.fs.copy(vscode.Uri.joinPath(source, name), vscode.Uri.joinPath(target, name), {
      overwrite: false,
    });
  }
}

/** With a target (scripts, tests), copies there and opens nothing unless `open` is true. */
export function openSamplesCommandHandler(extensionUri: vscode.Uri) {
  return async (target?: unknown, options?: { open?: boolean }): Promise<vscode.Uri | undefined> => {
    let folder = target instanceof vscode.Uri ? target : undefined;
    const open = options?.open ?? folder === undefined;
    if (!folder) {
      const picked = await vscode.window.showOpenDialog({
        canSelectFiles: false,
        canSelectFolders: true,
        canSelectMany: false,
        openLabel: 'Copy the samples here',
        title: 'Import Studio: where to put the sample workspace',
      });
      if (!picked?.[0]) return undefined;
      folder = vscode.Uri.joinPath(picked[0], 'import-studio-samples');
    }
    try {
      await copySamples(extensionUri, folder);
    } catch (error) {
      void vscode.window.showErrorMessage(
        `Import Studio: cannot copy the samples to ${folder.fsPath}: ${error instanceof Error ? error.message : String(error)}`,
      );
      return undefined;
    }
    if (open) await vscode.commands.executeCommand('vscode.openFolder', folder, { forceNewWindow: false });
    return folder;
  };
}
