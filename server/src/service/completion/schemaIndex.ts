/**
 * Reading the workspace JSON Schemas for completion and hover: the subschemas at a path of a
 * document, and the keys, enums, defaults and documentation they offer. Follows local `$ref`s,
 * `allOf`, `oneOf`/`anyOf` (their keys are offered, their `required` is not) and `if`/`then`
 * against the document's current value, as the YAML and JSON language services do, so a text
 * field is not offered `options` and an xml import lists `transformation` among its required keys.
 */
import { schemaFor, type SchemaKind, type SchemaNode } from '../../../../engine/src/workspace/schemaRegistry';
import { isRecord, type Segment } from '../yamlPosition';

/** A subschema and whether it came from a oneOf/anyOf branch (whose `required` is only one option). */
interface Branch {
  schema: SchemaNode;
  optional: boolean;
}

function asSchema(value: unknown): SchemaNode | undefined {
  return isRecord(value) ? value : undefined;
}

function resolveRef(root: SchemaNode, schema: SchemaNode): SchemaNode {
  let node = schema;
  for (let hops = 0; hops < 8 && typeof node.$ref === 'string' && node.$ref.startsWith('#/'); hops++) {
    let target: unknown = root;
    for (const part of node.$ref.slice(2).split('/')) target = isRecord(target) ? target[part] : undefined;
    const next = asSchema(target);
    if (!next) break;
    node = next;
  }
  return node;
}

/**
 * The unconditional expansion of a subschema (refs, allOf, oneOf, anyOf), computed once per schema
 * object: schemas are static data, so completion on a long document does not walk them again.
 */
const staticExpansions = new WeakMap<SchemaNode, Branch[]>();

function expandStatic(root: SchemaNode, schema: SchemaNode): Branch[] {
  const cached = staticExpansions.get(schema);
  if (cached) return cached;
  const out: Branch[] = [];
  const visit = (node: SchemaNode, optional: boolean, depth: number) => {
    if (depth > 8) return;
    const resolved = resolveRef(root, node);
    out.push({ schema: resolved, optional });
    for (const key of ['allOf', 'oneOf', 'anyOf'] as const) {
      const list = resolved[key];
      if (!Array.isArray(list)) continue;
      for (const member of list) {
        const sub = asSchema(member);
        if (sub) visit(sub, optional || key !== 'allOf', depth + 1);
      }
    }
  };
  visit(schema, false, 0);
  staticExpansions.set(schema, out);
  return out;
}

/** The branches describing a value: the static expansion plus each `then` whose `if` the value meets. */
function expand(root: SchemaNode, schema: SchemaNode, value: unknown): Branch[] {
  const out: Branch[] = [];
  for (const branch of expandStatic(root, schema)) {
    out.push(branch);
    const condition = asSchema(branch.schema.if);
    const then = asSchema(branch.schema.then);
    if (condition && then && value !== undefined && meets(condition, value)) {
      for (const b of expandStatic(root, then)) out.push({ schema: b.schema, optional: branch.optional || b.optional });
    }
  }
  return out;
}

/** A small validator for the `if` conditions the schemas use: type, required, properties, enum, const. */
function meets(schema: SchemaNode, value: unknown): boolean {
  if (schema.type === 'object' && !isRecord(value)) return false;
  if (schema.type === 'string' && typeof value !== 'string') return false;
  if (Array.isArray(schema.enum) && !schema.enum.includes(value)) return false;
  if ('const' in schema && schema.const !== value) return false;
  if (Array.isArray(schema.required)) {
    if (!isRecord(value) || !schema.required.every((k) => typeof k === 'string' && Object.hasOwn(value, k)))
      return false;
  }
  const properties = asSchema(schema.properties);
  if (properties && isRecord(value)) {
    for (const [key, sub] of Object.entries(properties)) {
      const subSchema = asSchema(sub);
      if (subSchema && Object.hasOwn(value, key) && !meets(subSchema, value[key])) return false;
    }
  }
  return true;
}

/** A property is refused outright (`{ not: {} }` in a `then`): it is not offered. */
function refuses(schema: SchemaNode): boolean {
  const not = asSchema(schema.not);
  return not !== undefined && Object.keys(not).length === 0;
}

/** What the schemas say about one node of a document. */
export interface SchemaView {
  /** Every subschema describing the node, most specific first-declared first. */
  readonly schemas: readonly SchemaNode[];
  /** The branches with their origin, for required keys. */
  readonly branches: readonly Branch[];
}

export function schemaView(kind: SchemaKind, path: readonly Segment[], root: unknown): SchemaView {
  const rootSchema = schemaFor(kind);
  let branches = expand(rootSchema, rootSchema, root);
  let value: unknown = root;
  for (const segment of path) {
    value = isRecord(value)
      ? value[String(segment)]
      : Array.isArray(value) && typeof segment === 'number'
        ? value[segment]
        : undefined;
    const next: Branch[] = [];
    for (const { schema, optional } of branches) {
      const child = childSchema(schema, segment);
      if (child)
        for (const b of expand(rootSchema, child, value))
          next.push({ schema: b.schema, optional: optional || b.optional });
    }
    branches = next;
    if (branches.length === 0) break;
  }
  return { schemas: branches.map((b) => b.schema), branches };
}

