import type { DocumentSelector } from 'vscode-languageclient';

/** The workspace files the language server owns, recognised by name as engine/src/workspace/detectKind does. */
const patterns = [
  '**/importstudio.{yaml,yml,json}',
  '**/*.{import,form,mapping}.{yaml,yml,json}',
  '**/{people,records}.{yaml,yml}',
  '**/*.{people,records}.{yaml,yml}',
  '**/*.jsonata',
];

/** The workspace files under one URI scheme: `file` on the desktop; the web entry passes its folders' schemes. */
export function documentSelectorFor(schemes: readonly string[]): DocumentSelector {
  return schemes.flatMap((scheme) => patterns.map((pattern) => ({ scheme, pattern })));
}

export const documentSelector: DocumentSelector = documentSelectorFor(['file']);
