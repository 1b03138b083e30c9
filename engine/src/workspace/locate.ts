/**
 * Finding where a JSON pointer sits in a YAML (or JSON) source, and where an offset inside a
 * string scalar's parsed value sits in the file. The second one places JSONata errors inside YAML:
 * JSONata reports offsets into the expression string, which quoting, escapes, line folding and
 * block indentation have moved away from the text the user sees.
 */
import { type Document, isAlias, isMap, isScalar, isSeq, type Node, type Pair, type Scalar } from 'yaml';
import type { Position, Range } from '../errors/problem';
import type { ParsedDocument } from './parseDocument';
import { parsePointer } from './pointer';

/** The ranges of a key and of its value; the root and list items have no key. */
export interface KeyValueRange {
  key?: Range;
  value: Range;
}

export interface FoundNode {
  keyNode?: Node;
  /** The value node; null when a key has no value at all (`key:` in some positions). */
  node: Node | null;
}

/** Walks a YAML document along pointer segments, following aliases. */
export function findNode(doc: Document, segments: readonly string[]): FoundNode | undefined {
  let node: Node | null = (doc.contents as Node | null) ?? null;
  let keyNode: Node | undefined;
  for (const segment of segments) {
    if (node !== null && isAlias(node)) node = (node.resolve(doc) as Node | undefined) ?? null;
    if (node !== null && isMap(node)) {
      const pair = (node.items as Pair<unknown, unknown>[]).find((p) => keyText(p.key) === segment);
      if (!pair) return undefined;
      keyNode = isNodeLike(pair.key) ? pair.key : undefined;
      node = isNodeLike(pair.value) ? pair.value : null;
    } else if (node !== null && isSeq(node)) {
      if (!/^\d+$/.test(segment)) return undefined;
      const item = node.items[Number(segment)];
      if (item === undefined) return undefined;
      keyNode = undefined;
      node = isNodeLike(item) ? item : null;
    } else {
      return undefined;
    }
  }
  return { ...(keyNode ? { keyNode } : {}), node };
}

function isNodeLike(value: unknown): value is Node {
  return typeof value === 'object' && value !== null && 'range' in value;
}

function keyText(key: unknown): string | undefined {
  if (isScalar(key)) return String(key.value);
  return undefined;
}

/**
 * The text of a string scalar mapped back to source offsets: `offsets[i]` is where character i of
 * the parsed value comes from. Undefined when the node is not a string scalar, or when the mapping
 * cannot be rebuilt exactly (the caller then falls back to the scalar's start).
 */
export function scalarOffsets(source: string, node: Scalar): number[] | undefined {
  if (typeof node.value !== 'string' || !node.range) return undefined;
  const [start, end] = node.range;
  const value = node.value;
  switch (node.type) {
    case 'PLAIN':
    case 'QUOTE_SINGLE':
    case 'QUOTE_DOUBLE': {
      const mapped = flowScalar(source, start, end, node.type);
      return mapped && mapped.text === value ? mapped.offsets : undefined;
    }
    case 'BLOCK_LITERAL':
    case 'BLOCK_FOLDED':
      return blockScalar(source, start, end, value);
    default:
      return undefined;
  }
}

const escapes: Record<string, string> = {
  '0': '\0',
  a: '\x07',
  b: '\b',
  t: '\t',
  '\t': '\t',
  n: '\n',
  v: '\v',
  f: '\f',
  r: '\r',
  e: '\x1b',
  ' ': ' ',
  '"': '"',
  '/': '/',
  '\\': '\\',
  N: '\x85',
  _: '\xa0',
  L: '\u2028',
  P: '\u2029',
};
const hexLength: Record<string, number> = { x: 2, u: 4, U: 8 };

/**
 * Replays YAML's flow scalar rules (line folding, `''` in single quotes, escapes in double quotes)
 * and records the source offset of every produced character.
 */
function flowScalar(
  source: string,
  start: number,
  end: number,
  type: 'PLAIN' | 'QUOTE_SINGLE' | 'QUOTE_DOUBLE',
): { text: string; offsets: number[] } | undefined {
  const quoted = type !== 'PLAIN';
  let i = quoted ? start + 1 : start;
  const stop = quoted ? end - 1 : end;
  const chars: string[] = [];
  const offsets: number[] = [];
  // Raw spaces at the end of the current line: folding strips them, escaped ones it keeps.
  let trailingRaw = 0;
  const push = (text: string, at: number) => {
    for (const ch of text) {
      for (let k = 0; k < ch.length; k++) {
        chars.push(ch[k] ?? '');
        offsets.push(at);
      }
    }
  };
  while (i < stop) {
    const c = source[i];
    if (c === '\n' || c === '\r') {
      chars.length -= trailingRaw;
      offsets.length -= trailingRaw;
      trailingRaw = 0;
      const at = i;
      let breaks = 0;
      while (i < stop) {
        const d = source[i];
        if (d === '\r' && source[i + 1] === '\n') {
          i += 2;
          breaks++;
        } else if (d === '\n' || d === '\r') {
          i++;
          breaks++;
        } else if (d === ' ' || d === '\t') i++;
        else break;
      }
      push(breaks === 1 ? ' ' : '\n'.repeat(breaks - 1), at);
      continue;
    }
    if (type === 'QUOTE_DOUBLE' && c === '\\') {
      const n = source[i + 1] ?? '';
      if (n === '\n' || n === '\r') {
        // An escaped line break joins the lines without a space and keeps the spaces before it.
        i += n === '\r' && source[i + 2] === '\n' ? 3 : 2;
        while (i < stop && (source[i] === ' ' || source[i] === '\t')) i++;
        trailingRaw = 0;
        continue;
      }
      const hex = hexLength[n];
      if (hex !== undefined) {
        const code = Number.parseInt(source.slice(i + 2, i + 2 + hex), 16);
        if (Number.isNaN(code)) return undefined;
        push(String.fromCodePoint(code), i);
        i += 2 + hex;
      } else {
        const ch = escapes[n];
        if (ch === undefined) return undefined;
        push(ch, i);
        i += 2;
      }
      trailingRaw = 0;
      continue;
    }
    if (type === 'QUOTE_SINGLE' && c === "'" && source[i + 1] === "'") {
      push("'", i);
      i += 2;
      trailingRaw = 0;
      continue;
    }
    push(c ?? '', i);
    trailingRaw = c === ' ' || c === '\t' ? trailingRaw + 1 : 0;
    i++;
  }
  return { text: chars.join(''), offsets };
}

