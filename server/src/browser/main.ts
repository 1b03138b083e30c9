/**
 * The language server's browser entry for the playground (dist/playground/server.worker.js): the
 * connection layer for a Web Worker, as server/src/node/main.ts is for Node. The same core and the
 * same feature routing (serve.ts); the files come from the page (openWorkspaceMethod) into a memory
 * file system, and dry runs run in this worker (no worker_threads in a browser).
 */
import { createMemoryFileSystem } from '../../../engine/src/io/memoryFileSystem';
import { joinPath } from '../../../engine/src/io/fileSystem';
import { pathToUri, uriToPath } from '../service/uri';
import { capabilities } from '../node/features';
import { bytesOfBase64 } from './base64';
import { openWorkspaceMethod, type OpenWorkspaceParams } from './protocol';
import { createWorkerConnection, serveLanguage } from './serve';

const connection = createWorkerConnection();
const memory = createMemoryFileSystem();
const service = serveLanguage(connection, memory);

/** The client's folders (none from monaco.lsp) and the workspaces the page opened. */
let folders: string[] = [];
let opened: string[] = [];

connection.onInitialize((params) => {
  folders = params.workspaceFolders?.map((f) => f.uri) ?? (params.rootUri ? [params.rootUri] : []);
  return { capabilities: capabilities(service), serverInfo: { name: 'import-studio', version: '0.1.0' } };
});

connection.onNotification(openWorkspaceMethod, (params: OpenWorkspaceParams) => {
  const root = uriToPath(params.root);
  // Files from disk replacing the workspace: the old files go first.
  const removed = params.replace ? memory.paths().filter((path) => path.startsWith(`${root}/`)) : [];
  for (const path of removed) memory.delete(path);
  const added = params.files.map((file) => {
    const path = joinPath(root, file.path);
    memory.write(path, bytesOfBase64(file.base64));
    return path;
  });
  if (opened.includes(params.root) && params.replace) {
    // A folder already served: tell the core what changed, as a disk watcher would, so that it
    // finds the workspaces again and reloads them (setFolders with the same folders would not).
    service.filesChanged([
      ...removed.map((path) => ({ uri: pathToUri(path), type: 'deleted' as const })),
      ...added.map((path) => ({ uri: pathToUri(path), type: 'created' as const })),
    ]);
    return;
  }
  opened = [...opened.filter((uri) => uri !== params.root), params.root];
  void service.setFolders([...folders, ...opened]);
});

connection.listen();
