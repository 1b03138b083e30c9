/**
 * A fast path for the commonest transformation: an object constructor whose values are plain paths,
 * `{ "StudentID": `@id`, "LastName": Name.Last, ... }` — a renaming of the record's fields.
 *
 * JSONata's evaluator costs tens of µs per record even for this (async steps, sequences, a guardrail
 * check with Date.now() on every step): on the 200k-record bench file the transformation alone took
 * ~12 s of a ~19 s run. The same lookups in plain code take well under a µs (docs/performance.md).
 *
 * It is exact by construction, not by approximation: the expression is recognised from JSONata's own
 * AST (so what counts as a path is JSONata's parse, not ours), and per record the fast path answers
 * only when every step meets a plain object (never an array: JSONata would map over it and flatten)
 * and the value found is a string, a finite number, a boolean or missing. JSONata gives exactly that
 * value then (its `lookup` reads own properties; a missing value drops the key from the object), so
 * anything else (arrays, nested objects, null) makes `apply` return FALLBACK and the caller evaluates
 * the record with JSONata as before.
 */
import type jsonata from 'jsonata';
import type { Row } from '../cache/processedRow';
import { nullObject } from '../read/nullObject';

export const FALLBACK = Symbol('fallback');

export type PathObject = (input: unknown) => Row | typeof FALLBACK;

interface AstNode {
  type?: unknown;
  value?: unknown;
  steps?: unknown;
  lhs?: unknown;
}

/** Keys a node may have and still be a bare constant or name step (no predicates, focus, grouping...). */
const PLAIN_KEYS = new Set(['type', 'value', 'position']);

function only(node: object, keys: ReadonlySet<string>): boolean {
  return Object.keys(node).every((k) => keys.has(k));
}

/** The path's step names, or undefined when the node is anything but a chain of bare names. */
function pathNames(node: unknown): string[] | undefined {
  if (typeof node !== 'object' || node === null) return undefined;
  const path = node as AstNode;
  if (path.type !== 'path' || !only(path, new Set(['type', 'steps'])) || !Array.isArray(path.steps)) return undefined;
  const names: string[] = [];
  for (const step of path.steps as unknown[]) {
    if (typeof step !== 'object' || step === null) return undefined;
    const s = step as AstNode;
    if (s.type !== 'name' || typeof s.value !== 'string' || !only(s, PLAIN_KEYS)) return undefined;
    names.push(s.value);
  }
  return names.length > 0 ? names : undefined;
}

/**
 * A path object as plain data: the output keys and, for each, the names of its path's steps. Plain
 * so that it crosses to a reading thread (read/readThread.ts), which applies it there.
 */
export interface PathObjectSpec {
  keys: string[];
  paths: string[][];
}

/** The expression's path object, or undefined when the expression is not one. */
export function pathObjectSpec(expression: jsonata.Expression): PathObjectSpec | undefined {
  const ast = expression.ast() as unknown as AstNode;
  if (ast.type !== 'unary' || ast.value !== '{' || !Array.isArray(ast.lhs)) return undefined;
  if (!only(ast, new Set(['type', 'value', 'position', 'lhs']))) return undefined;
  const keys: string[] = [];
  const paths: string[][] = [];
  for (const pair of ast.lhs as unknown[]) {
    if (!Array.isArray(pair) || pair.length !== 2) return undefined;
    const key = pair[0] as AstNode;
    if (key.type !== 'string' || typeof key.value !== 'string' || !only(key, PLAIN_KEYS)) return undefined;
    // Duplicate keys are D1009 and these two are D1013 in JSONata: leave them to it.
    if (keys.includes(key.value) || key.value === '_jsonata_lambda' || key.value === '_jsonata_function') {
      return undefined;
    }
    const names = pathNames(pair[1]);
    if (!names) return undefined;
    keys.push(key.value);
    paths.push(names);
  }
  return keys.length === 0 ? undefined : { keys, paths };
}

/** Compiles the expression's fast path, or undefined when the expression is not a path object. */
export function compilePathObject(expression: jsonata.Expression): PathObject | undefined {
  const spec = pathObjectSpec(expression);
  return spec && pathObjectOf(spec);
}

/** The fast path of a path object: the record's row, or FALLBACK when only JSONata can say. */
export function pathObjectOf(spec: PathObjectSpec): PathObject {
  const { keys, paths } = spec;
  return (input) => {
    if (!isPlainObject(input)) return FALLBACK;
    // Not emptyRow() (Object.create(null), a dictionary): see read/nullObject.ts for why.
    const row = nullObject() as Row;
    for (let k = 0; k < keys.length; k++) {
      const names = paths[k] as string[];
      let value: unknown = input;
      for (let n = 0; n < names.length; n++) {
        if (!isPlainObject(value)) return FALLBACK;
        const name = names[n] as string;
        if (!Object.hasOwn(value, name)) {
          value = undefined;
          break;
        }
        value = value[name];
        if (value === undefined) break;
      }
      if (value === undefined) continue;
      if (
        typeof value === 'string' ||
        typeof value === 'boolean' ||
        (typeof value === 'number' && Number.isFinite(value))
      ) {
        row[keys[k] as string] = value;
      } else {
        return FALLBACK;
      }
    }
    return row;
  };
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
