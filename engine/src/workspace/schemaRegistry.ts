/**
 * The validators of the workspace schemas (schemaSources.ts): generated at development time
 * (generated/validators.ts) or, when the schemas changed since, compiled once by one strict ajv
 * instance. The schemas stay the single source of truth: the language server reads the same objects
 * for completion and hover.
 */
import type Ajv from 'ajv';
import type { ValidateFunction } from 'ajv';
import * as precompiled from './generated/validators';
import { createAjv, precompiledName, type SchemaKind, schemaFor, schemasHash } from './schemaSources';

export {
  annotationKeywords,
  createAjv,
  precompiledName,
  type SchemaKind,
  type SchemaNode,
  schemaFor,
  schemaId,
  schemaKinds,
  schemasHash,
} from './schemaSources';

let ajv: Ajv | undefined;
const validators = new Map<SchemaKind, ValidateFunction>();
let precompiledFresh: boolean | undefined;

/**
 * The validator of a kind: the one generated at development time while the schemas are the ones it
 * was generated from (no compile at start), else compiled on first use. Kept either way.
 */
export function validatorFor(kind: SchemaKind): ValidateFunction {
  let validate = validators.get(kind);
  if (!validate) {
    precompiledFresh ??= precompiled.schemasHash === schemasHash();
    const generated = precompiledFresh ? precompiledValidator(kind) : undefined;
    if (generated) validate = generated;
    else {
      ajv ??= createAjv();
      validate = ajv.compile(schemaFor(kind));
    }
    validators.set(kind, validate);
  }
  return validate;
}

function precompiledValidator(kind: SchemaKind): ValidateFunction | undefined {
  const found: unknown = (precompiled as Record<string, unknown>)[precompiledName(kind)];
  return typeof found === 'function' ? (found as ValidateFunction) : undefined;
}

const parents = new Map<SchemaKind, WeakMap<object, object>>();

/**
 * The parent of every subschema object of a kind's schema, so a failing subschema can look up the
 * annotations of its ancestors (the nearest x-errorCode). Built once per kind.
 */
export function schemaParents(kind: SchemaKind): WeakMap<object, object> {
  let map = parents.get(kind);
  if (!map) {
    map = new WeakMap();
    const seen = new Set<object>();
    const walk = (node: object) => {
      if (seen.has(node)) return;
      seen.add(node);
      for (const [key, child] of Object.entries(node)) {
        // Data, not subschemas: their objects are examples and snippet bodies.
        if (key === 'examples' || key === 'default' || key === 'defaultSnippets' || key === 'enum' || key === 'const') {
          continue;
        }
        if (typeof child === 'object' && child !== null) {
          map?.set(child, node);
          walk(child);
        }
      }
    };
    walk(schemaFor(kind));
    parents.set(kind, map);
  }
  return map;
}
