/**
 * The language-service core: a document in, diagnostics out. It knows nothing of connections or
 * processes (like vscode-json-languageservice), so the same core can run in a browser worker.
 */
import type { Diagnostic } from 'vscode-languageserver-types';
import { detectKind } from '../../../engine/src/workspace/detectKind';
import { parseDocument } from '../../../engine/src/workspace/parseDocument';
import { validateSchema } from '../../../engine/src/workspace/validateSchema';
import { toDiagnostic } from './toDiagnostic';
import { uriToPath } from './uri';

export interface LanguageService {
  /** Syntax and schema diagnostics of one workspace document. */
  validate(document: { uri: string; text: string }): Diagnostic[];
}

export function createLanguageService(): LanguageService {
  return {
    validate({ uri, text }) {
      const path = uriToPath(uri);
      const kind = detectKind(path);
      if (kind === undefined || kind === 'jsonata') return [];
      const parsed = parseDocument(text, { path, syntax: path.endsWith('.json') ? 'json' : 'yaml' });
      const problems = parsed.problems.length > 0 ? parsed.problems : validateSchema(parsed, kind);
      return problems.map((p) => toDiagnostic(p, path));
    },
  };
}
