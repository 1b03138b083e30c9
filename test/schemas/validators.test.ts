/**
 * The validators generated at development time (engine/src/workspace/generated/validators.ts,
 * scripts/generate-validators.ts) stand in for ajv compiling the schemas at every start: they must be
 * made from today's schemas, and judge every sample document exactly as a fresh compile does.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import * as precompiled from '../../engine/src/workspace/generated/validators';
import { detectKind, syntaxOf } from '../../engine/src/workspace/detectKind';
import { parseDocument } from '../../engine/src/workspace/parseDocument';
import {
  createAjv,
  precompiledName,
  schemaFor,
  type SchemaKind,
  schemaKinds,
  schemasHash,
  validatorFor,
} from '../../engine/src/workspace/schemaRegistry';
import { generateValidators } from '../../scripts/generate-validators';

const samples = join(import.meta.dirname, '..', '..', 'samples');

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

test('the generated validators are made from the schemas as they are (else: npm run generate:validators)', () => {
  assert.equal(precompiled.schemasHash, schemasHash());
  const path = join(import.meta.dirname, '..', '..', 'engine', 'src', 'workspace', 'generated', 'validators.ts');
  assert.equal(readFileSync(path, 'utf8'), generateValidators());
});

test('validatorFor hands out the generated validators while they are fresh', () => {
  for (const kind of schemaKinds) {
    const generated = (precompiled as Record<string, unknown>)[precompiledName(kind)];
    assert.equal(typeof generated, 'function', kind);
    assert.equal(validatorFor(kind), generated, kind);
  }
});

test('every sample document gets the same verdict and errors from the generated and the compiled validators', () => {
  const ajv = createAjv();
  const compiled = new Map(schemaKinds.map((k) => [k, ajv.compile(schemaFor(k))]));
  const nodes = new Set<object>();
  const collect = (node: unknown): void => {
    if (node === null || typeof node !== 'object' || nodes.has(node)) return;
    nodes.add(node);
    for (const child of Object.values(node)) collect(child);
  };
  for (const kind of schemaKinds) collect(schemaFor(kind));
  let checked = 0;
  let failing = 0;
  for (const file of filesUnder(samples)) {
    const kind = detectKind(file) as SchemaKind | 'jsonata' | undefined;
    if (kind === undefined || kind === 'jsonata' || !/\.(ya?ml|json)$/.test(file)) continue;
    const parsed = parseDocument(readFileSync(file, 'utf8'), { path: file, syntax: syntaxOf(file) });
    if (parsed.value === undefined) continue;
    const fresh = compiled.get(kind)!;
    const generated = validatorFor(kind);
    const verdict = fresh(parsed.value);
    assert.equal(generated(parsed.value), verdict, file);
    assert.deepEqual(generated.errors ?? null, fresh.errors ?? null, file);
    // Identity, not only equality: the problem mapper walks up from parentSchema through the schema
    // objects themselves (schemaParents) to find the nearest x-errorCode.
    for (const error of generated.errors ?? [])
      assert.ok(nodes.has(error.parentSchema as object), `${file}: ${error.schemaPath} points at a copy`);
    checked++;
    if (!verdict) failing++;
  }
  // The broken samples make sure errors, not only successes, were compared.
  assert.ok(checked > 60, `documents checked: ${checked}`);
  assert.ok(failing >= 10, `documents with schema errors: ${failing}`);
});
