/**
 * Writing a new value into an existing YAML (or JSON) scalar without changing its style: a quoted
 * value stays quoted, a plain value stays plain when the new text can be plain, and otherwise it
 * becomes a double-quoted string (valid YAML and JSON alike).
 */
import { parse, type Scalar } from 'yaml';
import type { TextEdit } from 'vscode-languageserver-types';
import type { ParsedDocument } from '../../../../engine/src/workspace/parseDocument';
import { offsetsRange, scalarContentOffsets } from './yamlTree';

/** True when `text` reads back as the same string as a plain scalar, in block and in flow context. */
export function isPlainSafe(text: string): boolean {
  if (text === '' || text !== text.trim() || /[\n\r\t]/.test(text)) return false;
  try {
    const block: unknown = parse(`k: ${text}\n`);
    const flow: unknown = parse(`{ k: ${text} }\n`);
    return (block as { k?: unknown } | null)?.k === text && (flow as { k?: unknown } | null)?.k === text;
  } catch {
    return false;
  }
}

/** The text of a value as a scalar of a new key or value: plain when safe, double-quoted otherwise. */
export function scalarText(value: string): string {
  return isPlainSafe(value) ? value : JSON.stringify(value);
}

/** The edit that makes `node` hold `value`, keeping its quoting style where the value allows. */
export function replaceScalar(parsed: ParsedDocument, node: Scalar, value: string): TextEdit | undefined {
  const r = node.range;
  const content = scalarContentOffsets(node);
  if (!r || !content) return undefined;
  const whole = (newText: string): TextEdit => ({ range: offsetsRange(parsed, r[0], r[1]), newText });
  switch (node.type) {
    case 'QUOTE_DOUBLE':
      return { range: offsetsRange(parsed, content[0], content[1]), newText: JSON.stringify(value).slice(1, -1) };
    case 'QUOTE_SINGLE':
      return /[\n\r]/.test(value)
        ? whole(JSON.stringify(value))
        : { range: offsetsRange(parsed, content[0], content[1]), newText: value.replaceAll("'", "''") };
    default:
      return whole(parsed.syntax === 'json' ? JSON.stringify(value) : scalarText(value));
  }
}
