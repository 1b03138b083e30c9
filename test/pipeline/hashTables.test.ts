/**
 * The person index's hash tables (engine/src/match/hashTables.ts) against V8's Map: the same answer
 * for every key set and lookup, through growth, for awkward keys (empty, `__proto__`, surrogates,
 * numbers past 2^32), and for lookups of keys that are not there.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { NumberTable, StringTable } from '../../engine/src/match/hashTables';

function random(seed: number): (n: number) => number {
  let s = seed;
  return (n) => {
    s = (Math.imul(s, 1103515245) + 12345) & 0x7fffffff;
    return s % n;
  };
}

describe('hash tables', () => {
  it('StringTable answers as a Map does, through growth and replaced values', () => {
    const rand = random(5);
    const table = new StringTable();
    const map = new Map<string, number>();
    const awkward = ['', '__proto__', 'constructor', 'toString', '\ud800', 'é', 'a'.repeat(300), 'B6', 'b6'];
    const keys = [...awkward, ...Array.from({ length: 20_000 }, () => `k${rand(50_000)}-${'xyz'.slice(rand(3))}`)];
    for (const key of keys) {
      const value = rand(1_000_000);
      table.set(key, value);
      map.set(key, value);
    }
    assert.equal(table.size, map.size);
    for (const key of map.keys()) assert.equal(table.get(key), map.get(key), JSON.stringify(key));
    for (let i = 0; i < 5_000; i++) {
      const probe = `k${rand(100_000)}-${'xyz'.slice(rand(3))}`;
      assert.equal(table.get(probe), map.get(probe) ?? -1, probe);
    }
    assert.equal(table.get('missing'), -1);
  });

  it('NumberTable answers as a Map does, for small, large and neighbouring integers', () => {
    const rand = random(9);
    const table = new NumberTable();
    const map = new Map<number, number>();
    const awkward = [0, 1, 2 ** 32, 2 ** 32 + 1, 2 ** 53 - 1, 999_999_999_999_999, 4_294_967_295];
    const keys = [
      ...awkward,
      ...Array.from({ length: 20_000 }, (_, i) => (i % 2 ? 200_000 + i : rand(2 ** 30) * 1024)),
    ];
    keys.forEach((key, i) => {
      table.set(key, i);
      map.set(key, i);
    });
    assert.equal(table.size, map.size);
    for (const [key, value] of map) assert.equal(table.get(key), value, String(key));
    for (let i = 0; i < 5_000; i++) {
      const probe = rand(2 ** 30) * 1023;
      assert.equal(table.get(probe), map.get(probe) ?? -1, String(probe));
    }
    const order: number[] = [];
    table.forEach((key) => order.push(key));
    assert.deepEqual(order, [...map.keys()]);
  });
});
