import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ProcessedRow } from '../../engine/src/cache/processedRow';
import { readSort, sortRows } from '../../engine/src/cache/sortRows';
import type { ImportConfig } from '../../engine/src/model/workspace';
import { dryRun } from '../../engine/src/run/dryRun';
import { codes, type Scenario, scenarioInput } from './helpers';

function rows(values: (string | number | null)[]): ProcessedRow[] {
  return values.map((v, i) => ({
    values: Object.assign(Object.create(null), { K: v, i }),
    row: i + 1,
    line: i + 2,
    record: i + 1,
  }));
}

describe('sortRows', () => {
  it('numbers numerically, text by code point, blanks last, stable', () => {
    const r = rows(['10', '9', 'b', null, 'a', '', 2, '9']);
    sortRows(r, { column: 'K', descending: false });
    assert.deepEqual(
      r.map((x) => [x.values.K, x.row]),
      [
        [2, 7],
        ['9', 2],
        ['9', 8],
        ['10', 1],
        ['a', 5],
        ['b', 3],
        [null, 4],
        ['', 6],
      ],
    );
  });

  it('descending keeps blanks last and equal rows in file order', () => {
    const r = rows(['1', '', '3', '3', '2']);
    sortRows(r, { column: 'K', descending: true });
    assert.deepEqual(
      r.map((x) => x.row),
      [3, 4, 5, 1, 2],
    );
  });

  it('E0004 for an incomplete or invalid sort', () => {
    const base = { sort: { column: 'A', direction: 'ascending' } } as unknown as ImportConfig;
    assert.deepEqual(readSort(base, 'c.yaml'), { column: 'A', descending: false });
    const noDirection = { sort: { column: 'A' } } as unknown as ImportConfig;
    const bad = readSort(noDirection, 'c.yaml');
    assert.equal(bad && 'code' in bad ? bad.code : '', 'E0004');
    const sideways = { sort: { column: 'A', direction: 'sideways' } } as unknown as ImportConfig;
    const p = readSort(sideways, 'c.yaml');
    assert.deepEqual(p && 'code' in p ? p.locations : [], [{ file: 'c.yaml', pointer: '/sort/direction' }]);
    const noColumn = { sort: { direction: 'ascending' } } as unknown as ImportConfig;
    const q = readSort(noColumn, 'c.yaml');
    assert.equal(q && 'code' in q ? q.message : '', "Invalid sort configuration: 'column' is missing.");
  });
});

describe('sort and cache in a run', () => {
  const base: Scenario = {
    headers: ['ID', 'Seq', 'Grade'],
    rows: [
      ['1001', '2', 'B'],
      ['1001', '10', 'C'],
      ['1001', '1', 'A'],
    ],
    fields: [{ id: 'grade', type: 'text' }],
    mapping: { grade: 'Grade' },
  };

  it('processes rows in sort order, so the last in sort order wins', async () => {
    const ascending = await dryRun(
      scenarioInput({ ...base, config: { sort: { column: 'Seq', direction: 'ascending' } } }),
    );
    assert.deepEqual(
      ascending.cache.rows.map((r) => r.row),
      [3, 1, 2],
      'rows keep their file numbers',
    );
    assert.equal(ascending.plan[0]?.fields[0]?.after, 'C');
    assert.deepEqual(ascending.plan[0]?.rows, [3, 1, 2]);
    const descending = await dryRun(
      scenarioInput({ ...base, config: { sort: { column: 'Seq', direction: 'descending' } } }),
    );
    assert.equal(descending.plan[0]?.fields[0]?.after, 'A');
    assert.ok(descending.timings.cache >= 0);
  });

  it('E0005 with did-you-mean stops the run', async () => {
    const result = await dryRun(
      scenarioInput({ ...base, config: { sort: { column: 'seq', direction: 'ascending' } } }),
    );
    assert.equal(result.status, 'Failed');
    assert.deepEqual(codes(result), ['E0005']);
    assert.equal(result.problems[0]?.message, "Unable to find column to sort on: 'seq'. Did you mean 'Seq'?");
    assert.deepEqual(result.cache.columns, ['ID', 'Seq', 'Grade']);
  });

  it('with csv headers, E0005 comes before any row is read', async () => {
    let pulled = 0;
    const input = scenarioInput({ ...base, config: { sort: { column: 'Nope', direction: 'ascending' } } });
    input.openSource = async () => ({
      headers: base.headers,
      problems: [],
      records: (async function* () {
        pulled++;
        yield { index: 1, line: 2, value: Object.assign(Object.create(null), { ID: '1001', Seq: '1', Grade: 'A' }) };
      })(),
    });
    const result = await dryRun(input);
    assert.deepEqual(codes(result), ['E0005']);
    assert.equal(pulled, 0);
  });

  it('E0004 stops the run before reading', async () => {
    let opened = false;
    const input = scenarioInput({
      ...base,
      config: { sort: { column: 'Seq', direction: 'up' } as unknown as ImportConfig['sort'] },
    });
    const open = input.openSource;
    input.openSource = () => {
      opened = true;
      return open();
    };
    const result = await dryRun(input);
    assert.deepEqual(codes(result), ['E0004']);
    assert.equal(opened, false);
  });

  it('the cache keeps cacheRows rows and the total', async () => {
    const result = await dryRun(scenarioInput({ ...base, options: { cacheRows: 2 } }));
    assert.equal(result.cache.total, 3);
    assert.deepEqual(result.cache.rows, [
      { row: 1, line: 2, values: ['1001', '2', 'B'] },
      { row: 2, line: 3, values: ['1001', '10', 'C'] },
    ]);
  });

  it('limit stops reading after that many rows', async () => {
    const result = await dryRun(scenarioInput({ ...base, options: { limit: 2 } }));
    assert.equal(result.counts.rowsProcessed, 2);
    assert.equal(result.limited, true);
    const all = await dryRun(scenarioInput({ ...base, options: { limit: 3 } }));
    assert.equal(all.limited, false);
  });
});
