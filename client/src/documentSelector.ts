import type { DocumentSelector } from 'vscode-languageclient';

/** The workspace files the language server owns, recognised by name as engine/src/workspace/detectKind does. */
const patterns = [
  '**/importstudio.{yaml,yml,json}',
  '**/*.{import,form,mapping}.{yaml,yml,json}',
  '**/{people,records}.{yaml,yml}',
  '**/*.{people,records}.{yaml,yml}',
  '**/*.jsonata',
];

export const documentSelector: DocumentSelector = patterns.map((pattern) => ({ scheme: 'file', pattern }));
