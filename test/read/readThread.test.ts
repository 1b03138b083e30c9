/**
 * Reading csv and tsv on a second thread (read/readThread.ts, the Node adapter io/nodeReadThread.ts):
 * a real worker_threads Worker running the reading thread's entry, bundled by esbuild as the product
 * bundles it. Whatever a file holds, the records, problems and errors must be the ones the same
 * file gives when read in one thread; stopping early, aborting and the overlay's unsaved text must
 * stop the thread or keep the file off it.
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { ProblemError } from '../../engine/src/errors/problem';
import { nodeFileSystem } from '../../engine/src/io/nodeFileSystem';
import { nodeReadThread } from '../../engine/src/io/nodeReadThread';
import { dryRunWorkspaceImport } from '../../engine/src/run/dryRunWorkspaceImport';
import { loadWorkspace } from '../../engine/src/workspace/loadWorkspace';
import { generate } from '../../scripts/generate-large';
import type { SourceReader } from '../../engine/src/read/sourceRecord';
import { createOverlayFileSystem, mapOverlay } from '../../server/src/service/overlayFileSystem';
import { open, plain, source, tempRoot, write } from './helpers';
import { bundledWorker, countedThreads } from './threadHelpers';

const worker = bundledWorker();

interface Read {
  headers: readonly string[] | undefined;
  records: { index: number; line: number; value: Record<string, unknown>; cells: readonly string[] | undefined }[];
  problems: unknown[];
}

async function drain(reader: SourceReader): Promise<Read> {
  const records: Read['records'] = [];
  for await (const r of reader.records) {
    records.push({ index: r.index, line: r.line, value: plain(r.value) as Record<string, unknown>, cells: r.cells });
  }
  return { headers: reader.headers, records, problems: reader.problems };
}

/** Reads in one thread and on a thread; returns both outcomes (records, or the ProblemError's problem). */
async function both(root: string, file: string, format: 'csv' | 'tsv', extra: Parameters<typeof open>[2] = {}) {
  const outcome = async (onThread: boolean) => {
    try {
      const threads = countedThreads(worker);
      const reader = await open(root, source(file, format), {
        ...extra,
        ...(onThread ? { readThread: threads.start, offThreadBytes: 0 } : {}),
      });
      const read = await drain(reader);
      if (onThread) assert.equal(threads.answered, 1, 'read on a thread');
      return read;
    } catch (error) {
      if (error instanceof ProblemError) return { error: error.problem };
      throw error;
    }
  };
  return { inThread: await outcome(false), onThread: await outcome(true) };
}

const root = tempRoot();

/** ~2,000 rows mixing every quoting case, so that rows cross chunk and message boundaries. */
function mixedCsv(rows: number, newline = '\n'): string {
  const lines = ['id,name,note,amount'];
  for (let i = 1; i <= rows; i++) {
    const note = i % 7 === 0 ? '"two\nlines"' : i % 5 === 0 ? '"said ""hi"", twice"' : i % 3 === 0 ? '' : `plain ${i}`;
    lines.push(`${i},Name ${i} é,${note},${(i * 1.5).toFixed(1)}${i % 11 === 0 ? ',extra' : ''}`);
    if (i % 13 === 0) lines.push('');
  }
  return lines.join(newline) + newline;
}

