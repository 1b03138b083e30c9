/** What every quick fix gets: the document, the diagnostic and its machine-readable data. */
import type { CodeAction, Diagnostic, TextEdit, WorkspaceEdit } from 'vscode-languageserver-types';
import { CodeActionKind } from 'vscode-languageserver-types';
import type { LoadedDocument } from '../../../../engine/src/workspace/types';
import type { ServiceContext } from '../context';

export interface FixInput {
  ctx: ServiceContext;
  uri: string;
  /** The workspace document the diagnostic is in; undefined for a data file. */
  doc: LoadedDocument<unknown> | undefined;
  diagnostic: Diagnostic;
  code: string;
  data: Record<string, unknown>;
}

export type Fixer = (input: FixInput) => CodeAction[];

export function quickFix(title: string, diagnostic: Diagnostic, edit: WorkspaceEdit, isPreferred = false): CodeAction {
  return {
    title,
    kind: CodeActionKind.QuickFix,
    diagnostics: [diagnostic],
    edit,
    ...(isPreferred ? { isPreferred } : {}),
  };
}

export function editOf(uri: string, edits: TextEdit[]): WorkspaceEdit {
  return { changes: { [uri]: edits } };
}

export function strings(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}
