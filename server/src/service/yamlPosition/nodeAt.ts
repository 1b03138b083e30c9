/**
 * The node of the syntax tree under an offset, with its path: what hover (and any feature that
 * works on a complete document) needs. Descends by ranges only, so it costs the depth of the
 * document, not its size.
 */
import { isAlias, isMap, isScalar, isSeq, type Node, type Pair, type Scalar } from 'yaml';
import type { ParsedDocument } from '../../../../engine/src/workspace/parseDocument';
import type { Segment } from './types';

export interface NodeHit {
  /** For a key: the path of the entry it names; for a value: the path of the value. */
  path: Segment[];
  node: Node;
  isKey: boolean;
}

function contains(node: unknown, offset: number): node is Node {
  if (typeof node !== 'object' || node === null || !('range' in node)) return false;
  const range = (node as Node).range;
  return range !== undefined && range !== null && range[0] <= offset && offset <= range[1];
}

function keyName(key: unknown): string {
  return isScalar(key) ? String(key.value) : String(key);
}

export function nodeAt(parsed: ParsedDocument, offset: number): NodeHit | undefined {
  let node: unknown = parsed.document?.contents;
  if (!contains(node, offset)) return undefined;
  const path: Segment[] = [];
  for (;;) {
    if (isMap(node)) {
      let next: Node | undefined;
      for (const pair of node.items as Pair<unknown, unknown>[]) {
        if (contains(pair.key, offset)) return { path: [...path, keyName(pair.key)], node: pair.key, isKey: true };
        if (contains(pair.value, offset)) {
          path.push(keyName(pair.key));
          next = pair.value;
          break;
        }
      }
      if (!next) return { path, node, isKey: false };
      node = next;
    } else if (isSeq(node)) {
      const index = node.items.findIndex((item) => contains(item, offset));
      if (index < 0) return { path, node, isKey: false };
      path.push(index);
      node = node.items[index];
    } else if (isScalar(node) || isAlias(node)) {
      return { path, node, isKey: false };
    } else {
      return undefined;
    }
  }
}

export function isStringScalar(node: Node): node is Scalar<string> {
  return isScalar(node) && typeof node.value === 'string';
}
