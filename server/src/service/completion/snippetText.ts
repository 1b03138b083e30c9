/**
 * Turning schema `defaultSnippets` bodies and key templates into snippet text, in YAML or JSON.
 * Bodies already hold snippet syntax (`${1:name}`), so their strings are written as they are;
 * literal text from the workspace goes through `escapeSnippet`. Nested lines are indented relative
 * to the first: the editor indents an insertion like the line it goes on (insertTextMode
 * adjustIndentation).
 */
import { isRecord } from '../yamlPosition';

export function escapeSnippet(text: string): string {
  return text.replace(/[\\$}]/g, (c) => `\\${c}`);
}

function yamlScalar(value: unknown): string {
  if (typeof value === 'string') return value;
  if (value === null) return 'null';
  return String(value);
}

/** A body as YAML block lines (no trailing newline). */
export function yamlBody(value: unknown): string {
  if (Array.isArray(value)) {
    if (value.length === 0) return '[]';
    return value
      .map((item) => {
        const text = isRecord(item) || Array.isArray(item) ? yamlBody(item) : yamlScalar(item);
        return `- ${indentLater(text, 2)}`;
      })
      .join('\n');
  }
  if (isRecord(value)) {
    const entries = Object.entries(value);
    if (entries.length === 0) return '{}';
    return entries
      .map(([key, v]) => {
        if ((isRecord(v) && Object.keys(v).length > 0) || (Array.isArray(v) && v.length > 0)) {
          return `${key}:\n${indentAll(yamlBody(v), 2)}`;
        }
        return `${key}: ${isRecord(v) || Array.isArray(v) ? yamlBody(v) : yamlScalar(v)}`;
      })
      .join('\n');
  }
  return yamlScalar(value);
}

/** A body as JSON text, two spaces per level. */
export function jsonBody(value: unknown): string {
  return JSON.stringify(value, null, 2);
}

/** The entries of a JSON object body without its braces, for inserting inside an existing `{ }`. */
export function jsonEntries(value: unknown): string {
  const lines = jsonBody(value).split('\n');
  return lines
    .slice(1, -1)
    .map((l) => l.slice(2))
    .join('\n');
}

export function indentLater(text: string, n: number): string {
  const pad = ' '.repeat(n);
  return text.replaceAll('\n', `\n${pad}`);
}

export function indentAll(text: string, n: number): string {
  const pad = ' '.repeat(n);
  return text
    .split('\n')
    .map((l) => pad + l)
    .join('\n');
}

/** A snippet choice `${n|a,b|}`, the first value being the one preselected. */
export function choice(n: number, values: readonly unknown[]): string {
  const escaped = values.map((v) => String(v).replace(/[,|\\$}]/g, (c) => `\\${c}`));
  return `\${${n}|${escaped.join(',')}|}`;
}
