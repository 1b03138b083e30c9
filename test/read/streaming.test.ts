import assert from 'node:assert/strict';
import { closeSync, openSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { countingFs, open, rejectsWith, source, tempRoot, write } from './helpers';

const root = tempRoot();

/** About 40 MB of csv, written in blocks so the test itself stays small in memory. */
function bigCsv(name: string, rows: number): number {
  const fd = openSync(join(root, name), 'w');
  let size = writeSync(fd, 'id,first,last,grade,note\n');
  const block: string[] = [];
  for (let i = 1; i <= rows; i++) {
    block.push(`${i},First${i},Last${i},${i % 13},"a note, with a comma"\n`);
    if (block.length === 10_000) {
      size += writeSync(fd, block.join(''));
      block.length = 0;
    }
  }
  size += writeSync(fd, block.join(''));
  closeSync(fd);
  return size;
}

describe('streaming', () => {
  const size = bigCsv('big.csv', 800_000);

  it('returns the first 100 rows of a large file without reading the rest, and closes it', async () => {
    const fs = countingFs();
    const reader = await open(root, source('big.csv', 'csv'), { fs, chunkSize: 64 * 1024 });
    const first: string[] = [];
    for await (const record of reader.records) {
      first.push(record.value.id as string);
      if (first.length === 100) break;
    }
    assert.equal(first.length, 100);
    assert.equal(first[99], '100');
    assert.ok(size > 30_000_000, `test file is ${size} bytes`);
    assert.ok(fs.bytesRead < 256 * 1024, `read ${fs.bytesRead} bytes of ${size}`);
    assert.equal(fs.closed, fs.opened, 'every stream opened was closed');
  });

  it('stops early for xml and json too', async () => {
    const xml = write(root, 'big.xml', `<r>${'<s><a>1</a></s>\n'.repeat(200_000)}</r>`);
    const json = write(root, 'big.json', `[${Array.from({ length: 200_000 }, (_, i) => `{"i":${i}}`).join(',\n')}]`);
    for (const [file, format, recordPath] of [
      [xml, 'xml', 'r.s'],
      [json, 'json', '$'],
    ] as const) {
      const fs = countingFs();
      const reader = await open(root, source(file, format, { recordPath }), { fs, chunkSize: 16 * 1024 });
      let n = 0;
      for await (const _record of reader.records) if (++n === 100) break;
      assert.equal(n, 100);
      assert.ok(fs.bytesRead < 64 * 1024, `${format}: read ${fs.bytesRead} bytes`);
      assert.equal(fs.closed, fs.opened, `${format}: streams closed`);
    }
  });

  it('cancels through the signal with its reason, and closes the file', async () => {
    const fs = countingFs();
    const controller = new AbortController();
    const reader = await open(root, source('big.csv', 'csv'), { fs, signal: controller.signal, chunkSize: 64 * 1024 });
    const reason = new Error('user cancelled');
    let n = 0;
    await assert.rejects(async () => {
      for await (const _record of reader.records) {
        if (++n === 10) controller.abort(reason);
      }
    }, reason);
    assert.ok(n < 5000, `stopped after ${n} records`);
    assert.equal(fs.closed, fs.opened);
  });

  it('refuses to start when the signal is already aborted', async () => {
    const controller = new AbortController();
    controller.abort(new Error('too late'));
    await assert.rejects(() => open(root, source('big.csv', 'csv'), { signal: controller.signal }), /too late/);
  });

  it('still reports problems found before an early stop, and can be iterated only once', async () => {
    write(root, 'once.csv', 'a,b\n1\n2,3\n');
    const reader = await open(root, source('once.csv', 'csv'));
    for await (const _record of reader.records) break;
    assert.deepEqual(
      reader.problems.map((p) => p.code),
      ['E0031'],
    );
    assert.throws(() => reader.records[Symbol.asyncIterator](), /only once/);
  });

  it('surfaces a read error of the whole file as E0042 before memory grows (huge line)', async () => {
    const fs = countingFs();
    write(root, 'oneline.csv', `a\n${'x'.repeat(3 << 20)}\n`);
    await rejectsWith(
      () =>
        open(root, source('oneline.csv', 'csv'), { fs, chunkSize: 64 * 1024 }).then(async (r) => {
          for await (const _ of r.records);
        }),
      'E0042',
    );
    assert.ok(fs.bytesRead < (1 << 20) + (1 << 19), `read ${fs.bytesRead} bytes`);
  });
});
