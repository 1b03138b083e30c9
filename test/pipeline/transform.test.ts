import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { shapeOutput } from '../../engine/src/transform/rowShape';
import { lineAndColumn } from '../../engine/src/transform/jsonataErrors';
import { dryRun } from '../../engine/src/run/dryRun';
import { codes, readerOf, type Scenario, scenarioInput } from './helpers';

const jsonBase: Scenario = {
  config: { source: { format: 'json', file: 'data/students.json', recordPath: 'students' } },
  headers: [],
  rows: [],
  fields: [{ id: 'name', type: 'text' }],
  mapping: { name: 'Name' },
};

describe('row shape', () => {
  it('accepts an object or an array of flat objects; drops undefined keys', () => {
    const one = shapeOutput({ a: '1', b: 2, c: true, d: null, e: undefined });
    assert.deepEqual(one.errors, []);
    assert.deepEqual({ ...one.rows[0] }, { a: '1', b: 2, c: true, d: null });
    assert.equal(Object.getPrototypeOf(one.rows[0]), null);
    assert.equal(shapeOutput([{ a: 1 }, { a: 2 }]).rows.length, 2);
    assert.deepEqual(shapeOutput(undefined), { rows: [], errors: [] });
  });

  it('names the row and key of a non-scalar value; keeps the good rows', () => {
    const out = shapeOutput([{ a: 1 }, { a: 1, Contacts: ['x'] }, 'text', { b: { c: 1 } }]);
    assert.equal(out.rows.length, 1);
    assert.deepEqual(out.errors, [
      { outputRow: 2, key: 'Contacts', reason: 'holds an array; a processed column must hold a scalar' },
      { outputRow: 3, reason: 'is a string, not an object of columns' },
      { outputRow: 4, key: 'b', reason: 'holds an object; a processed column must hold a scalar' },
    ]);
    assert.equal(shapeOutput(42).errors[0]?.reason, 'is a number, not an object or an array of objects');
  });
});