/**
 * Block scalars (| and >): each content line, less its indentation, appears whole in the value, in
 * order, separated only by line breaks or (folding) single spaces. Aligning the lines with the
 * value gives each character's offset without re-implementing chomping and folding, and stays
 * right with explicit indentation indicators, whose base indentation the text alone does not show.
 */
function blockScalar(source: string, start: number, end: number, value: string): number[] | undefined {
  const headerEnd = source.indexOf('\n', start);
  if (headerEnd < 0 || headerEnd >= end) return value === '' ? [] : undefined;
  const lines: { offset: number; text: string }[] = [];
  let at = headerEnd + 1;
  while (at < end) {
    const nl = source.indexOf('\n', at);
    const lineEnd = nl < 0 || nl > end ? end : nl;
    let text = source.slice(at, lineEnd);
    if (text.endsWith('\r')) text = text.slice(0, -1);
    lines.push({ offset: at, text });
    at = lineEnd + 1;
  }
  const first = lines.find((l) => l.text.trim() !== '');
  if (!first) return value.replaceAll('\n', '') === '' ? Array.from(value, () => headerEnd) : undefined;
  // The indentation is what the first content line loses: its leading spaces less those the value
  // keeps (an indentation indicator can keep some). Folding may join lines, so compare spaces only.
  const leading = (s: string) => s.length - s.replace(/^ */, '').length;
  const indent = leading(first.text) - leading(value.replace(/^\n*/, ''));
  if (indent < 0) return undefined;

  const offsets: number[] = [];
  let vp = 0;
  let lastEnd = headerEnd;
  let previousWasText = false;
  for (const line of lines) {
    const text = line.text.length > indent ? line.text.slice(indent) : '';
    if (text === '') {
      previousWasText = false;
      continue;
    }
    // The separator before this line: line breaks, or the single space a fold leaves between two
    // text lines. Separator characters map to the end of the previous line.
    while (value[vp] === '\n') {
      offsets.push(lastEnd);
      vp++;
    }
    if (previousWasText && value[vp] === ' ' && text[0] !== ' ' && text[0] !== '\t') {
      offsets.push(lastEnd);
      vp++;
    }
    if (!value.startsWith(text, vp)) return undefined;
    for (let k = 0; k < text.length; k++) offsets.push(line.offset + indent + k);
    vp += text.length;
    lastEnd = line.offset + line.text.length;
    previousWasText = text[0] !== ' ' && text[0] !== '\t';
  }
  // What is left is the chomped tail: line breaks only.
  while (vp < value.length) {
    if (value[vp] !== '\n') return undefined;
    offsets.push(lastEnd);
    vp++;
  }
  return offsets;
}

/**
 * The file position of `offsetInValue` inside the string at `pointer` (for example a JSONata error
 * offset inside `transformation.expression`). Works for plain, quoted and block scalars, and for
 * plain-text documents (a .jsonata file, pointer ''). Falls back to the scalar's start when the
 * mapping cannot be rebuilt; undefined when the pointer does not lead to a string.
 */
export function locateInScalar(parsed: ParsedDocument, pointer: string, offsetInValue: number): Position | undefined {
  if (parsed.document === undefined) {
    if (pointer !== '' || typeof parsed.value !== 'string') return undefined;
    return parsed.positionAt(clamp(offsetInValue, 0, parsed.text.length));
  }
  const segments = parsePointer(pointer);
  if (!segments) return undefined;
  const found = findNode(parsed.document, segments);
  let node = found?.node ?? null;
  if (node !== null && isAlias(node)) node = (node.resolve(parsed.document) as Node | undefined) ?? null;
  if (node === null || !isScalar(node) || typeof node.value !== 'string' || !node.range) return undefined;
  const offsets = scalarOffsets(parsed.text, node);
  const start = node.range[0];
  if (!offsets) return parsed.positionAt(start);
  const value = node.value;
  if (offsetInValue <= 0) return parsed.positionAt(offsets[0] ?? contentStart(node, start));
  if (offsetInValue >= value.length) {
    const last = offsets[value.length - 1];
    return parsed.positionAt(last === undefined ? contentStart(node, start) : last + 1);
  }
  return parsed.positionAt(offsets[offsetInValue] ?? start);
}

function contentStart(node: Scalar, start: number): number {
  return node.type === 'QUOTE_DOUBLE' || node.type === 'QUOTE_SINGLE' ? start + 1 : start;
}

function clamp(n: number, lo: number, hi: number): number {
  return Math.min(Math.max(n, lo), hi);
}
