/**
 * FormPlanner.merge stores a group's values for its plan entry. It reuses an equal value stored
 * before (so a file with many rows per person leaves no garbage in old space); what it stores must
 * still be exactly the row's value: its type, -0, and the last of many distinct values.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { CompiledMapping } from '../../engine/src/map/compiledMapping';
import { FormPlanner, PlanOrder } from '../../engine/src/match/recordPlanner';
import { RecordIndex } from '../../engine/src/match/recordIndex';
import type { JsonValue } from '../../engine/src/model/result';

/** A mapping of three plain fields; the planner reads only the form id, the fields' ids and the key. */
const mapping = {
  formId: 'f',
  fields: [{ id: 'a' }, { id: 'b' }, { id: 'c' }],
  key: null,
} as unknown as CompiledMapping;

function planner(): FormPlanner {
  return new FormPlanner(mapping, new RecordIndex([]), 'createMissing', new PlanOrder(Number.MAX_SAFE_INTEGER));
}

function afterValues(p: FormPlanner, person: string, ordinal: number): JsonValue[] {
  return p.entry(p.target(person, ordinal, null)).fields.map((f) => f.after);
}

test('equal values of another type, and -0, are stored as the row gave them', () => {
  const p = planner();
  p.merge(p.target('p1', 0, null), ['1', 1, -0], 1);
  p.merge(p.target('p2', 1, null), [1, '1', 0], 2);
  p.merge(p.target('p3', 2, null), [-0, 0, '0'], 3);
  const [a1, b1, c1] = afterValues(p, 'p1', 0);
  assert.equal(a1, '1');
  assert.equal(b1, 1);
  assert.ok(Object.is(c1, -0));
  const [a2, b2, c2] = afterValues(p, 'p2', 1);
  assert.equal(a2, 1);
  assert.equal(b2, '1');
  assert.ok(Object.is(c2, 0));
  const [a3, b3, c3] = afterValues(p, 'p3', 2);
  assert.ok(Object.is(a3, -0));
  assert.ok(Object.is(b3, 0));
  assert.equal(c3, '0');
});

test('a later row overrides field by field, past the number of values remembered for reuse', () => {
  const p = planner();
  const group = p.target('p1', 0, null);
  for (let i = 0; i < 40_000; i++) {
    // Strings long enough to be slices of their parent, as a parser's cells are.
    const cell = `${'x'.repeat(20)}${i}`.slice(0, 25);
    p.merge(group, [`${cell}`, i % 3 === 0 ? undefined : i / 4, i % 7], i + 1);
  }
  p.merge(group, [undefined, undefined, 'seven'], 40_001);
  assert.deepEqual(afterValues(p, 'p1', 0), ['xxxxxxxxxxxxxxxxxxxx39999', 39_998 / 4, 'seven']);
  // The values of another group that equal stored ones come back equal, whoever stored them first.
  const other = p.target('p2', 1, null);
  p.merge(other, ['xxxxxxxxxxxxxxxxxxxx12', 3, 'seven'], 40_002);
  assert.deepEqual(afterValues(p, 'p2', 1), ['xxxxxxxxxxxxxxxxxxxx12', 3, 'seven']);
});
