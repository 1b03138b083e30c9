/**
 * Reads a JSON document, or a YAML flow collection (`{ id: a, type: | }`), from its start to the
 * cursor with a small tokenizer, to say whether the cursor is at a key or a value and under which
 * path. The parser cannot be asked: a half-typed `"ty` swallows the rest of a JSON file into one
 * string, while the text before the cursor is always well-formed enough to read.
 */
import type { ParsedDocument } from '../../../../engine/src/workspace/parseDocument';
import { unescapeDouble } from './lines';
import type { CursorContext, Segment } from './types';
import { keysAt } from './valueAt';

interface Frame {
  kind: 'object' | 'array';
  path: Segment[];
  key: string | undefined;
  index: number;
  /** What comes next: a key, a value, or a separator (`:` after a key, `,` after a value). */
  expect: 'key' | 'value' | 'separator';
}

interface Token {
  start: number;
  text: string;
  quote: '' | '"' | "'";
}

const delimiters = new Set([',', '{', '}', '[', ']']);

/**
 * The context at `offset` of a flow collection starting at `start` (the document start for JSON).
 * `basePath` is the path of the collection that starts there.
 */
export function flowContext(
  parsed: ParsedDocument,
  start: number,
  offset: number,
  basePath: Segment[],
  yaml: boolean,
): CursorContext {
  const text = parsed.text;
  const stack: Frame[] = [];
  let pending: Token | undefined; // the token the cursor is in or right after
  const childPath = (): Segment[] => {
    const top = stack[stack.length - 1];
    if (!top) return basePath;
    return [...top.path, top.kind === 'object' ? (top.key ?? '') : top.index];
  };
  const valueDone = () => {
    const top = stack[stack.length - 1];
    if (top) top.expect = 'separator';
  };
  let i = start;
  while (i < offset) {
    const c = text[i] ?? '';
    if (c === ' ' || c === '\t' || c === '\n' || c === '\r') {
      i++;
      continue;
    }
    if (yaml && c === '#') {
      const nl = text.indexOf('\n', i);
      i = nl < 0 ? text.length : nl;
      continue;
    }
    if (c === '{' || c === '[') {
      stack.push({
        kind: c === '{' ? 'object' : 'array',
        path: childPath(),
        key: undefined,
        index: 0,
        expect: c === '{' ? 'key' : 'value',
      });
      i++;
      continue;
    }
    if (c === '}' || c === ']') {
      stack.pop();
      valueDone();
      i++;
      continue;
    }
    const top = stack[stack.length - 1];
    if (c === ',') {
      if (top?.kind === 'object') {
        top.key = undefined;
        top.expect = 'key';
      } else if (top) {
        top.index++;
        top.expect = 'value';
      }
      i++;
      continue;
    }
    if (c === ':') {
      if (top?.kind === 'object') top.expect = 'value';
      i++;
      continue;
    }
    // A scalar: quoted, or plain up to a delimiter or a `: `.
    let end: number;
    let value: string;
    if (c === '"' || c === "'") {
      end = closingQuote(text, i, c);
      if (end < 0 || end >= offset) {
        pending = { start: i, text: text.slice(i + 1, offset), quote: c };
        break;
      }
      const inner = text.slice(i + 1, end);
      value = c === '"' ? unescapeDouble(inner) : inner.replaceAll("''", "'");
      end++;
    } else {
      end = i;
      while (end < text.length && !delimiters.has(text[end] ?? '') && text[end] !== '\n' && !isColon(text, end)) end++;
      if (end >= offset) {
        pending = { start: i, text: text.slice(i, offset), quote: '' };
        break;
      }
      value = text.slice(i, end).trim();
    }
    if (top?.kind === 'object' && top.expect === 'key') top.key = value;
    if (top) top.expect = 'separator';
    i = end;
  }

  const top = stack[stack.length - 1];
  const tokenStart = pending?.start ?? offset;
  const tokenEnd = extendToken(text, offset, pending?.quote ?? '');
  const range = { start: parsed.positionAt(tokenStart), end: parsed.positionAt(tokenEnd) };
  const prefix = pending ? (pending.quote === '' ? pending.text.trimStart() : pending.text) : '';
  if (!top) {
    // Nothing open: only an empty JSON document gets here; its root is where keys go.
    return text.trim() === ''
      ? {
          kind: 'key',
          path: basePath,
          prefix,
          range,
          quote: '',
          existingKeys: [],
          flow: true,
          keyOnly: false,
          followedByEntry: false,
          extraIndent: 0,
        }
      : { kind: 'none' };
  }
  if (
    top.kind === 'object' &&
    (top.expect === 'key' || (top.expect === 'separator' && pending && top.key === undefined))
  ) {
    const word = prefix + text.slice(offset, tokenEnd).replace(/["']$/, '');
    return {
      kind: 'key',
      path: top.path,
      prefix,
      range,
      quote: pending?.quote ?? '',
      existingKeys: keysAt(parsed.value, top.path, word),
      flow: true,
      keyOnly: isColon(text, skipSpaces(text, tokenEnd)) || text[skipSpaces(text, tokenEnd)] === ':',
      followedByEntry: !/^[\s]*([}\],]|$)/.test(text.slice(tokenEnd)),
      extraIndent: 0,
    };
  }
  if (top.expect === 'value') {
    const path = top.kind === 'object' ? [...top.path, top.key ?? ''] : [...top.path, top.index];
    const lineEnd = text.indexOf('\n', offset);
    return {
      kind: 'value',
      path,
      prefix,
      range,
      quote: pending?.quote ?? '',
      flow: true,
      after: text.slice(
        offset,
        Math.min(pending?.quote ? Math.max(offset, tokenEnd - 1) : tokenEnd, lineEnd < 0 ? text.length : lineEnd),
      ),
      atValueStart: prefix === '',
    };
  }
  return { kind: 'none' };
}

function isColon(text: string, i: number): boolean {
  if (text[i] !== ':') return false;
  const next = text[i + 1];
  return next === undefined || next === ' ' || next === '\t' || next === '\n' || next === '\r' || next === ',';
}

function skipSpaces(text: string, i: number): number {
  while (text[i] === ' ' || text[i] === '\t') i++;
  return i;
}

/** The index of the quote closing the string opened at `open`, or -1 (on the same line). */
function closingQuote(text: string, open: number, quote: string): number {
  for (let i = open + 1; i < text.length; i++) {
    const c = text[i];
    if (c === '\n') return -1;
    if (quote === '"' && c === '\\') {
      i++;
      continue;
    }
    if (c === quote) {
      if (quote === "'" && text[i + 1] === "'") {
        i++;
        continue;
      }
      return i;
    }
  }
  return -1;
}

/** Where the token under the cursor ends: past the closing quote, or the end of the plain word. */
function extendToken(text: string, offset: number, quote: Token['quote']): number {
  if (quote !== '') {
    const close = closingQuote(text, offset - 1, quote);
    if (close >= 0) return close + 1;
  }
  let end = offset;
  while (end < text.length && /[^\s,{}[\]:"']/.test(text[end] ?? '')) end++;
  return end;
}
