/**
 * Answers the web server's file requests (server/src/browser/fsProtocol.ts) with `vscode.workspace.fs`,
 * so its language server reads the editor's workspace whatever the file system behind it. The URIs
 * arrive already rewritten to the workspace's scheme (uriRewrite.ts).
 */
import * as vscode from 'vscode';
import { type BaseLanguageClient, type Disposable, RequestType } from 'vscode-languageclient';
import type {
  FsParams,
  FsReadDirectoryResponse,
  FsReadFileResponse,
  FsStatResponse,
} from '../../../server/src/browser/fsProtocol';

// The method names of fsProtocol.ts (the client shares types with the server, not code).
const statRequest = new RequestType<FsParams, FsStatResponse, void>('importStudio/fs/stat');
const readFileRequest = new RequestType<FsParams, FsReadFileResponse, void>('importStudio/fs/readFile');
const readDirectoryRequest = new RequestType<FsParams, FsReadDirectoryResponse, void>('importStudio/fs/readDirectory');

function base64Of(bytes: Uint8Array): string {
  // In slices: String.fromCharCode with a whole large file as arguments overflows the stack.
  let text = '';
  for (let at = 0; at < bytes.length; at += 0x8000) {
    text += String.fromCharCode(...bytes.subarray(at, at + 0x8000));
  }
  return btoa(text);
}

const isFile = (type: vscode.FileType): boolean => (type & vscode.FileType.File) !== 0;
const isDirectory = (type: vscode.FileType): boolean => (type & vscode.FileType.Directory) !== 0;

export function answerFileRequests(client: BaseLanguageClient): Disposable[] {
  return [
    client.onRequest(statRequest, async ({ uri }) => {
      try {
        const stat = await vscode.workspace.fs.stat(vscode.Uri.parse(uri, true));
        return { size: stat.size, isFile: isFile(stat.type), isDirectory: isDirectory(stat.type) };
      } catch {
        return null;
      }
    }),
    // A missing file rejects the request; the worker's file system turns that into ENOENT.
    client.onRequest(readFileRequest, async ({ uri }) => ({
      base64: base64Of(await vscode.workspace.fs.readFile(vscode.Uri.parse(uri, true))),
    })),
    client.onRequest(readDirectoryRequest, async ({ uri }) =>
      (await vscode.workspace.fs.readDirectory(vscode.Uri.parse(uri, true))).map(([name, type]) => ({
        name,
        isDirectory: isDirectory(type),
      })),
    ),
  ];
}
