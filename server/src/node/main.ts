/**
 * The language server's Node entry: the connection layer only (stdio or IPC, picked from argv by
 * vscode-languageserver). It hands documents and file events to the language-service core,
 * routes requests to it, publishes what it returns, and runs dry runs on a worker thread.
 */
import { TextDocument } from 'vscode-languageserver-textdocument';
import {
  createConnection,
  DidChangeConfigurationNotification,
  DidChangeWatchedFilesNotification,
  DocumentDiagnosticReportKind,
  FileChangeType,
  ProposedFeatures,
  TextDocuments,
} from 'vscode-languageserver/node';
import { nodeFileSystem } from '../../../engine/src/io/nodeFileSystem';
import { createLanguageService, type FileChangeType as ServiceChangeType } from '../service/languageService';
import {
  type DryRunParams,
  dryRunMethod,
  type ExecuteRunParams,
  executeRunMethod,
  type ListImportsParams,
  listImportsMethod,
  type ListRunsParams,
  listRunsMethod,
  type PreviewRunParams,
  previewRunMethod,
  type RunDetailsParams,
  runDetailsMethod,
  type RunResultsParams,
  runResultsMethod,
} from '../service/requests';
import { capabilities, routeFeatures } from './features';
import { executeRunRequest, listRunsRequest, previewRunRequest, runDetailsRequest, runResultsRequest } from './runs';
import { overridesOf } from './settings';
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
let pullConfiguration = false;
let configurationEvents = false;
/** Dry runs wait for the first pull of the settings, so that none runs with the paths of importstudio.yaml by mistake. */
let settingsPulled: Promise<void> = Promise.resolve();

connection.onInitialize((params) => {
  folders = params.workspaceFolders?.map((f) => f.uri) ?? (params.rootUri ? [params.rootUri] : []);
  watchDynamically = params.capabilities.workspace?.didChangeWatchedFiles?.dynamicRegistration === true;
  canCreateProgress = params.capabilities.window?.workDoneProgress === true;
  folderEvents = params.capabilities.workspace?.workspaceFolders === true;
  pullConfiguration = params.capabilities.workspace?.configuration === true;
  configurationEvents = params.capabilities.workspace?.didChangeConfiguration?.dynamicRegistration === true;
  const delay = (params.initializationOptions as { diagnosticsDelay?: unknown } | undefined)?.diagnosticsDelay;
  if (typeof delay === 'number') service.setDebounce(delay);
  return { capabilities: capabilities(service), serverInfo: { name: 'import-studio', version: '0.1.0' } };
});

/**
 * The editor's `importStudio` settings that change what a workspace loads (sftpRoot, sandbox files),
 * per folder. Pulled before the first load so that the first diagnostics already use them.
 */
async function pullOverrides(): Promise<void> {
  if (!pullConfiguration || folders.length === 0) return;
  try {
    const sections: unknown[] = await connection.workspace.getConfiguration(
      folders.map((scopeUri) => ({ scopeUri, section: 'importStudio' })),
    );
    folders.forEach((folder, i) => service.setOverrides(folder, overridesOf(sections[i])));
  } catch (error) {
    connection.console.error(`Cannot read the importStudio settings: ${String(error)}`);
  }
}

connection.onInitialized(() => {
  // Loading happens after the initialize answer, so the editor never waits on it.
  // Overrides usually arrive before the first load ends; when set, they reload what they change.
  void service.setFolders(folders);
  settingsPulled = pullOverrides();
  if (configurationEvents) {
    void connection.client.register(DidChangeConfigurationNotification.type, { section: 'importStudio' });
  }
  if (watchDynamically) {
    void connection.client.register(DidChangeWatchedFilesNotification.type, {
      watchers: [{ globPattern: '**/*.{yaml,yml,json,jsonata,csv,tsv,txt,xml}' }],
    });
  }
  if (folderEvents) {
    connection.workspace.onDidChangeWorkspaceFolders(() => {
      void connection.workspace.getWorkspaceFolders().then(async (list) => {
        folders = list?.map((f) => f.uri) ?? [];
        await pullOverrides();
        await service.setFolders(folders);
      });
    });
  }
});

connection.onDidChangeConfiguration(() => void pullOverrides());

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

connection.onRequest(dryRunMethod, async (params: DryRunParams, token) => {
  await settingsPulled;
  return dryRunRequest(connection, service, params, token, canCreateProgress);
});
connection.onRequest(previewRunMethod, async (params: PreviewRunParams) => {
  await settingsPulled;
  return previewRunRequest(service, params);
});
connection.onRequest(executeRunMethod, async (params: ExecuteRunParams, token) => {
  await settingsPulled;
  return executeRunRequest(connection, service, params, token, canCreateProgress);
});
connection.onRequest(listRunsMethod, (params: ListRunsParams) => listRunsRequest(service, params));
connection.onRequest(runDetailsMethod, (params: RunDetailsParams) => runDetailsRequest(service, params));
connection.onRequest(runResultsMethod, (params: RunResultsParams) => runResultsRequest(service, params));
connection.onRequest(listImportsMethod, (params: ListImportsParams | undefined) => service.listImports(params ?? {}));

routeFeatures(connection, service);

connection.onShutdown(() => service.dispose());
documents.listen(connection);
connection.listen();
