/** Recognises the kind of a workspace file by its name. */
import type { DocumentKind } from '../model/workspace';

const rules: { kind: DocumentKind; test: RegExp }[] = [
  { kind: 'workspace', test: /^importstudio\.(ya?ml|json)$/i },
  { kind: 'import', test: /\.import\.(ya?ml|json)$/i },
  { kind: 'form', test: /\.form\.(ya?ml|json)$/i },
  { kind: 'mapping', test: /\.mapping\.(ya?ml|json)$/i },
  { kind: 'people', test: /(^|\.)people\.ya?ml$/i },
  { kind: 'records', test: /(^|\.)records\.ya?ml$/i },
  { kind: 'jsonata', test: /\.jsonata$/i },
];

/** The kind of the file at `path` (only its last segment counts), or undefined for other files. */
export function detectKind(path: string): DocumentKind | undefined {
  const name = path.slice(Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\')) + 1);
  return rules.find((r) => r.test.test(name))?.kind;
}

/** YAML or JSON, by extension; JSON files are parsed by the same YAML parser, for the same positions. */
export function syntaxOf(path: string): 'yaml' | 'json' {
  return path.toLowerCase().endsWith('.json') ? 'json' : 'yaml';
}
