/** One workspace file on its own: parsed and validated against the schema of its kind. */
import type { Problem } from '../errors/problem';
import type { DocumentKind } from '../model/workspace';
import { detectKind, syntaxOf } from './detectKind';
import { type ParsedDocument, parseDocument, parseText } from './parseDocument';
import { validateSchema } from './validateSchema';

export interface CheckedDocument {
  kind: DocumentKind;
  parsed: ParsedDocument;
  /** Parse problems, then schema problems. */
  problems: Problem[];
  /** True when the value has the shape of its kind (see LoadedDocument.value). */
  usable: boolean;
}

/**
 * Parses and validates one file's text. `path` is the file as problems name it (workspace-relative);
 * the kind comes from its name unless given. Undefined for files of no known kind.
 */
export function checkDocument(text: string, path: string, kind = detectKind(path)): CheckedDocument | undefined {
  if (kind === undefined) return undefined;
  if (kind === 'jsonata') return { kind, parsed: parseText(text, path), problems: [], usable: true };
  const parsed = parseDocument(text, { path, syntax: syntaxOf(path) });
  const schema = parsed.problems.length === 0 ? validateSchema(parsed, kind) : [];
  // An unknown key leaves the shape intact (the pipeline ignores it); anything else does not, nor
  // does an unknown key that is the misspelling of a required one (the required key is missing).
  const usable =
    parsed.problems.length === 0 &&
    schema.every(
      (p) => p.severity !== 'error' || (p.data?.unknownKey !== undefined && p.data.missingRequired === undefined),
    );
  return { kind, parsed, problems: [...parsed.problems, ...schema], usable };
}
