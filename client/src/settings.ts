/**
 * The extension's own reading of the `importStudio` settings it acts on itself (the dry-run ones).
 * The path settings (sftpRoot, sandbox) are read by the language server through
 * workspace/configuration, so every LSP client honours them the same way.
 */
import * as vscode from 'vscode';

export const settingsSection = 'importStudio';

export interface DryRunSettings {
  /** Processed rows a dry run from the editor stops at; 0 = the workspace file's dryRun.rowLimit (or all). */
  rowLimit: number;
  /** Processed rows the panel receives. */
  cacheRows: number;
  /** Re-run the panel's dry run when a workspace file is saved. */
  onSave: boolean;
}

function wholeNumber(value: unknown, fallback: number, min: number, max: number): number {
  return typeof value === 'number' && Number.isInteger(value) && value >= min && value <= max ? value : fallback;
}

export function dryRunSettings(scope?: vscode.Uri): DryRunSettings {
  const config = vscode.workspace.getConfiguration(`${settingsSection}.dryRun`, scope);
  return {
    rowLimit: wholeNumber(config.get('rowLimit'), 0, 0, Number.MAX_SAFE_INTEGER),
    cacheRows: wholeNumber(config.get('cacheRows'), 1000, 1, 100_000),
    onSave: config.get('onSave') !== false,
  };
}
