import assert from 'node:assert/strict';
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { readAll, rejectsWith, source, tempRoot, write } from './helpers';

const outside = tempRoot();
const base = tempRoot();
const root = `${base}/sftp`;
mkdirSync(join(root, 'imports'), { recursive: true });
writeFileSync(join(outside, 'secret.csv'), 'password\nhunter2\n');
writeFileSync(join(base, 'sibling.csv'), 'a\n1\n');

describe('resolving the source file', () => {
  it('reads a file in a folder under the root', async () => {
    write(root, 'imports/ok.csv', 'a\n1\n');
    const { records } = await readAll(root, source('imports/ok.csv', 'csv'));
    assert.equal(records.length, 1);
  });

  it('refuses a path escaping the root through ..', async () => {
    const p = await rejectsWith(() => readAll(root, source('imports/../../sibling.csv', 'csv')), 'E0027');
    assert.equal(
      p.message,
      `The path 'imports/../../sibling.csv' leads outside the SFTP root '${root}' (through '..').`,
    );
  });

  it('refuses an absolute path', async () => {
    await rejectsWith(() => readAll(root, source(join(outside, 'secret.csv'), 'csv')), 'E0027');
    await rejectsWith(() => readAll(root, source('C:\\data\\x.csv', 'csv')), 'E0027');
  });

  it('refuses a symbolic link that leads outside the root, without reading it', async () => {
    symlinkSync(join(outside, 'secret.csv'), join(root, 'link.csv'));
    const p = await rejectsWith(() => readAll(root, source('link.csv', 'csv')), 'E0027');
    assert.match(p.message, /through a symbolic link/);
  });

  it('follows a symbolic link that stays inside the root', async () => {
    write(root, 'real.csv', 'a\n1\n');
    symlinkSync(join(root, 'real.csv'), join(root, 'inner-link.csv'));
    const { records } = await readAll(root, source('inner-link.csv', 'csv'));
    assert.equal(records.length, 1);
  });

  it('reports a missing file with E0001 naming the path and the root', async () => {
    const p = await rejectsWith(() => readAll(root, source('imports/nope.csv', 'csv')), 'E0001');
    assert.equal(p.message, `Cannot read file 'imports/nope.csv': no such file under the SFTP root '${root}'.`);
  });

  it('reports a directory with E0001', async () => {
    const p = await rejectsWith(() => readAll(root, source('imports', 'csv')), 'E0001');
    assert.match(p.message, /it is a directory/);
  });

  it('reports an empty file with E0006', async () => {
    write(root, 'empty.csv', '');
    const p = await rejectsWith(() => readAll(root, source('empty.csv', 'csv')), 'E0006');
    assert.equal(p.message, "The file 'empty.csv' is empty.");
  });

  it('rejects an Excel workbook saved as .csv with E0002', async () => {
    write(root, 'book.csv', new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00, 0x06, 0x00]));
    const p = await rejectsWith(() => readAll(root, source('book.csv', 'csv')), 'E0002');
    assert.equal(
      p.message,
      "Unsupported file format: 'book.csv' looks like an Excel workbook (.xlsx) or a zip archive, not csv.",
    );
  });

  it('rejects an old .xls workbook with E0002', async () => {
    write(root, 'old.tsv', new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0]));
    await rejectsWith(() => readAll(root, source('old.tsv', 'tsv')), 'E0002');
  });

  it('names the file relative to the workspace root in locations when asked', async () => {
    const p = await rejectsWith(() => readAll(root, source('imports/nope.csv', 'csv'), { relativeTo: base }), 'E0001');
    assert.equal(p.locations[0]?.file, 'sftp/imports/nope.csv');
  });
});
