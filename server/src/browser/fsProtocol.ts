/**
 * The web extension's file requests: its language server runs in a Web Worker with no disk, so it
 * asks the extension (client/src/web/fileRequests.ts), which answers with `vscode.workspace.fs`.
 * Method names and plain types only: the client imports this file as types and re-declares the names.
 * URIs are the server's (file:///path); the extension maps them to the workspace's own scheme.
 */
export const fsStatMethod = 'importStudio/fs/stat';
export const fsReadFileMethod = 'importStudio/fs/readFile';
export const fsReadDirectoryMethod = 'importStudio/fs/readDirectory';

export interface FsParams {
  uri: string;
}

/** null: no such file or folder. */
export type FsStatResponse = { size: number; isFile: boolean; isDirectory: boolean } | null;

export interface FsReadFileResponse {
  /** The bytes, base64: JSON-RPC carries text, and data files keep their encoding. */
  base64: string;
}

export type FsReadDirectoryResponse = { name: string; isDirectory: boolean }[];
