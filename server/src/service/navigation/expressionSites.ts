/**
 * The JSONata expressions of the workspace as places in files: mapping expressions, an import's
 * inline transformation and .jsonata files. A site maps offsets inside the expression back to the
 * file (through block scalars, quotes and folding) and rewrites names inside it.
 */
import { isScalar, type Scalar } from 'yaml';
import type { Range, TextEdit } from 'vscode-languageserver-types';
import type { ImportConfig } from '../../../../engine/src/model/workspace';
import { scalarOffsets } from '../../../../engine/src/workspace/locate';
import { transformationPath } from '../../../../engine/src/workspace/loadWorkspace';
import { formatPointer, isRecord } from '../../../../engine/src/workspace/pointer';
import type { LoadedDocument, Workspace } from '../../../../engine/src/workspace/types';
import { isPlainSafe } from './scalarText';
import { nodeAtPointer, offsetsRange } from './yamlTree';

export interface ExpressionSite {
  doc: LoadedDocument<unknown>;
  pointer: string;
  text: string;
  /** The YAML scalar holding the expression; undefined for a .jsonata file (the text is the file). */
  node: Scalar<string> | undefined;
}

function siteAt(doc: LoadedDocument<unknown>, pointer: string): ExpressionSite | undefined {
  const node = nodeAtPointer(doc.parsed, pointer);
  if (!isScalar(node) || typeof node.value !== 'string') return undefined;
  return { doc, pointer, text: node.value, node: node as Scalar<string> };
}

/** Every expression of a mapping (field values, group members, the matching element). */
export function mappingExpressions(doc: LoadedDocument<unknown>): ExpressionSite[] {
  const value = doc.parsed.value;
  if (!isRecord(value)) return [];
  const sites: ExpressionSite[] = [];
  const push = (pointer: string) => {
    const site = siteAt(doc, pointer);
    if (site) sites.push(site);
  };
  if (isRecord(value.matchingElement)) push('/matchingElement/expression');
  if (isRecord(value.fields)) {
    for (const [fieldId, mapping] of Object.entries(value.fields)) {
      if (typeof mapping === 'string') push(formatPointer(['fields', fieldId]));
      else if (isRecord(mapping)) for (const key of Object.keys(mapping)) push(formatPointer(['fields', fieldId, key]));
    }
  }
  return sites;
}

/** The transformation of an import: its inline expression, or its .jsonata file when loaded. */
export function transformationSite(
  workspace: Workspace,
  doc: LoadedDocument<ImportConfig>,
): ExpressionSite | undefined {
  const inline = siteAt(doc, '/transformation/expression');
  if (inline) return inline;
  const path = doc.value ? transformationPath(doc) : undefined;
  const file = path === undefined ? undefined : workspace.jsonata.find((j) => j.path === path);
  return file ? { doc: file, pointer: '', text: file.text, node: undefined } : undefined;
}

/** Source offsets of [start, end) in the expression; undefined when escapes make them differ. */
function sourceSpan(site: ExpressionSite, start: number, end: number): [number, number] | undefined {
  if (!site.node) return [start, end];
  const offsets = scalarOffsets(site.doc.parsed.text, site.node);
  const from = offsets?.[start];
  const last = offsets?.[end - 1];
  if (from === undefined || last === undefined) return undefined;
  const span: [number, number] = [from, last + 1];
  return site.doc.parsed.text.slice(span[0], span[1]) === site.text.slice(start, end) ? span : undefined;
}

/** The file range of [start, end) inside the expression. */
export function siteRange(site: ExpressionSite, start: number, end: number): Range | undefined {
  const span = sourceSpan(site, start, end);
  return span ? offsetsRange(site.doc.parsed, span[0], span[1]) : undefined;
}

export interface Replacement {
  start: number;
  end: number;
  text: string;
}

/** Characters a replacement may not hold when written straight into a scalar of each style. */
function fitsStyle(node: Scalar, text: string, newValue: string): boolean {
  switch (node.type) {
    case 'BLOCK_LITERAL':
    case 'BLOCK_FOLDED':
      return !/[\n\r]/.test(text);
    case 'QUOTE_DOUBLE':
      return !/["\\\n\r]/.test(text);
    case 'QUOTE_SINGLE':
      return !/['\n\r]/.test(text);
    default:
      return isPlainSafe(newValue);
  }
}

/**
 * Edits that apply replacements inside the expression. Each one edits its own span when the
 * scalar's style can hold it there; otherwise the whole scalar is rewritten as a double-quoted
 * string holding the new expression (valid YAML and JSON).
 */
export function rewriteSite(site: ExpressionSite, replacements: readonly Replacement[]): TextEdit[] {
  const sorted = [...replacements].sort((a, b) => a.start - b.start);
  let newValue = '';
  let at = 0;
  for (const r of sorted) {
    newValue += site.text.slice(at, r.start) + r.text;
    at = r.end;
  }
  newValue += site.text.slice(at);
  const spans = sorted.map((r) => sourceSpan(site, r.start, r.end));
  const node = site.node;
  const inPlace =
    spans.every((s) => s !== undefined) && (!node || sorted.every((r) => fitsStyle(node, r.text, newValue)));
  if (inPlace) {
    return sorted.map((r, i) => {
      const span = spans[i] as [number, number];
      return { range: offsetsRange(site.doc.parsed, span[0], span[1]), newText: r.text };
    });
  }
  const range = node?.range;
  if (!node || !range) return [];
  return [{ range: offsetsRange(site.doc.parsed, range[0], range[1]), newText: JSON.stringify(newValue) }];
}