describe('transformation in a run', () => {
  it('xml and json need a transformation (E0014)', async () => {
    const result = await dryRun(scenarioInput({ ...jsonBase, reader: () => readerOf([{ id: '1001' }]) }));
    assert.equal(result.status, 'Failed');
    assert.deepEqual(codes(result), ['E0014']);
    assert.equal(result.problems[0]?.message, "The import 'test-import' reads json but has no transformation.");
  });

  it('runs per record and fills the cache with its output columns', async () => {
    const result = await dryRun(
      scenarioInput({
        ...jsonBase,
        config: {
          ...jsonBase.config,
          transformation: { expression: '{"ID": id, "Name": first & " " & last, "Age": age}' },
        },
        reader: () =>
          readerOf([
            { id: '1001', first: 'Ann', last: 'Lee', age: 9 },
            { id: '1002', first: 'Bo', last: 'Kim' },
          ]),
      }),
    );
    assert.deepEqual(codes(result), []);
    assert.deepEqual(result.cache.columns, ['ID', 'Name', 'Age']);
    assert.deepEqual(result.cache.rows, [
      { row: 1, line: 2, values: ['1001', 'Ann Lee', 9] },
      { row: 2, line: 3, values: ['1002', 'Bo Kim', null] },
    ]);
    assert.equal(result.counts.recordsRead, 2);
    assert.equal(result.counts.rowsProcessed, 2);
    assert.ok(result.timings.transform > 0);
  });

  it('a whole document can produce many rows (array output)', async () => {
    const result = await dryRun(
      scenarioInput({
        ...jsonBase,
        config: { source: { format: 'json' } },
        transformation: {
          text: 'students.{"ID": id, "Name": name}',
          file: 'transforms/students.jsonata',
        },
        reader: () =>
          readerOf([
            {
              students: [
                { id: '1001', name: 'Ann' },
                { id: '1002', name: 'Bo' },
              ],
            },
          ]),
      }),
    );
    assert.deepEqual(codes(result), []);
    assert.equal(result.counts.recordsRead, 1);
    assert.deepEqual(
      result.plan.map((e) => e.person),
      ['P1', 'P2'],
    );
  });

  it('E0013 names the record, row and key', async () => {
    const result = await dryRun(
      scenarioInput({
        ...jsonBase,
        config: {
          ...jsonBase.config,
          transformation: { expression: '{"ID": id, "Name": name, "Contacts": contacts}' },
        },
        reader: () =>
          readerOf([
            { id: '1001', name: 'Ann', contacts: ['a', 'b'] },
            { id: '1002', name: 'Bo' },
          ]),
      }),
    );
    assert.deepEqual(codes(result), ['E0013']);
    assert.equal(
      result.problems[0]?.message,
      "Transformation output row 1 of record 1, key 'Contacts' holds an array; a processed column must hold a scalar.",
    );
    assert.equal(result.counts.rowsWithErrors, 1);
    assert.deepEqual(
      result.plan.map((e) => e.person),
      ['P2'],
    );
  });

  it('E0012 names the record on a runtime error; other records go on', async () => {
    const result = await dryRun(
      scenarioInput({
        ...jsonBase,
        config: { ...jsonBase.config, transformation: { expression: '{"ID": id, "Name": name, "N": $number(n)}' } },
        reader: () =>
          readerOf([
            { id: '1001', name: 'Ann', n: 'n/a' },
            { id: '1002', name: 'Bo', n: '3' },
          ]),
      }),
    );
    assert.deepEqual(codes(result), ['E0012']);
    assert.match(result.problems[0]?.message ?? '', /^Transformation failed on record 1: /);
    assert.deepEqual(result.problems[0]?.locations[0], {
      file: 'sftp/data/test.csv',
      range: { start: { line: 1, character: 0 }, end: { line: 1, character: 0 } },
    });
    assert.equal(result.status, 'Complete with issues');
    assert.equal(result.plan.length, 1);
  });

  it('csv with a transformation: per row, the record is the row', async () => {
    const result = await dryRun(
      scenarioInput({
        headers: ['StudentID', 'First'],
        rows: [
          ['1001', 'ann'],
          ['x', 'bo'],
        ],
        transformation: {
          text: '{"ID": StudentID, "Name": $uppercase(First), "N": $number(StudentID)}',
          file: 't.jsonata',
        },
        fields: [{ id: 'name', type: 'text' }],
        mapping: { name: 'Name' },
      }),
    );
    assert.deepEqual(codes(result), ['E0012']);
    assert.equal(result.problems[0]?.locations[0]?.row, 2);
    assert.deepEqual(result.plan[0]?.fields[0]?.after, 'ANN');
  });

  it('E0008 when the first processed row has no id column', async () => {
    const result = await dryRun(
      scenarioInput({
        ...jsonBase,
        config: { ...jsonBase.config, transformation: { expression: '{"StudentID": id, "Name": name}' } },
        reader: () => readerOf([{ id: '1001', name: 'Ann' }]),
      }),
    );
    assert.equal(result.status, 'Failed');
    assert.deepEqual(codes(result), ['E0008']);
    assert.equal(result.problems[0]?.message, "ID column 'ID' not found.");
  });

  it('a runaway recursion ends in bounded time with E0012 and stops the run', async () => {
    const started = Date.now();
    const result = await dryRun(
      scenarioInput({
        ...jsonBase,
        config: { ...jsonBase.config, transformation: { expression: '($f := function($x){$f($x)}; $f(1))' } },
        reader: () => readerOf([{ id: '1' }, { id: '2' }, { id: '3' }]),
        options: { guardrails: { timeoutMs: 200 } },
      }),
    );
    const elapsed = Date.now() - started;
    assert.ok(elapsed < 2000, `took ${elapsed} ms`);
    assert.deepEqual(codes(result), ['E0012']);
    assert.equal(
      result.problems[0]?.message,
      'Transformation failed on record 1: it ran longer than 200 ms (an infinite loop?)',
    );
    assert.equal(result.status, 'Failed');
    assert.equal(result.counts.recordsRead, 1, 'no time is spent on the other records');
  });

  it('a non-tail recursion ends at the depth bound', async () => {
    const result = await dryRun(
      scenarioInput({
        ...jsonBase,
        config: {
          ...jsonBase.config,
          transformation: { expression: '($f := function($x){ 1 + $f($x) }; {"ID": $f(1)})' },
        },
        reader: () => readerOf([{ id: '1' }]),
      }),
    );
    assert.deepEqual(codes(result), ['E0012']);
    assert.match(result.problems[0]?.message ?? '', /recursed deeper than 3000 steps/);
    assert.equal(result.status, 'Failed');
  });
});

describe('compile errors (E0011)', () => {
  it('gives the offset, line and column inside the expression', async () => {
    const text = '{\n  "ID": id,\n  "Name": (name + }';
    const result = await dryRun(
      scenarioInput({
        ...jsonBase,
        config: { ...jsonBase.config, transformation: { expression: text } },
        reader: () => readerOf([]),
      }),
    );
    assert.equal(result.status, 'Failed');
    assert.deepEqual(codes(result), ['E0011']);
    const p = result.problems[0];
    const offset = text.lastIndexOf('}');
    assert.deepEqual(p?.data, { offset, line: 3, column: 19, jsonataCode: 'S0211' });
    assert.match(p?.message ?? '', /^Transformation syntax error at line 3, column 19: /);
    assert.deepEqual(p?.locations, [{ file: 'imports/test.import.yaml', pointer: '/transformation/expression' }]);
  });

  it('a .jsonata file gets a range in that file', async () => {
    const result = await dryRun(
      scenarioInput({
        ...jsonBase,
        transformation: { text: 'students.{\n"ID": $foo(', file: 'transforms/s.jsonata' },
        reader: () => readerOf([]),
      }),
    );
    const p = result.problems[0];
    assert.equal(p?.code, 'E0011');
    assert.deepEqual(p?.data, { offset: 22, line: 2, column: 12, jsonataCode: 'S0203' });
    assert.deepEqual(p?.locations, [
      { file: 'transforms/s.jsonata', range: { start: { line: 1, character: 11 }, end: { line: 1, character: 11 } } },
    ]);
  });

  it('line and column count CRLF once', () => {
    assert.deepEqual(lineAndColumn('a\r\nb\rc\nd', 7), { line: 4, column: 1 });
  });
});
