/**
 * The language server of the web extension (dist/web/server.js, started by client/src/web in a Web
 * Worker on VS Code for the Web): the same core and routing as the playground's (serve.ts), but the
 * files are the editor's, read through the extension (clientFileSystem.ts), and the folders are the
 * client's workspace folders, kept up to date as on Node. No settings overrides here: the path
 * settings name paths on a disk the web has not got.
 */
import { DidChangeWatchedFilesNotification, FileChangeType } from 'vscode-languageserver/browser';
import type { FileChangeType as ServiceChangeType } from '../service/languageService';
import { capabilities } from '../node/features';
import { createClientFileSystem } from './clientFileSystem';
import { createWorkerConnection, serveLanguage } from './serve';

const connection = createWorkerConnection();
const service = serveLanguage(
  connection,
  createClientFileSystem({ sendRequest: (method, params) => connection.sendRequest(method, params) }),
);

let folders: string[] = [];
let folderEvents = false;
let watchDynamically = false;

connection.onInitialize((params) => {
  folders = params.workspaceFolders?.map((f) => f.uri) ?? (params.rootUri ? [params.rootUri] : []);
  folderEvents = params.capabilities.workspace?.workspaceFolders === true;
  watchDynamically = params.capabilities.workspace?.didChangeWatchedFiles?.dynamicRegistration === true;
  return { capabilities: capabilities(service), serverInfo: { name: 'import-studio', version: '0.1.0' } };
});

connection.onInitialized(() => {
  // After the initialize answer: loading asks the client for files, which it answers only once initialized.
  void service.setFolders(folders);
  if (watchDynamically) {
    void connection.client.register(DidChangeWatchedFilesNotification.type, {
      watchers: [{ globPattern: '**/*.{yaml,yml,json,jsonata,csv,tsv,txt,xml}' }],
    });
  }
  if (folderEvents) {
    connection.workspace.onDidChangeWorkspaceFolders(() => {
      void connection.workspace.getWorkspaceFolders().then((list) => {
        folders = list?.map((f) => f.uri) ?? [];
        return service.setFolders(folders);
      });
    });
  }
});

const changeTypes: Record<FileChangeType, ServiceChangeType> = {
  [FileChangeType.Created]: 'created',
  [FileChangeType.Changed]: 'changed',
  [FileChangeType.Deleted]: 'deleted',
};
connection.onDidChangeWatchedFiles(({ changes }) =>
  service.filesChanged(changes.map((c) => ({ uri: c.uri, type: changeTypes[c.type] }))),
);

connection.listen();
