/**
 * The JSON Schemas of the workspace file kinds, and one strict ajv instance that compiles each of
 * them once. The schemas stay the single source of truth: the language server reads the same
 * objects for completion and hover.
 */
import Ajv, { type ValidateFunction } from 'ajv';
import formSchema from '../../../schemas/form.schema.json';
import importSchema from '../../../schemas/import.schema.json';
import mappingSchema from '../../../schemas/mapping.schema.json';
import peopleSchema from '../../../schemas/people.schema.json';
import recordsSchema from '../../../schemas/records.schema.json';
import workspaceSchema from '../../../schemas/workspace.schema.json';
import type { DocumentKind } from '../model/workspace';

/** The kinds of file a JSON Schema describes (a .jsonata file has none). */
export type SchemaKind = Exclude<DocumentKind, 'jsonata'>;

export const schemaKinds: readonly SchemaKind[] = ['workspace', 'import', 'form', 'mapping', 'people', 'records'];

/** A schema node as this module reads it: any JSON object. */
export type SchemaNode = { readonly [key: string]: unknown };

const schemas: Record<SchemaKind, SchemaNode> = {
  workspace: workspaceSchema,
  import: importSchema,
  form: formSchema,
  mapping: mappingSchema,
  people: peopleSchema,
  records: recordsSchema,
};

export function schemaFor(kind: SchemaKind): SchemaNode {
  return schemas[kind];
}

export function schemaId(kind: SchemaKind): string {
  return `https://import-studio.dev/schemas/${kind}.schema.json`;
}

/**
 * Keywords the schemas carry for editors (VS Code's JSON language service and the YAML server) or
 * for this module (x-errorCode: the catalog code a failure deserves; x-errorPointer: where, relative
 * to the failing value, the problem should be shown). Registered so ajv can run in strict mode,
 * where an unknown keyword is an error rather than silently ignored.
 */
export const annotationKeywords = [
  'markdownDescription',
  'enumDescriptions',
  'markdownEnumDescriptions',
  'errorMessage',
  'patternErrorMessage',
  'defaultSnippets',
  'doNotSuggest',
  'deprecationMessage',
  'x-errorCode',
  'x-errorPointer',
] as const;

export function createAjv(): Ajv {
  // verbose: errors carry the schema object that failed, whose annotations (errorMessage,
  // x-errorCode) the problem mapper reads; schemaPath alone is relative to the nearest $ref target.
  const ajv = new Ajv({ allErrors: true, strict: true, allowUnionTypes: true, verbose: true });
  for (const keyword of annotationKeywords) ajv.addKeyword(keyword);
  return ajv;
}

let ajv: Ajv | undefined;
const validators = new Map<SchemaKind, ValidateFunction>();

/** The compiled validator of a kind, compiled on first use and kept. */
export function validatorFor(kind: SchemaKind): ValidateFunction {
  let validate = validators.get(kind);
  if (!validate) {
    ajv ??= createAjv();
    validate = ajv.compile(schemas[kind]);
    validators.set(kind, validate);
  }
  return validate;
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
    walk(schemas[kind]);
    parents.set(kind, map);
  }
  return map;
}
