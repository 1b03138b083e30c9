import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { plain, readAll, rejectsWith, source, tempRoot, write } from './helpers';

const root = tempRoot();

describe('csv and tsv', () => {
  it('reads headers, rows, quoted delimiters, quotes and newlines, with start lines', async () => {
    const file = write(root, 'basic.csv', 'id,name,note\n1,"Doe, Jane","said ""hi"""\n2,"two\nlines",x\n3,plain,y\n');
    const { headers, records, problems } = await readAll(root, source(file, 'csv'));
    assert.deepEqual(headers, ['id', 'name', 'note']);
    assert.deepEqual(
      records.map((r) => [r.index, r.line, plain(r.value)]),
      [
        [1, 2, { id: '1', name: 'Doe, Jane', note: 'said "hi"' }],
        [2, 3, { id: '2', name: 'two\nlines', note: 'x' }],
        [3, 5, { id: '3', name: 'plain', note: 'y' }],
      ],
    );
    assert.deepEqual(problems, []);
  });

  it('reads CRLF files, skips blank lines and keeps line numbers right', async () => {
    const file = write(root, 'crlf.csv', 'a,b\r\n\r\n1,"q\r\nr"\r\n\r\n\r\n2,3\r\n');
    const { records } = await readAll(root, source(file, 'csv'));
    assert.deepEqual(
      records.map((r) => [r.line, plain(r.value)]),
      [
        [3, { a: '1', b: 'q\r\nr' }],
        [7, { a: '2', b: '3' }],
      ],
    );
  });

  it('reads a last row without a final newline', async () => {
    const file = write(root, 'nofinal.csv', 'a,b\n1,2');
    const { records } = await readAll(root, source(file, 'csv'));
    assert.deepEqual(plain(records.map((r) => r.value)), [{ a: '1', b: '2' }]);
  });

  it('reads tsv with tabs, and quoted tabs', async () => {
    const file = write(root, 'tabs.tsv', 'ID\tName\tContacts\n7\tAnn\t"Maria\tLuis"\n');
    const { headers, records } = await readAll(root, source(file, 'tsv'));
    assert.deepEqual(headers, ['ID', 'Name', 'Contacts']);
    assert.deepEqual(plain(records[0]?.value), { ID: '7', Name: 'Ann', Contacts: 'Maria\tLuis' });
  });

  it('warns about ragged rows with line and counts, blank-fills and drops', async () => {
    const file = write(root, 'ragged.csv', 'a,b,c\n1,2\n\n3,4,5,6\n7,8,9\n');
    const { records, problems } = await readAll(root, source(file, 'csv'));
    assert.deepEqual(plain(records.map((r) => r.value)), [
      { a: '1', b: '2', c: '' },
      { a: '3', b: '4', c: '5' },
      { a: '7', b: '8', c: '9' },
    ]);
    assert.deepEqual(
      problems.map((p) => [p.code, p.severity, p.message, p.locations[0]?.row]),
      [
        ['E0031', 'warning', 'Line 2 has 2 cells; the header has 3. Missing cells are read as blank.', 1],
        ['E0031', 'warning', 'Line 4 has 4 cells; the header has 3. Extra cells are dropped.', 2],
      ],
    );
  });

  it('caps ragged-row warnings and counts the rest in one summary', async () => {
    const file = write(root, 'many-ragged.csv', `a,b\n${'1\n'.repeat(105)}`);
    const { problems } = await readAll(root, source(file, 'csv'));
    assert.equal(problems.length, 101);
    assert.equal(problems[100]?.message, '5 more rows have a different number of cells than the header.');
  });

  it('refuses duplicate headers with E0003 naming the header and its columns', async () => {
    const file = write(root, 'dup.csv', 'ID,Notes,Name,Notes\n1,a,b,c\n');
    const p = await rejectsWith(() => readAll(root, source(file, 'csv')), 'E0003');
    assert.equal(p.message, "Duplicate column header 'Notes' in columns 2 and 4.");
    assert.deepEqual(p.data, { header: 'Notes', columns: [2, 4] });
  });

  it('warns E0007 for a header without rows', async () => {
    const file = write(root, 'header-only.csv', 'a,b\n\n');
    const { headers, records, problems } = await readAll(root, source(file, 'csv'));
    assert.deepEqual(headers, ['a', 'b']);
    assert.equal(records.length, 0);
    assert.deepEqual(
      problems.map((p) => [p.code, p.severity]),
      [['E0007', 'warning']],
    );
  });

  it('reports E0006 for a file of blank lines', async () => {
    const file = write(root, 'blank.csv', '\n\r\n\n');
    await rejectsWith(() => readAll(root, source(file, 'csv')), 'E0006');
  });

  it('reports an unclosed quote at the end with E0015 and the line it opened on', async () => {
    const file = write(root, 'unclosed.csv', 'a,b\n1,2\n3,"never\nclosed\n');
    const p = await rejectsWith(() => readAll(root, source(file, 'csv')), 'E0015');
    assert.equal(
      p.message,
      'Malformed csv at line 3: a quoted field opened at line 3, column 3 is not closed before the end of the file.',
    );
    assert.deepEqual(p.locations[0]?.range?.start, { line: 2, character: 2 });
  });

  it('reports text after a closing quote with E0015 and its line', async () => {
    const file = write(root, 'badquote.csv', 'a,b\n1,2\n3,"ab"cd\n4,5\n');
    const p = await rejectsWith(() => readAll(root, source(file, 'csv')), 'E0015');
    assert.match(p.message, /^Malformed csv at line 3: a closing quote/);
  });

  it('stops a line longer than the bound with E0042 without reading the rest', async () => {
    const file = write(root, 'long.csv', `a,b\n1,2\n${'x'.repeat(5000)},y\n3,4\n`);
    const p = await rejectsWith(
      () => readAll(root, source(file, 'csv'), { limits: { maxLineChars: 1000 }, chunkSize: 256 }),
      'E0042',
    );
    assert.match(p.message, /^The csv record starting at line 3 is longer than 1000 characters/);
  });

  it('stops an unclosed quote in a large file with E0042 once the bound is passed', async () => {
    const file = write(root, 'runaway.csv', `a,b\n1,"open\n${'2,3\n'.repeat(100_000)}`);
    const p = await rejectsWith(() => readAll(root, source(file, 'csv'), { limits: { maxLineChars: 4096 } }), 'E0042');
    assert.match(p.message, /starting at line 2/);
  });

  it('keeps __proto__ and constructor headers as plain keys of null-prototype rows', async () => {
    const file = write(root, 'proto.csv', '__proto__,constructor,toString\n{"polluted":1},c,t\n');
    const { records } = await readAll(root, source(file, 'csv'));
    const value = records[0]?.value as Record<string, unknown>;
    assert.equal(Object.getPrototypeOf(value), null);
    assert.deepEqual(Object.keys(value), ['__proto__', 'constructor', 'toString']);
    assert.equal(Object.getOwnPropertyDescriptor(value, '__proto__')?.value, '{"polluted":1}');
    assert.equal(({} as Record<string, unknown>).polluted, undefined);
  });

  it('reads the same rows whatever the chunk size (CRLF and quotes split across chunks)', async () => {
    const text = 'h1,h2\r\n"a\r\nb",ü€😀\r\n\r\nc,"d,""e"""\r\n';
    const file = write(root, 'chunks.csv', text);
    const expected = await readAll(root, source(file, 'csv'));
    assert.equal(expected.records.length, 2);
    for (const chunkSize of [1, 2, 3, 5, 7]) {
      const got = await readAll(root, source(file, 'csv'), { chunkSize });
      assert.deepEqual(
        got.records.map((r) => [r.line, plain(r.value)]),
        expected.records.map((r) => [r.line, plain(r.value)]),
        `chunkSize ${chunkSize}`,
      );
    }
    assert.deepEqual(plain(expected.records[0]?.value), { h1: 'a\r\nb', h2: 'ü€😀' });
    assert.deepEqual(
      expected.records.map((r) => r.line),
      [2, 5],
    );
  });
});