function childSchema(schema: SchemaNode, segment: Segment): SchemaNode | undefined {
  if (typeof segment === 'number') return asSchema(schema.items);
  const properties = asSchema(schema.properties);
  if (properties && Object.hasOwn(properties, segment)) {
    const property = properties[segment];
    // `true` in a `then` only says the key is allowed; the declaring schema documents it.
    return property === true ? undefined : asSchema(property);
  }
  return asSchema(schema.additionalProperties);
}

export interface PropertyInfo {
  name: string;
  /** The property's subschemas (declarations merged across branches). */
  schemas: SchemaNode[];
  required: boolean;
}

/**
 * The keys a mapping offers, in schema order, without the refused ones. A closed oneOf/anyOf branch
 * that cannot hold one of the `existing` keys is left out: with `expression` written, a
 * transformation is not offered `file`.
 */
export function propertiesOf(view: SchemaView, existing: readonly string[] = []): PropertyInfo[] {
  const byName = new Map<string, PropertyInfo>();
  const refused = new Set<string>();
  const required = new Set<string>();
  for (const { schema, optional } of view.branches) {
    if (optional && schema.additionalProperties === false) {
      const own = asSchema(schema.properties) ?? {};
      if (existing.some((k) => !Object.hasOwn(own, k))) continue;
    }
    if (!optional && Array.isArray(schema.required))
      for (const k of schema.required) if (typeof k === 'string') required.add(k);
    const properties = asSchema(schema.properties);
    if (!properties) continue;
    for (const [name, value] of Object.entries(properties)) {
      const sub = asSchema(value);
      if (!sub) continue;
      if (refuses(sub)) {
        refused.add(name);
        continue;
      }
      const info = byName.get(name) ?? { name, schemas: [], required: false };
      info.schemas.push(sub);
      byName.set(name, info);
    }
  }
  return [...byName.values()]
    .filter((p) => !refused.has(p.name) && !p.schemas.some((s) => s.doNotSuggest === true))
    .map((p) => ({ ...p, required: required.has(p.name) }));
}

/** The first value of a keyword among some subschemas. */
export function first<T>(schemas: readonly SchemaNode[], pick: (s: SchemaNode) => T | undefined): T | undefined {
  for (const s of schemas) {
    const v = pick(s);
    if (v !== undefined) return v;
  }
  return undefined;
}

export const str = (key: string) => (s: SchemaNode) => (typeof s[key] === 'string' ? (s[key] as string) : undefined);

/** The documented facts of a node, read from its subschemas. */
export interface SchemaFacts {
  title: string | undefined;
  markdown: string | undefined;
  types: string[];
  enumValues: unknown[] | undefined;
  enumDocs: (string | undefined)[];
  hasDefault: boolean;
  defaultValue: unknown;
  snippets: { label: string; description: string | undefined; body: unknown }[];
}

const factsCache = new WeakMap<SchemaNode, SchemaFacts>();

export function factsOf(schemas: readonly SchemaNode[]): SchemaFacts {
  const single = schemas.length === 1 ? schemas[0] : undefined;
  const cached = single ? factsCache.get(single) : undefined;
  if (cached) return cached;
  const types = new Set<string>();
  for (const s of schemas) {
    if (typeof s.type === 'string') types.add(s.type);
    else if (Array.isArray(s.type)) for (const t of s.type) if (typeof t === 'string') types.add(t);
  }
  const enumOwner = schemas.find((s) => Array.isArray(s.enum));
  const enumValues = enumOwner?.enum as unknown[] | undefined;
  const markdownDocs = Array.isArray(enumOwner?.markdownEnumDescriptions)
    ? (enumOwner.markdownEnumDescriptions as unknown[])
    : [];
  const plainDocs = Array.isArray(enumOwner?.enumDescriptions) ? (enumOwner.enumDescriptions as unknown[]) : [];
  const defaultOwner = schemas.find((s) => 'default' in s);
  const snippets: SchemaFacts['snippets'] = [];
  for (const s of schemas) {
    if (!Array.isArray(s.defaultSnippets)) continue;
    for (const snippet of s.defaultSnippets) {
      if (!isRecord(snippet) || !('body' in snippet)) continue;
      snippets.push({
        label: typeof snippet.label === 'string' ? snippet.label : '',
        description: typeof snippet.description === 'string' ? snippet.description : undefined,
        body: snippet.body,
      });
    }
  }
  const facts: SchemaFacts = {
    title: first(schemas, str('title')),
    markdown: first(schemas, str('markdownDescription')) ?? first(schemas, str('description')),
    types: [...types],
    enumValues,
    enumDocs: (enumValues ?? []).map((_, i) => {
      const md = markdownDocs[i];
      const plain = plainDocs[i];
      return typeof md === 'string' ? md : typeof plain === 'string' ? plain : undefined;
    }),
    hasDefault: defaultOwner !== undefined,
    defaultValue: defaultOwner?.default,
    snippets,
  };
  if (single) factsCache.set(single, facts);
  return facts;
}
