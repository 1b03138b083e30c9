/**
 * The transformation fast path must give exactly what JSONata gives, or step aside (FALLBACK) so
 * JSONata runs. Each case is evaluated both ways and compared.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import jsonata from 'jsonata';
import { compilePathObject, FALLBACK } from '../../engine/src/transform/pathObject';

const renaming = '{ "ID": `@id`, "Last": Name.Last, "First": Name.First, "Grade": Grade, "Active": Active }';

/** JSONata's own answer, as a plain object with the same keys and values. */
async function viaJsonata(expr: string, input: unknown): Promise<Record<string, unknown> | undefined> {
  const value: unknown = await jsonata(expr).evaluate(input);
  return value === undefined ? undefined : { ...(value as Record<string, unknown>) };
}

function viaFastPath(expr: string, input: unknown): Record<string, unknown> | typeof FALLBACK {
  const fast = compilePathObject(jsonata(expr));
  assert.ok(fast, `${expr} qualifies for the fast path`);
  const row = fast(input);
  return row === FALLBACK ? FALLBACK : { ...row };
}

const inputs: [string, unknown][] = [
  ['all scalars', { '@id': 'S1', Name: { Last: 'Okafor', First: 'Ada' }, Grade: 7, Active: true }],
  ['a missing key drops the column', { '@id': 'S2', Name: { Last: 'Lee' }, Grade: 5, Active: false }],
  ['a missing parent drops the column', { '@id': 'S3', Grade: 5, Active: true }],
  ['a null-prototype record', Object.assign(Object.create(null), { '@id': 'S4', Grade: 3, Active: true })],
  [
    '__proto__ and constructor are data',
    JSON.parse('{"@id":"S5","__proto__":{"x":1},"constructor":"c","Grade":1,"Active":true}'),
  ],
];

for (const [name, input] of inputs) {
  test(`fast path = JSONata: ${name}`, async () => {
    const fast = viaFastPath(renaming, input);
    assert.notEqual(fast, FALLBACK);
    assert.deepEqual(fast, await viaJsonata(renaming, input));
  });
}

test('arrays, nested objects, null and non-finite numbers step aside for JSONata', () => {
  for (const input of [
    { '@id': ['S1', 'S2'], Name: { Last: 'A', First: 'B' }, Grade: 1, Active: true },
    { '@id': 'S1', Name: [{ Last: 'A' }, { Last: 'B' }], Grade: 1, Active: true },
    { '@id': 'S1', Name: { Last: { nested: true } }, Grade: 1, Active: true },
    { '@id': 'S1', Name: { Last: null }, Grade: 1, Active: true },
    { '@id': 'S1', Name: { Last: 'A' }, Grade: Number.POSITIVE_INFINITY, Active: true },
  ]) {
    assert.equal(viaFastPath(renaming, input), FALLBACK, JSON.stringify(input));
  }
});

test('keys reached only through the prototype chain are missing, as JSONata has them', async () => {
  const input = { '@id': 'S1', Grade: 1, Active: true };
  const expr = '{ "ID": `@id`, "C": constructor, "T": toString }';
  const fast = viaFastPath(expr, input);
  assert.deepEqual(fast, { ID: 'S1' });
  assert.deepEqual(fast, await viaJsonata(expr, input));
});

test('expressions that are not plain path objects do not qualify', () => {
  for (const expr of [
    '{ "A": Name.Last & ", " & Name.First }',
    '{ "A": $uppercase(Name.Last) }',
    '{ "A": Name[0].Last }',
    'Name.Last',
    '[{ "A": Name.Last }]',
    '{ "A": Grade > 5 ? "upper" : "lower" }',
  ]) {
    assert.equal(compilePathObject(jsonata(expr)), undefined, expr);
  }
});
