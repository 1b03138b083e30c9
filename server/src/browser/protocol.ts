/**
 * The playground's own notification, beside the LSP ones: the page hands the worker the workspace's
 * files (monaco.lsp's client sends `initialize` with no folders, and a browser worker has no disk).
 * Plain types and a method name only, so the page imports this file as types and a string.
 */
export const openWorkspaceMethod = 'importStudio/playground/openWorkspace';

export interface WorkspaceFile {
  /** Relative to the workspace root, forward slashes. */
  path: string;
  /** The file's bytes, base64: data files keep their encoding (windows-1252, UTF-16, BOMs). */
  base64: string;
}

export interface OpenWorkspaceParams {
  /** The workspace folder as a file URI (e.g. file:///workspace). */
  root: string;
  files: WorkspaceFile[];
  /** Drop the files the worker holds under root first (a folder opened from disk replaces the samples). */
  replace?: boolean;
}
