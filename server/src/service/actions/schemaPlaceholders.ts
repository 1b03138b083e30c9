/**
 * Placeholder values for keys a quick fix adds, read from the schema (the single source of truth):
 * the key's default, else its first example, else its first allowed value, else an empty value of
 * its type. Also says which keys a map at a pointer may hold, to place a missing key correctly.
 */
import type { SchemaKind, SchemaNode } from '../../../../engine/src/workspace/schemaRegistry';
import { schemaFor } from '../../../../engine/src/workspace/schemaRegistry';
import { isRecord } from '../../../../engine/src/workspace/pointer';

function resolve(root: SchemaNode, node: unknown): SchemaNode[] {
  if (!isRecord(node)) return [];
  const ref = node.$ref;
  if (typeof ref === 'string' && ref.startsWith('#/definitions/')) {
    const definitions = root.definitions;
    const target = isRecord(definitions) ? definitions[ref.slice('#/definitions/'.length)] : undefined;
    return resolve(root, target);
  }
  const out: SchemaNode[] = [node];
  for (const key of ['allOf', 'oneOf', 'anyOf']) {
    const list = node[key];
    if (Array.isArray(list)) for (const branch of list) out.push(...resolve(root, branch));
  }
  if (isRecord(node.then)) out.push(...resolve(root, node.then));
  return out;
}

/** Every schema node that may describe the value at these pointer segments. */
export function schemasAt(kind: SchemaKind, segments: readonly string[]): SchemaNode[] {
  const root = schemaFor(kind);
  let nodes = resolve(root, root);
  for (const segment of segments) {
    const next: SchemaNode[] = [];
    for (const node of nodes) {
      const properties = node.properties;
      if (isRecord(properties) && Object.hasOwn(properties, segment)) next.push(...resolve(root, properties[segment]));
      else if (isRecord(node.additionalProperties)) next.push(...resolve(root, node.additionalProperties));
      if (/^\d+$/.test(segment)) next.push(...resolve(root, node.items));
    }
    nodes = next;
  }
  return nodes;
}

/** True when some schema at the pointer names `key` as a property. */
export function allowsKey(kind: SchemaKind, segments: readonly string[], key: string): boolean {
  return schemasAt(kind, segments).some((n) => isRecord(n.properties) && Object.hasOwn(n.properties, key));
}

function typedEmpty(type: unknown): unknown {
  const first = Array.isArray(type) ? type[0] : type;
  switch (first) {
    case 'integer':
    case 'number':
      return 0;
    case 'boolean':
      return false;
    case 'object':
      return {};
    case 'array':
      return [];
    default:
      return '';
  }
}

/** The placeholder for `key` in the map at `segments`. */
export function placeholder(kind: SchemaKind, segments: readonly string[], key: string): unknown {
  const nodes = schemasAt(kind, [...segments, key]);
  for (const field of ['default', 'examples', 'enum'] as const) {
    for (const node of nodes) {
      const value = node[field];
      if (field === 'default' && value !== undefined) return value;
      if (field !== 'default' && Array.isArray(value) && value.length > 0) return value[0];
    }
  }
  return typedEmpty(nodes.find((n) => n.type !== undefined)?.type);
}
