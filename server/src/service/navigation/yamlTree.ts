/**
 * Position-to-node lookup over a parsed workspace document, and the ranges language features need
 * from yaml nodes (the whole node, or a scalar's text without its quotes). Navigation, symbols and
 * actions share these so that they agree on what "the thing under the cursor" is.
 */
import { isMap, isScalar, isSeq, type Node, type Scalar } from 'yaml';
import type { Range } from 'vscode-languageserver-types';
import type { ParsedDocument } from '../../../../engine/src/workspace/parseDocument';
import { parsePointer } from '../../../../engine/src/workspace/pointer';
import { findNode } from '../../../../engine/src/workspace/locate';

export interface NodeHit {
  /** Pointer segments of the hit: the key's own path when the cursor is on a key. */
  segments: string[];
  /** On a map key, or on a value (a scalar, or the blank space of a collection). */
  part: 'key' | 'value';
  node: Node;
  /** The collections from the root down to the one holding the hit, outermost first. */
  ancestors: Node[];
}

function inside(node: Node | null | undefined, offset: number): node is Node {
  const r = node?.range;
  return r !== undefined && r !== null && offset >= r[0] && offset <= r[1];
}

export function keyText(key: unknown): string | undefined {
  return isScalar(key) ? String(key.value) : undefined;
}

/** The deepest node at `offset`; undefined outside the document's content or for plain text. */
export function nodeAt(parsed: ParsedDocument, offset: number): NodeHit | undefined {
  let node = (parsed.document?.contents as Node | null | undefined) ?? undefined;
  if (!inside(node, offset)) return undefined;
  const segments: string[] = [];
  const ancestors: Node[] = [];
  for (;;) {
    if (isMap(node)) {
      let next: Node | undefined;
      // Keys first: a block value's range runs to the start of the next line, where the next key is.
      for (const pair of node.items) {
        const key = pair.key as Node | null;
        const name = keyText(key);
        if (name !== undefined && inside(key, offset)) {
          return { segments: [...segments, name], part: 'key', node: key, ancestors: [...ancestors, node] };
        }
      }
      for (const pair of node.items) {
        const name = keyText(pair.key);
        if (name === undefined) continue;
        const value = pair.value as Node | null;
        if (inside(value, offset)) {
          segments.push(name);
          next = value;
          break;
        }
      }
      if (!next) return { segments, part: 'value', node, ancestors };
      ancestors.push(node);
      node = next;
    } else if (isSeq(node)) {
      const index = node.items.findIndex((item) => inside(item as Node | null, offset));
      if (index < 0) return { segments, part: 'value', node, ancestors };
      ancestors.push(node);
      segments.push(String(index));
      node = node.items[index] as Node;
    } else {
      return { segments, part: 'value', node, ancestors };
    }
  }
}

/** The node at a pointer (following the same rules as locate), or undefined. */
export function nodeAtPointer(parsed: ParsedDocument, pointer: string): Node | undefined {
  const segments = parsePointer(pointer);
  if (!parsed.document || !segments) return undefined;
  return findNode(parsed.document, segments)?.node ?? undefined;
}

export function offsetsRange(parsed: ParsedDocument, start: number, end: number): Range {
  return { start: parsed.positionAt(start), end: parsed.positionAt(end) };
}

/** The whole node, from its first character to the end of its value (comments after it left out). */
export function nodeRange(parsed: ParsedDocument, node: Node): Range | undefined {
  const r = node.range;
  return r ? offsetsRange(parsed, r[0], r[1]) : undefined;
}

/** The offsets of a scalar's text without its quotes: what a rename replaces. */
export function scalarContentOffsets(node: Scalar): [number, number] | undefined {
  const r = node.range;
  if (!r) return undefined;
  const quoted = node.type === 'QUOTE_DOUBLE' || node.type === 'QUOTE_SINGLE';
  return quoted && r[1] - r[0] >= 2 ? [r[0] + 1, r[1] - 1] : [r[0], r[1]];
}

export function scalarContentRange(parsed: ParsedDocument, node: Scalar): Range | undefined {
  const o = scalarContentOffsets(node);
  return o ? offsetsRange(parsed, o[0], o[1]) : undefined;
}

/** The string scalar at a pointer, or undefined when there is none (missing, a map, a number...). */
export function stringScalarAt(parsed: ParsedDocument, pointer: string): Scalar<string> | undefined {
  const node = nodeAtPointer(parsed, pointer);
  return isScalar(node) && typeof node.value === 'string' ? (node as Scalar<string>) : undefined;
}

/** The key scalar of the pair at a pointer (a map entry), or undefined. */
export function keyScalarAt(parsed: ParsedDocument, pointer: string): Scalar | undefined {
  const segments = parsePointer(pointer);
  if (!parsed.document || !segments || segments.length === 0) return undefined;
  const parent = findNode(parsed.document, segments.slice(0, -1))?.node;
  if (!isMap(parent)) return undefined;
  const last = segments[segments.length - 1];
  const pair = parent.items.find((p) => keyText(p.key) === last);
  return isScalar(pair?.key) ? pair.key : undefined;
}

export function containsPosition(range: Range, line: number, character: number): boolean {
  const afterStart = line > range.start.line || (line === range.start.line && character >= range.start.character);
  const beforeEnd = line < range.end.line || (line === range.end.line && character <= range.end.character);
  return afterStart && beforeEnd;
}
