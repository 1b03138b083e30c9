import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { plain, readAll, rejectsWith, source, tempRoot, write } from './helpers';

const root = tempRoot();

describe('json', () => {
  it('reads the whole document as one record without recordPath', async () => {
    const file = write(root, 'doc.json', '{"students":[{"id":1},{"id":2}],"term":"Fall"}');
    const { records } = await readAll(root, source(file, 'json'));
    assert.deepEqual(
      records.map((r) => [r.index, r.line, plain(r.value)]),
      [[1, 1, { students: [{ id: 1 }, { id: 2 }], term: 'Fall' }]],
    );
  });

  it('passes a top-level array through whole', async () => {
    const file = write(root, 'array.json', '[{"id":1},{"id":2}]');
    const { records } = await readAll(root, source(file, 'json'));
    assert.deepEqual(plain(records[0]?.value), [{ id: 1 }, { id: 2 }]);
  });

  it('bounds the whole document and advises recordPath (E0042)', async () => {
    const file = write(root, 'big.json', JSON.stringify(Array.from({ length: 500 }, (_, id) => ({ id }))));
    const p = await rejectsWith(
      () => readAll(root, source(file, 'json'), { limits: { maxDocumentChars: 1000 } }),
      'E0042',
    );
    assert.match(p.message, /set recordPath/);
  });

  it('streams the elements at recordPath with their lines', async () => {
    const file = write(
      root,
      'nested.json',
      '{\n  "students": [\n    {"id": 1, "name": "Ann"},\n\n    {"id": 2,\n     "name": "Bo"}\n  ]\n}\n',
    );
    const { records } = await readAll(root, source(file, 'json', { recordPath: 'students' }), { chunkSize: 7 });
    assert.deepEqual(
      records.map((r) => [r.index, r.line, plain(r.value)]),
      [
        [1, 3, { id: 1, name: 'Ann' }],
        [2, 5, { id: 2, name: 'Bo' }],
      ],
    );
  });

  it('streams a top-level array with recordPath $ (and empty)', async () => {
    const file = write(root, 'top.json', '[\n{"a":1},\n{"a":2},\n{"a":3}\n]');
    for (const recordPath of ['$', '']) {
      const { records } = await readAll(root, source(file, 'json', { recordPath }));
      assert.deepEqual(
        records.map((r) => [r.line, plain(r.value)]),
        [
          [2, { a: 1 }],
          [3, { a: 2 }],
          [4, { a: 3 }],
        ],
      );
    }
  });

  it('reports malformed json with E0015, line and column (whole document)', async () => {
    const file = write(root, 'bad.json', '{\n  "a": 1,\n  "b": ]\n}');
    const p = await rejectsWith(() => readAll(root, source(file, 'json')), 'E0015');
    assert.equal(p.data?.line, 3);
    assert.equal(p.data?.column, 8);
  });

  it('reports malformed json with E0015, line and column (streamed)', async () => {
    const file = write(root, 'bad-stream.json', '[\n{"a":1},\n{"a":1 "b":2}\n]');
    const p = await rejectsWith(() => readAll(root, source(file, 'json', { recordPath: '$' })), 'E0015');
    assert.equal(p.data?.line, 3);
    assert.equal(p.data?.column, 8);
  });

  it('reports a truncated streamed document with E0015', async () => {
    const file = write(root, 'cut.json', '[{"a":1},{"a":');
    await rejectsWith(() => readAll(root, source(file, 'json', { recordPath: '$' })), 'E0015');
  });

  it('never lets __proto__ keys change a prototype', async () => {
    const text = '[{"__proto__":{"polluted":true},"constructor":{"prototype":{"polluted":true}},"id":1}]';
    const file = write(root, 'proto.json', text);
    for (const recordPath of [undefined, '$']) {
      const { records } = await readAll(root, source(file, 'json', recordPath === undefined ? {} : { recordPath }));
      const value = records[0]?.value as unknown;
      const first = (recordPath === undefined ? (value as unknown[])[0] : value) as Record<string, unknown>;
      assert.equal(Object.getPrototypeOf(first), Object.prototype);
      assert.ok(Object.hasOwn(first, '__proto__'));
      assert.equal(({} as Record<string, unknown>).polluted, undefined);
      assert.equal(first.polluted, undefined);
    }
  });
});
