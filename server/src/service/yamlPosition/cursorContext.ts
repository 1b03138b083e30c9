/**
 * Where the cursor is, for completion: at a key (and of which mapping) or in a value (and at which
 * path), in a YAML or JSON document that is usually incomplete while the user types. Block YAML
 * is read from the cursor's line and the indentation above it; JSON and flow collections with a
 * small tokenizer; values spanning lines (block scalars) from the syntax tree.
 */
import { isScalar } from 'yaml';
import type { Position } from 'vscode-languageserver-types';
import type { ParsedDocument } from '../../../../engine/src/workspace/parseDocument';
import { blockParentPath, siblingKeys } from './blockPath';
import { flowContext } from './flowScanner';
import { leadingKey, lineInfo, lineStart, lineText } from './lines';
import { nodeAt } from './nodeAt';
import type { CursorContext, Segment, ValueQuote } from './types';

export function cursorContext(parsed: ParsedDocument, position: Position): CursorContext {
  const offset = parsed.offsetAt(position);
  if (parsed.syntax === 'text') return textContext(parsed, position, offset);
  if (parsed.syntax === 'json') return flowContext(parsed, 0, offset, [], false);
  return multiLineValue(parsed, position, offset) ?? lineContext(parsed, position, offset);
}

/** A .jsonata file is one expression: the cursor is always in its value. */
function textContext(parsed: ParsedDocument, position: Position, offset: number): CursorContext {
  const line = lineText(parsed, position.line);
  return {
    kind: 'value',
    path: [],
    prefix: line.slice(0, position.character),
    range: { start: position, end: position },
    quote: 'text',
    flow: false,
    after: line.slice(position.character),
    atValueStart: offset === 0,
  };
}

/** The cursor inside a block scalar, or on a later line of a multi-line quoted or plain scalar. */
function multiLineValue(parsed: ParsedDocument, position: Position, offset: number): CursorContext | undefined {
  const hit = nodeAt(parsed, offset);
  if (!hit || hit.isKey || !isScalar(hit.node) || !hit.node.range) return undefined;
  const [start, end] = hit.node.range;
  const block = hit.node.type === 'BLOCK_LITERAL' || hit.node.type === 'BLOCK_FOLDED';
  const startLine = parsed.positionAt(start).line;
  if (startLine >= position.line) return undefined;
  const line = lineText(parsed, position.line);
  // A blank line at or left of the key's column ends a block scalar, whatever its range says.
  const keyCol = lineInfo(lineText(parsed, startLine)).contentCol;
  if (block && line.slice(0, position.character).trim() === '' && position.character <= keyCol) return undefined;
  const quote: ValueQuote = block
    ? 'block'
    : hit.node.type === 'QUOTE_DOUBLE'
      ? '"'
      : hit.node.type === 'QUOTE_SINGLE'
        ? "'"
        : '';
  return {
    kind: 'value',
    path: hit.path,
    prefix: line.slice(0, position.character).trimStart(),
    range: { start: parsed.positionAt(start), end: parsed.positionAt(end) },
    quote,
    flow: false,
    after: line.slice(position.character),
    atValueStart: false,
  };
}

const markers = /^( *)((?:-(?:[ \t]+|$))*)/;

/** Reads the cursor's line: a partial key, or `key: partial value`, or the start of a flow collection. */
function lineContext(parsed: ParsedDocument, position: Position, offset: number): CursorContext {
  const line = lineText(parsed, position.line);
  const before = line.slice(0, position.character);
  const m = markers.exec(before);
  const indent = m?.[1]?.length ?? 0;
  const dashes = m?.[2] ?? '';
  const contentCol = indent + dashes.length;
  const content = before.slice(contentCol);
  const base = lineStart(parsed, position.line);
  if (content.startsWith('#') || /\s#/.test(content)) return { kind: 'none' };
  if (content.startsWith('{') || content.startsWith('[')) {
    const path = blockParentPath(parsed, position.line, dashes !== '' ? indent : contentCol, dashes !== '');
    return flowContext(parsed, base + contentCol, offset, path, true);
  }

  const keyed = leadingKey(content);
  if (keyed) {
    const parent = blockParentPath(parsed, position.line, dashes !== '' ? indent : contentCol, dashes !== '');
    const path: Segment[] = [...parent, keyed.key];
    const valueCol =
      contentCol + keyed.length + (content.slice(keyed.length).length - content.slice(keyed.length).trimStart().length);
    const value = before.slice(valueCol);
    if (value.startsWith('{') || value.startsWith('[')) return flowContext(parsed, base + valueCol, offset, path, true);
    if (value.startsWith('|') || value.startsWith('>') || value.startsWith('&') || value.startsWith('*'))
      return { kind: 'none' };
    return valueOnLine(parsed, position, line, valueCol, path);
  }

  // A partial key (or an empty line): word characters only, maybe opened by a quote.
  const partial = /^(["']?)([^\s:#"'{}[\],]*)$/.exec(content);
  if (!partial) return { kind: 'none' };
  const quote = partial[1] ?? '';
  const prefix = partial[2] ?? '';
  const rest = line.slice(position.character);
  const tail = /^[^\s:#"'{}[\],]*/.exec(rest)?.[0] ?? '';
  let endCol = position.character + tail.length;
  if (quote !== '' && line[endCol] === quote) endCol++;
  const keyOnly = /^[ \t]*:(?:[ \t]|$)/.test(line.slice(endCol));
  const path = blockParentPath(parsed, position.line, dashes !== '' ? indent : contentCol, dashes !== '');
  return {
    kind: 'key',
    path,
    prefix,
    range: { start: { line: position.line, character: contentCol }, end: { line: position.line, character: endCol } },
    quote: quote === '"' || quote === "'" ? quote : '',
    existingKeys: siblingKeys(parsed, position.line, contentCol, dashes !== ''),
    flow: false,
    keyOnly,
    followedByEntry: false,
    extraIndent: contentCol - indent,
  };
}

/** `key: value` on the cursor's line: the value's quote, what is typed of it, and its extent. */
function valueOnLine(
  parsed: ParsedDocument,
  position: Position,
  line: string,
  valueCol: number,
  path: Segment[],
): CursorContext {
  const first = line[valueCol];
  const quote: ValueQuote = first === '"' || first === "'" ? first : '';
  const innerStart = valueCol + (quote === '' ? 0 : 1);
  let endCol: number;
  if (quote !== '') {
    const close = closing(line, innerStart, quote);
    endCol = close < 0 ? line.length : close + 1;
  } else {
    const comment = line.slice(valueCol).search(/\s#/);
    endCol = (comment < 0 ? line : line.slice(0, valueCol + comment)).trimEnd().length;
  }
  endCol = Math.max(endCol, position.character);
  const innerEnd = quote !== '' && endCol > innerStart && line[endCol - 1] === quote ? endCol - 1 : endCol;
  return {
    kind: 'value',
    path,
    prefix: line.slice(innerStart, position.character),
    range: { start: { line: position.line, character: valueCol }, end: { line: position.line, character: endCol } },
    quote,
    flow: false,
    after: line.slice(position.character, Math.max(innerEnd, position.character)),
    atValueStart: position.character === innerStart,
  };
}

function closing(line: string, from: number, quote: string): number {
  for (let i = from; i < line.length; i++) {
    if (quote === '"' && line[i] === '\\') {
      i++;
      continue;
    }
    if (line[i] === quote) {
      if (quote === "'" && line[i + 1] === "'") {
        i++;
        continue;
      }
      return i;
    }
  }
  return -1;
}
