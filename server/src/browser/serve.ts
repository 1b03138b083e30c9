/**
 * What both Web Worker servers share (the playground's, main.ts, and the web extension's,
 * webExtension.ts): the language-service core over a file system, with the same document sync,
 * pull diagnostics, feature routing and in-worker dry runs as server/src/node. Each entry answers
 * `initialize` and says where the workspace folders come from.
 */
import { TextDocument } from 'vscode-languageserver-textdocument';
import {
  BrowserMessageReader,
  BrowserMessageWriter,
  type Connection,
  createConnection,
  DocumentDiagnosticReportKind,
  TextDocuments,
} from 'vscode-languageserver/browser';
import type { FileSystem } from '../../../engine/src/io/fileSystem';
import { createLanguageService, type LanguageService } from '../service/languageService';
import { type DryRunParams, dryRunMethod, type ListImportsParams, listImportsMethod } from '../service/requests';
import { routeFeatures } from '../node/features';
import { dryRunInWorker } from './dryRun';

declare const self: DedicatedWorkerGlobalScope;

export function createWorkerConnection(): Connection {
  return createConnection(new BrowserMessageReader(self), new BrowserMessageWriter(self));
}

/** Wires the core to the connection; the caller registers onInitialize, then calls connection.listen(). */
export function serveLanguage(connection: Connection, fs: FileSystem): LanguageService {
  const documents = new TextDocuments(TextDocument);
  const service = createLanguageService({
    fs,
    publishDiagnostics: (uri, diagnostics, version) =>
      void connection.sendDiagnostics({ uri, diagnostics, ...(version === undefined ? {} : { version }) }),
    log: (message) => connection.console.error(message),
  });
  documents.onDidChangeContent((e) => service.change(e.document.uri, e.document.getText(), e.document.version));
  documents.onDidClose((e) => service.close(e.document.uri));
  connection.languages.diagnostics.on(async ({ textDocument }) => ({
    kind: DocumentDiagnosticReportKind.Full,
    items: await service.diagnostics(textDocument.uri),
  }));
  connection.onRequest(dryRunMethod, (params: DryRunParams, token) =>
    dryRunInWorker(connection, service, fs, params, token),
  );
  connection.onRequest(listImportsMethod, (params: ListImportsParams | undefined) => service.listImports(params ?? {}));
  routeFeatures(connection, service);
  connection.onShutdown(() => service.dispose());
  documents.listen(connection);
  return service;
}
