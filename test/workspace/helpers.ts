/** Shared helpers of the workspace and schema tests. */
import type { Problem } from '../../engine/src/errors/problem';
import { parseDocument, type SchemaKind, validateSchema } from '../../engine/src/workspace';

/** Parses YAML text as a file of `kind` and returns its parse and schema problems. */
export function check(kind: SchemaKind, text: string, path = `test.${kind}.yaml`): Problem[] {
  const parsed = parseDocument(text, { path, syntax: path.endsWith('.json') ? 'json' : 'yaml' });
  return [...parsed.problems, ...validateSchema(parsed, kind)];
}

/** A problem's first range as [startLine, startCharacter, endLine, endCharacter]. */
export function at(p: Problem | undefined): [number, number, number, number] | undefined {
  const r = p?.locations[0]?.range;
  return r ? [r.start.line, r.start.character, r.end.line, r.end.character] : undefined;
}

/** The one problem of a list; fails when there is not exactly one. */
export function only(problems: Problem[]): Problem {
  if (problems.length !== 1) {
    throw new Error(
      `expected exactly one problem, got ${problems.length}: ${problems.map((p) => `${p.code} ${p.message}`).join(' | ')}`,
    );
  }
  return problems[0] as Problem;
}

export function lines(...l: string[]): string {
  return `${l.join('\n')}\n`;
}