describe('reading on a second thread', () => {
  it('gives the records, lines, cells and problems of a one-thread read, across chunk boundaries', async () => {
    for (const [name, text, format] of [
      ['mixed.csv', mixedCsv(2000), 'csv'],
      ['mixed-crlf.csv', mixedCsv(500, '\r\n'), 'csv'],
      ['tabs.tsv', 'a\tb\n1\t"x\ty"\n2\tz\n', 'tsv'],
      ['nofinal.csv', 'a,b\n1,2', 'csv'],
    ] as const) {
      write(root, name, text);
      const { inThread, onThread } = await both(root, name, format, { chunkSize: 1024 });
      assert.ok('records' in inThread && inThread.records.length > 0, name);
      assert.deepEqual(onThread, inThread, name);
    }
  });

  it('decodes as one thread does: a BOM, utf-16 and windows-1252', async () => {
    write(root, 'bom.csv', '\uFEFFa,b\n1,2\n');
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('a,b\nü,2\n', 'utf16le')]);
    write(root, 'utf16.csv', utf16);
    write(root, 'latin.csv', Buffer.from([0x61, 0x2c, 0x62, 0x0a, 0xe9, 0x2c, 0x32, 0x0a]));
    for (const [name, encoding] of [
      ['bom.csv', undefined],
      ['utf16.csv', 'utf-16le'],
      ['latin.csv', 'windows-1252'],
    ] as const) {
      const extra = encoding ? { encoding } : {};
      const threads = countedThreads(worker);
      const read = async (onThread: boolean) => {
        const reader = await open(
          root,
          source(name, 'csv', extra),
          onThread ? { readThread: threads.start, offThreadBytes: 0 } : {},
        );
        return drain(reader);
      };
      assert.deepEqual(await read(true), await read(false), name);
      assert.equal(threads.answered, 1, `${name} read on a thread`);
    }
  });

  it('ends with the same problem as one thread for files that cannot be read', async () => {
    const cases: [string, string | Uint8Array, string][] = [
      ['unclosed.csv', 'a,b\n1,2\n3,"never\nclosed\n', 'E0015'],
      ['badquote.csv', 'a,b\n1,2\n3,"ab"cd\n4,5\n', 'E0015'],
      ['dup.csv', 'ID,Notes,Name,Notes\n1,a,b,c\n', 'E0003'],
      ['blank.csv', '\n\n\n', 'E0006'],
      ['long.csv', `a,b\n1,2\n${'x'.repeat(5000)},y\n3,4\n`, 'E0042'],
      ['invalid.csv', Buffer.from([0x61, 0x2c, 0x62, 0x0a, 0xff, 0xfe, 0x2c, 0x32, 0x0a]), 'E0026'],
    ];
    for (const [name, content, code] of cases) {
      write(root, name, content);
      const { inThread, onThread } = await both(root, name, 'csv', { limits: { maxLineChars: 1000 }, chunkSize: 256 });
      assert.ok('error' in inThread && inThread.error.code === code, `${name}: ${JSON.stringify(inThread)}`);
      assert.deepEqual(onThread, inThread, name);
    }
  });

  it('stops the thread when the reader leaves early', async () => {
    write(root, 'early.csv', mixedCsv(20_000));
    const threads = countedThreads(worker);
    const reader = await open(root, source('early.csv', 'csv'), { readThread: threads.start, offThreadBytes: 0 });
    let seen = 0;
    for await (const record of reader.records) {
      seen = record.index;
      if (seen === 10) break;
    }
    assert.equal(seen, 10);
    assert.equal(await threads.exited(), 1);
  });

  it('rejects the pending read with the abort reason and stops the thread', async () => {
    write(root, 'abort.csv', mixedCsv(20_000));
    const threads = countedThreads(worker);
    const controller = new AbortController();
    const reader = await open(root, source('abort.csv', 'csv'), {
      readThread: threads.start,
      offThreadBytes: 0,
      signal: controller.signal,
    });
    const reason = new Error('stop now');
    await assert.rejects(async () => {
      for await (const record of reader.records) if (record.index === 100) controller.abort(reason);
    }, reason);
    assert.equal(await threads.exited(), 1);
  });

  it("runs the caller's preparation while the thread starts, once, and never for a read in one thread", async () => {
    write(root, 'meanwhile.csv', mixedCsv(500));
    const threads = countedThreads(worker);
    const calls: number[] = [];
    const reader = await open(root, source('meanwhile.csv', 'csv'), {
      readThread: threads.start,
      offThreadBytes: 0,
      // The thread has been started (and asked to read) but has not answered yet.
      meanwhile: () => calls.push(threads.started * 10 + threads.answered),
    });
    assert.deepEqual(calls, [10]);
    assert.equal((await drain(reader)).records.length, 500);
    assert.deepEqual(calls, [10]);

    const inOneThread: number[] = [];
    await drain(await open(root, source('meanwhile.csv', 'csv'), { meanwhile: () => inOneThread.push(1) }));
    assert.deepEqual(inOneThread, []);
  });

  it('reads in this thread when the reading thread cannot start (its script missing)', async () => {
    write(root, 'fallback.csv', mixedCsv(300));
    const broken = nodeReadThread(join(root, 'no-such-readWorker.js'));
    const onBroken = await drain(
      await open(root, source('fallback.csv', 'csv'), { readThread: broken, offThreadBytes: 0 }),
    );
    const here = await drain(await open(root, source('fallback.csv', 'csv')));
    assert.equal(onBroken.records.length, 300);
    assert.deepEqual(onBroken, here);
  });

  it('reads in this thread a file below the size bound, or one an editor holds unsaved text for', async () => {
    write(root, 'small.csv', 'a,b\n1,2\n');
    const small = countedThreads(worker);
    await drain(await open(root, source('small.csv', 'csv'), { readThread: small.start }));
    assert.equal(small.started, 0);

    write(root, 'open.csv', 'a,b\n1,2\n');
    const overlaid = createOverlayFileSystem(nodeFileSystem, mapOverlay(new Map([[`${root}/open.csv`, 'a,b\n3,4\n']])));
    const edited = countedThreads(worker);
    const read = await drain(
      await open(root, source('open.csv', 'csv'), { fs: overlaid, readThread: edited.start, offThreadBytes: 0 }),
    );
    assert.equal(edited.started, 0);
    assert.deepEqual(read.records[0]?.value, { a: '3', b: '4' });

    // The same overlay, for a file it does not hold: read from disk, on the thread.
    const plainFile = countedThreads(worker);
    const fromDisk = await drain(
      await open(root, source('small.csv', 'csv'), { fs: overlaid, readThread: plainFile.start, offThreadBytes: 0 }),
    );
    assert.equal(plainFile.answered, 1);
    assert.deepEqual(fromDisk.records[0]?.value, { a: '1', b: '2' });
  });
});

