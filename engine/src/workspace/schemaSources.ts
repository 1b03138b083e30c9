/**
 * The JSON Schemas of the workspace file kinds, by kind: the objects every other module reads
 * (schemaRegistry's validators, generated/validators.ts, the language server's completion and hover).
 * Also the ajv set-up both the generator and the runtime compile with. A module of its own so that
 * the generated validators, and scripts/generate-validators.ts, load it without loading them.
 */
import Ajv from 'ajv';
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

/** `code`: ajv's options for scripts/generate-validators.ts, which writes the compiled code out. */
export function createAjv(code?: { source: true; esm: true }): Ajv {
  // verbose: errors carry the schema object that failed, whose annotations (errorMessage,
  // x-errorCode) the problem mapper reads; schemaPath alone is relative to the nearest $ref target.
  const ajv = new Ajv({
    allErrors: true,
    strict: true,
    allowUnionTypes: true,
    verbose: true,
    ...(code ? { code } : {}),
  });
  for (const keyword of annotationKeywords) ajv.addKeyword(keyword);
  return ajv;
}

/** The export of generated/validators.ts holding a kind's validator (`import` is a reserved word). */
export function precompiledName(kind: SchemaKind): string {
  return `validate_${kind}`;
}

/** FNV-1a over the schemas' JSON: what generated/validators.ts was made from, checked before it is used. */
export function schemasHash(): string {
  let hash = 0x811c9dc5;
  for (const kind of schemaKinds) {
    const text = JSON.stringify(schemaFor(kind));
    for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193) >>> 0;
  }
  return hash.toString(16).padStart(8, '0');
}
