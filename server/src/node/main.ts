/**
 * The language server's Node entry: the connection layer only (stdio or IPC, picked from argv by
 * vscode-languageserver). It hands documents and file events to the language-service core,
 * routes requests to it, publishes what it returns, and runs dry runs on a worker thread.
 */
import { TextDocument } from 'vscode-languageserver-textdocument';
import {
  createConnection,
  DidChangeWatchedFilesNotification,
  DocumentDiagnosticReportKind,
  FileChangeType,
  ProposedFeatures,
  TextDocuments,
} from 'vscode-languageserver/node';
import { nodeFileSystem } from '../../../engine/src/io/nodeFileSystem';
import { createLanguageService, type FileChangeType as ServiceChangeType } from '../service/languageService';
import { type DryRunParams, dryRunMethod, type ListImportsParams, listImportsMethod } from '../service/requests';
import { capabilities, routeFeatures } from './features';
import { dryRunRequest } from './dryRun';

const connection = createConnection(ProposedFeatures.all);
const documents = new TextDocuments(TextDocument);
const service = createLanguageService({
  fs: nodeFileSystem,
  publishDiagnostics: (uri, diagnostics, version) =>
    void connection.sendDiagnostics({ uri, diagnostics, ...(version === undefined ? {} : { version }) }),
  log: (message) => connection.console.error(message),
});

// Library warnings (the yaml package warns about collection keys in broken YAML while the user
// types) are not the server failing: they go to the log as information, not as errors.
process.removeAllListeners('warning');
process.on('warning', (warning) => connection.console.info(`${warning.name}: ${warning.message}`));

let folders: string[] = [];
let watchDynamically = false;
let canCreateProgress = false;
let folderEvents = false;

connection.onInitialize((params) => {
  folders = params.workspaceFolders?.map((f) => f.uri) ?? (params.rootUri ? [params.rootUri] : []);
  watchDynamically = params.capabilities.workspace?.didChangeWatchedFiles?.dynamicRegistration === true;
  canCreateProgress = params.capabilities.window?.workDoneProgress === true;
  folderEvents = params.capabilities.workspace?.workspaceFolders === true;
  const delay = (params.initializationOptions as { diagnosticsDelay?: unknown } | undefined)?.diagnosticsDelay;
  if (typeof delay === 'number') service.setDebounce(delay);
  return { capabilities: capabilities(service), serverInfo: { name: 'import-studio', version: '0.1.0' } };
});

connection.onInitialized(() => {
  // Loading happens after the initialize answer, so the editor never waits on it.
  void service.setFolders(folders);
  if (watchDynamically) {
    void connection.client.register(DidChangeWatchedFilesNotification.type, {
      watchers: [{ globPattern: '**/*.{yaml,yml,json,jsonata,csv,tsv,txt,xml}' }],
    });
  }
  if (folderEvents) {
    connection.workspace.onDidChangeWorkspaceFolders(() => {
      void connection.workspace.getWorkspaceFolders().then((list) => service.setFolders(list?.map((f) => f.uri) ?? []));
    });
  }
});

const changeTypes: Record<FileChangeType, ServiceChangeType> = {
  [FileChangeType.Created]: 'created',
  [FileChangeType.Changed]: 'changed',
  [FileChangeType.Deleted]: 'deleted',
};

documents.onDidChangeContent((e) => service.change(e.document.uri, e.document.getText(), e.document.version));
documents.onDidClose((e) => service.close(e.document.uri));
connection.onDidChangeWatchedFiles(({ changes }) =>
  service.filesChanged(changes.map((c) => ({ uri: c.uri, type: changeTypes[c.type] }))),
);

// Pull diagnostics answer the same lists as the pushed ones, computed at once (tests, benchmarks).
connection.languages.diagnostics.on(async ({ textDocument }) => ({
  kind: DocumentDiagnosticReportKind.Full,
  items: await service.diagnostics(textDocument.uri),
}));

connection.onRequest(dryRunMethod, (params: DryRunParams, token) =>
  dryRunRequest(connection, service, params, token, canCreateProgress),
);
connection.onRequest(listImportsMethod, (params: ListImportsParams | undefined) => service.listImports(params ?? {}));

routeFeatures(connection, service);

connection.onShutdown(() => service.dispose());
documents.listen(connection);
connection.listen();