describe('a dry run with a reading thread', () => {
  it('gives the result a one-thread run gives, and previews of few rows stay in one thread', async () => {
    const folder = join(root, 'big');
    // ~9.5 MB: over the 8 MiB bound from which a file is read on the thread.
    await generate({
      kind: 'csv',
      count: 100_000,
      out: join(folder, 'students.csv'),
      seed: 3,
      people: 2_000,
      errorRate: 0.01,
    });
    const workspace = await loadWorkspace(nodeFileSystem, folder);
    const importDoc = workspace.imports[0];
    assert.ok(importDoc);
    const threads = countedThreads(worker);
    const withoutThread = await dryRunWorkspaceImport(nodeFileSystem, workspace, importDoc);
    const withThread = await dryRunWorkspaceImport(nodeFileSystem, workspace, importDoc, { readThread: threads.start });
    assert.equal(threads.answered, 1);
    assert.ok(withoutThread.ok && withThread.ok);
    const { timings: _a, ...one } = withoutThread.result;
    const { timings: _b, ...two } = withThread.result;
    assert.equal(one.counts.rowsProcessed, 100_000);
    assert.ok((one.problemTotals.E0009 ?? 0) > 0, 'the file has data errors to compare');
    assert.deepEqual(two, one);

    // With the reading thread checking every row's mapped cells (map/rowChecks.ts), the dry run's
    // thread validates only the rows it keeps values of and the rows that failed a check.
    const checking = countedThreads(worker, { checkAlways: true });
    const checked = await dryRunWorkspaceImport(nodeFileSystem, workspace, importDoc, { readThread: checking.start });
    assert.ok(checked.ok);
    assert.ok(checking.checkedRows > 90_000, `rows checked on the thread: ${checking.checkedRows}`);
    const { timings: _c, ...three } = checked.result;
    assert.deepEqual(three, one);

    const preview = await dryRunWorkspaceImport(nodeFileSystem, workspace, importDoc, {
      readThread: threads.start,
      limit: 100,
    });
    assert.ok(preview.ok && preview.result.counts.rowsProcessed === 100);
    assert.equal(threads.started, 1, 'no thread for a 100-row preview');
  });
});
