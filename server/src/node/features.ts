/**
 * Declares the capabilities of the feature modules the core has, and routes their LSP requests
 * to it. Nothing is computed here: each handler forwards to the LanguageService.
 */
import type { Connection, ServerCapabilities } from 'vscode-languageserver';
import { TextDocumentSyncKind } from 'vscode-languageserver';
import type { LanguageService } from '../service/languageService';

export function capabilities(service: LanguageService): ServerCapabilities {
  const f = service.features;
  return {
    textDocumentSync: TextDocumentSyncKind.Incremental,
    workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
    ...(f.completion
      ? {
          completionProvider: {
            triggerCharacters: [':', ' ', '.', '$', '`', '"', "'", '-'],
            resolveProvider: f.completion.doResolve !== undefined,
          },
        }
      : {}),
    ...(f.hover ? { hoverProvider: true } : {}),
    ...(f.navigation
      ? { definitionProvider: true, referencesProvider: true, renameProvider: { prepareProvider: true } }
      : {}),
    ...(f.symbols
      ? {
          documentSymbolProvider: true,
          foldingRangeProvider: true,
          selectionRangeProvider: true,
          documentLinkProvider: { resolveProvider: false },
          codeLensProvider: { resolveProvider: false },
        }
      : {}),
    ...(f.actions ? { codeActionProvider: true } : {}),
  };
}

export function routeFeatures(connection: Connection, service: LanguageService): void {
  connection.onCompletion(({ textDocument, position }) => service.complete(textDocument.uri, position));
  connection.onCompletionResolve((item) => service.resolveCompletion(item));
  connection.onHover(({ textDocument, position }) => service.hover(textDocument.uri, position));
  connection.onDefinition(({ textDocument, position }) => service.definition(textDocument.uri, position));
  connection.onReferences(({ textDocument, position, context }) =>
    service.references(textDocument.uri, position, context.includeDeclaration),
  );
  connection.onPrepareRename(({ textDocument, position }) => service.prepareRename(textDocument.uri, position));
  connection.onRenameRequest(({ textDocument, position, newName }) =>
    service.rename(textDocument.uri, position, newName),
  );
  connection.onDocumentSymbol(({ textDocument }) => service.documentSymbols(textDocument.uri));
  connection.onFoldingRanges(({ textDocument }) => service.foldingRanges(textDocument.uri));
  connection.onSelectionRanges(({ textDocument, positions }) => service.selectionRanges(textDocument.uri, positions));
  connection.onDocumentLinks(({ textDocument }) => service.documentLinks(textDocument.uri));
  connection.onCodeLens(({ textDocument }) => service.codeLenses(textDocument.uri));
  connection.onCodeAction(({ textDocument, range, context }) =>
    service.codeActions(textDocument.uri, range, context.diagnostics),
  );
}
