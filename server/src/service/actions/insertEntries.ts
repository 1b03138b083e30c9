/**
 * The text edit that adds entries to a map, in the map's own style: a block map gets new lines at
 * its indentation (before a given key, or after its last entry); a flow map or JSON object gets
 * `, key: value` before its closing brace.
 */
import { isMap, type Node, stringify, type YAMLMap } from 'yaml';
import type { TextEdit } from 'vscode-languageserver-types';
import type { ParsedDocument } from '../../../../engine/src/workspace/parseDocument';
import { keyText, offsetsRange } from '../navigation/yamlTree';

export interface Entry {
  key: string;
  value: unknown;
}

/** The offset of the start of the line holding `offset`. */
function lineStart(text: string, offset: number): number {
  return text.lastIndexOf('\n', offset - 1) + 1;
}

/** Entries as block YAML, every line indented by `indent`. */
export function blockText(entries: readonly Entry[], indent: string): string {
  const object: Record<string, unknown> = {};
  for (const e of entries) object[e.key] = e.value;
  const text = stringify(object, { lineWidth: 0 });
  return text
    .split('\n')
    .filter((line, i, all) => i < all.length - 1 || line !== '')
    .map((line) => (line === '' ? line : indent + line))
    .join('\n')
    .concat('\n');
}

function flowEdit(parsed: ParsedDocument, map: YAMLMap, entries: readonly Entry[]): TextEdit | undefined {
  const range = map.range;
  if (!range) return undefined;
  const text = parsed.text;
  let close = range[1] - 1;
  while (close > range[0] && text[close] !== '}') close--;
  if (text[close] !== '}') return undefined;
  const json = parsed.syntax === 'json';
  const parts = entries.map((e) => `${json ? JSON.stringify(e.key) : e.key}: ${JSON.stringify(e.value)}`);
  const last = map.items[map.items.length - 1];
  const lastEnd = (last?.value as Node | null)?.range?.[1] ?? (last?.key as Node | null)?.range?.[1];
  if (lastEnd === undefined) return { range: offsetsRange(parsed, close, close), newText: ` ${parts.join(', ')} ` };
  // JSON objects usually hold one entry per line: follow the last entry's indentation.
  const firstKey = (map.items[0]?.key as Node | null)?.range?.[0] ?? lastEnd;
  const multiline = text.slice(range[0], firstKey).includes('\n');
  const indent = multiline ? ' '.repeat(parsed.positionAt(firstKey).character) : '';
  const separator = multiline ? `,\n${indent}` : ', ';
  return { range: offsetsRange(parsed, lastEnd, lastEnd), newText: separator + parts.join(separator) };
}

/** Adds entries to `map`; with `before`, in front of that key (block maps). */
export function insertEntries(
  parsed: ParsedDocument,
  map: Node | null | undefined,
  entries: readonly Entry[],
  before?: string,
): TextEdit | undefined {
  if (!isMap(map) || !map.range) return undefined;
  if (map.flow || parsed.syntax === 'json') return flowEdit(parsed, map, entries);
  const text = parsed.text;
  const firstKey = (map.items[0]?.key as Node | null)?.range?.[0];
  const indent = firstKey === undefined ? '' : ' '.repeat(firstKey - lineStart(text, firstKey));
  const anchor = before === undefined ? undefined : map.items.find((p) => keyText(p.key) === before);
  const anchorStart = (anchor?.key as Node | null)?.range?.[0];
  if (anchorStart !== undefined) {
    const at = lineStart(text, anchorStart);
    return { range: offsetsRange(parsed, at, at), newText: blockText(entries, indent) };
  }
  // After the last line with content: trailing blank lines and comments stay below the new keys.
  let end = map.range[1];
  while (end > map.range[0] && /\s/.test(text[end - 1] ?? '')) end--;
  const nl = text.indexOf('\n', end);
  if (nl < 0)
    return { range: offsetsRange(parsed, text.length, text.length), newText: `\n${blockText(entries, indent)}` };
  return { range: offsetsRange(parsed, nl + 1, nl + 1), newText: blockText(entries, indent) };
}
