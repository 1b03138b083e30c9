/** Reading the document's plain value along a path. */
import type { Segment } from './types';

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The value at a path (own properties only, so `__proto__` is just a key). */
export function valueAtPath(root: unknown, path: readonly Segment[]): unknown {
  let node = root;
  for (const segment of path) {
    if (Array.isArray(node) && typeof segment === 'number') node = node[segment];
    else if (isRecord(node) && Object.hasOwn(node, String(segment))) node = node[String(segment)];
    else return undefined;
  }
  return node;
}

/** The keys of the mapping at a path, less one occurrence of the key being typed. */
export function keysAt(root: unknown, path: readonly Segment[], typing: string): string[] {
  const node = valueAtPath(root, path);
  if (!isRecord(node)) return [];
  const keys = Object.keys(node);
  const at = keys.indexOf(typing);
  if (at >= 0) keys.splice(at, 1);
  return keys;
}
