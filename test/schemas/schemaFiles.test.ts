import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import Ajv from 'ajv';
import { catalog } from '../../engine/src/errors/catalog';
import type { Problem } from '../../engine/src/errors/problem';
import {
  createAjv,
  detectKind,
  parseDocument,
  type SchemaKind,
  schemaFor,
  schemaId,
  schemaKinds,
  validateSchema,
} from '../../engine/src/workspace';

const root = join(import.meta.dirname, '..', '..');

type Json = { [key: string]: unknown };
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Every subschema with its path, skipping data (examples, defaults, snippets). */
function subschemas(node: unknown, path = '#', out: { path: string; schema: Json }[] = []) {
  if (Array.isArray(node)) {
    node.forEach((n, i) => {
      subschemas(n, `${path}/${i}`, out);
    });
  }
  if (!isObject(node)) return out;
  out.push({ path, schema: node });
  for (const [key, child] of Object.entries(node)) {
    if (
      [
        'examples',
        'default',
        'defaultSnippets',
        'enum',
        'const',
        'enumDescriptions',
        'markdownEnumDescriptions',
      ].includes(key)
    )
      continue;
    subschemas(child, `${path}/${key}`, out);
  }
  return out;
}

describe('schema files', () => {
  test('the files on disk are the schemas the engine uses, with $id, title and draft-07', () => {
    for (const kind of schemaKinds) {
      const onDisk = JSON.parse(readFileSync(join(root, 'schemas', `${kind}.schema.json`), 'utf8'));
      assert.deepEqual(onDisk, schemaFor(kind), kind);
      assert.equal(onDisk.$id, schemaId(kind));
      assert.equal(onDisk.$schema, 'http://json-schema.org/draft-07/schema#');
      assert.equal(typeof onDisk.title, 'string');
    }
  });

  test('every schema compiles in strict mode, and strict mode is really on', () => {
    const ajv = createAjv();
    for (const kind of schemaKinds) assert.equal(typeof ajv.compile(schemaFor(kind)), 'function', kind);
    // Without the editor keywords registered, strict ajv refuses the same schemas.
    const bare = new Ajv({ strict: true, allowUnionTypes: true });
    assert.throws(() => bare.compile(schemaFor('import')), /strict mode: unknown keyword/);
  });

  test('every property is documented: title, description, markdownDescription, examples', () => {
    const missing: string[] = [];
    for (const kind of schemaKinds) {
      for (const { path, schema } of subschemas(schemaFor(kind))) {
        if (!isObject(schema.properties)) continue;
        for (const [name, prop] of Object.entries(schema.properties)) {
          // Conditionals and overlays only constrain properties documented where they are defined;
          // their `true` placeholders only satisfy ajv's strictRequired.
          if (prop === true || !isObject(prop) || /\/(if|then|else)(\/|$)|items\/allOf\/1/.test(path)) continue;
          for (const key of ['title', 'description', 'markdownDescription', 'examples']) {
            if (prop[key] === undefined) missing.push(`${kind} ${path}/properties/${name}: ${key}`);
          }
        }
      }
    }
    assert.deepEqual(missing, []);
  });

  test('every enum has enumDescriptions and markdownEnumDescriptions of the same length', () => {
    for (const kind of schemaKinds) {
      for (const { path, schema } of subschemas(schemaFor(kind))) {
        if (!Array.isArray(schema.enum) || path.includes('/if')) continue;
        assert.equal((schema.enumDescriptions as unknown[] | undefined)?.length, schema.enum.length, `${kind} ${path}`);
        assert.equal(
          (schema.markdownEnumDescriptions as unknown[] | undefined)?.length,
          schema.enum.length,
          `${kind} ${path}`,
        );
      }
    }
  });

  test('every object with properties refuses unknown keys', () => {
    for (const kind of schemaKinds) {
      for (const { path, schema } of subschemas(schemaFor(kind))) {
        const isObjectSchema =
          schema.type === 'object' || (Array.isArray(schema.type) && schema.type.includes('object'));
        // Conditions and the nested-repeater overlay constrain a shape defined elsewhere.
        if (/\/(if|then|else)(\/|$)|items\/allOf\/1$/.test(path)) continue;
        if (isObjectSchema && isObject(schema.properties))
          assert.equal(schema.additionalProperties, false, `${kind} ${path}`);
      }
    }
  });

  test('x-errorCode names catalog codes, and the brief ones sit where they should', () => {
    const codes = new Map<string, string[]>();
    for (const kind of schemaKinds) {
      for (const { path, schema } of subschemas(schemaFor(kind))) {
        const code = schema['x-errorCode'];
        if (typeof code !== 'string') continue;
        assert.ok(Object.hasOwn(catalog, code), `${kind} ${path}: ${code}`);
        codes.set(code, [...(codes.get(code) ?? []), `${kind}${path.slice(1)}`]);
      }
    }
    assert.deepEqual(codes.get('E0014'), ['import/allOf/0/then']);
    assert.deepEqual(codes.get('E0004'), ['import/properties/sort']);
    assert.deepEqual(codes.get('E0043'), ['import/properties/source/properties/dateFormat/allOf/0']);
    assert.deepEqual(codes.get('E0027'), [
      'workspace/properties/sandbox/properties/people/allOf/0',
      'workspace/properties/sandbox/properties/records/allOf/0',
      'import/properties/source/properties/file/allOf/0',
      'import/properties/transformation/oneOf/1/properties/file/allOf/0',
    ]);
  });

  test('docs/format.md names every property of every schema', () => {
    const doc = readFileSync(join(root, 'docs', 'format.md'), 'utf8');
    const names = new Set<string>();
    for (const kind of schemaKinds) {
      for (const { schema } of subschemas(schemaFor(kind))) {
        if (isObject(schema.properties)) for (const name of Object.keys(schema.properties)) names.add(name);
      }
    }
    assert.ok(names.size > 40, `only ${names.size} property names found`);
    const undocumented = [...names].filter((n) => !doc.includes(`\`${n}\``));
    assert.deepEqual(undocumented, []);
  });

  test('every example file in docs/format.md is valid for its kind', () => {
    const doc = readFileSync(join(root, 'docs', 'format.md'), 'utf8');
    const checked: string[] = [];
    for (const section of doc.split(/^### /m).slice(1)) {
      const heading = section.split('\n')[0] ?? '';
      const name = heading.split(/\s+/).find((w) => /^(yaml|json)$/.test(w.split('.').pop() ?? '') && detectKind(w));
      const kind = name ? detectKind(name) : undefined;
      if (!name || !kind || kind === 'jsonata') continue;
      for (const block of section.matchAll(/```(yaml|json)\n([\s\S]*?)```/g)) {
        const parsed = parseDocument(block[2] ?? '', { path: name, syntax: block[1] === 'json' ? 'json' : 'yaml' });
        const problems: Problem[] = [...parsed.problems, ...validateSchema(parsed, kind as SchemaKind)];
        assert.deepEqual(
          problems.map((p) => p.message),
          [],
          heading,
        );
        checked.push(`${kind}:${block[1]}`);
      }
    }
    for (const kind of schemaKinds)
      assert.ok(
        checked.some((c) => c.startsWith(`${kind}:`)),
        `an example of ${kind}`,
      );
    assert.ok(checked.includes('import:json'), 'a JSON example');
  });
});
