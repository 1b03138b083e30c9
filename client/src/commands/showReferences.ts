/**
 * `importStudio.showReferences`: the server's code lenses send `[uri, position, locations]` as LSP
 * JSON; editor.action.showReferences needs vscode objects, so the client converts them.
 */
import * as vscode from 'vscode';
import type { BaseLanguageClient as LanguageClient } from 'vscode-languageclient';
import type * as lsp from 'vscode-languageserver-types';

function isPosition(value: unknown): value is lsp.Position {
  const p = value as Partial<lsp.Position> | null;
  return typeof p === 'object' && p !== null && typeof p.line === 'number' && typeof p.character === 'number';
}

function isLocation(value: unknown): value is lsp.Location {
  const l = value as Partial<lsp.Location> | null;
  return typeof l === 'object' && l !== null && typeof l.uri === 'string' && typeof l.range === 'object';
}

export function showReferencesCommandHandler(client: () => LanguageClient | undefined) {
  return async (uri: unknown, position: unknown, locations: unknown): Promise<void> => {
    const c = client();
    if (!c || typeof uri !== 'string' || !isPosition(position) || !Array.isArray(locations)) return;
    const converter = c.protocol2CodeConverter;
    const refs = await converter.asReferences(locations.filter(isLocation));
    await vscode.commands.executeCommand(
      'editor.action.showReferences',
      converter.asUri(uri),
      converter.asPosition(position),
      refs,
    );
  };
}
