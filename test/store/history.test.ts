/**
 * The data the history, `show` and the VS Code dashboard read: runs of the last 30 days, a run's
 * problems, its import cache (filtered, paged), the records it changed, the original file and the
 * results CSV; and the store's own life (reset, an unreadable file, a holder in the same process).
 */
import assert from 'node:assert/strict';
import { appendFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { ProblemError } from '../../engine/src/errors/problem';
import { nodeFileSystem } from '../../engine/src/io/nodeFileSystem';
import { nightlyImports, runNightly } from '../../engine/src/execute/nightly';
import { resultsCsv } from '../../engine/src/execute/resultsCsv';
import { resetStore } from '../../engine/src/execute/seedStore';
import { openNodeStore, storeOwner } from '../../engine/src/store/nodeSqliteStore';
import { openWorkspace } from './storeHelpers';
import { copySamples, gradesWorkspace, tempDir } from './workspaces';

const DAY = 24 * 60 * 60 * 1000;

describe('history and run details', () => {
  test('runs of the last 30 days, newest first, with type, status, who, parameters and counts', async () => {
    const ws = await openWorkspace(copySamples());
    try {
      const old = new Date(Date.now() - 40 * DAY);
      await ws.run('iep-snapshot', { now: () => old });
      await ws.run('term-grades', { creationMode: 'doNotCreate' });
      await ws.run('sis-nightly', { type: 'automated' });
      const since = new Date(Date.now() - 30 * DAY).toISOString();
      const recent = await ws.store.runs({ since });
      assert.deepEqual(
        recent.map((r) => [r.alias, r.type, r.status]),
        [
          ['sis-nightly', 'automated', 'Complete with issues'],
          ['term-grades', 'manual', 'Complete with issues'],
        ],
      );
      const all = await ws.store.runs();
      assert.equal(all.length, 3);
      assert.equal(all[2]?.startedAt, old.toISOString());
      const grades = recent[1];
      assert.equal(grades?.parameters.creationMode, 'doNotCreate');
      assert.equal(grades?.parameters.config, 'imports/term-grades.import.yaml');
      assert.equal(grades?.counts?.rowsProcessed, 735);
      assert.equal(grades?.user, 'tester');
      assert.deepEqual(
        (await ws.store.runs({ alias: 'term-grades' })).map((r) => r.id),
        [grades?.id],
      );
    } finally {
      await ws.store.close();
    }
  });

  test("a run's problems, import cache (filter by text or column, pages) and changed records", async () => {
    const ws = await openWorkspace(copySamples());
    try {
      const { summary } = await ws.run('term-grades');
      const problems = await ws.store.problems(summary.id);
      assert.equal(problems.total, 1);
      assert.deepEqual(
        { code: problems.items[0]?.code, line: problems.items[0]?.line, file: problems.items[0]?.file },
        { code: 'E0019', line: 507, file: 'sftp/grades/term_grades_2024-2025.csv' },
      );

      const page = await ws.store.cache(summary.id, { offset: 10, limit: 5 });
      assert.equal(page.total, 735);
      assert.deepEqual(
        page.items.map((r) => r.row),
        [11, 12, 13, 14, 15],
      );
      assert.equal(page.columns[0], 'StudentID');
      const fall = await ws.store.cache(summary.id, { filter: 'FALL', column: 'Term', limit: 1000 });
      assert.equal(fall.total, 245);
      const term = fall.columns.indexOf('Term');
      assert.ok(fall.items.every((r) => r.values[term] === 'Fall'));
      const anywhere = await ws.store.cache(summary.id, { filter: 'Joaquín' });
      assert.ok(anywhere.total > 0 && anywhere.total < 735);
      assert.equal((await ws.store.cache(summary.id, { filter: 'x', column: 'NoSuchColumn' })).total, 0);

      const creates = await ws.store.changes(summary.id, { action: 'create', limit: 1000 });
      const updates = await ws.store.changes(summary.id, { action: 'update', limit: 1000 });
      assert.equal(creates.total, 444);
      assert.equal(updates.total, 142);
      const r107 = updates.items.find((c) => c.recordId === 'R-00107');
      assert.deepEqual(
        r107?.fields.find((f) => f.field === 'mathGrade'),
        { field: 'mathGrade', before: 'C', after: 'B', changed: true },
      );
      assert.ok(updates.items.every((c) => c.fields.every((f) => f.changed)));
    } finally {
      await ws.store.close();
    }
  });

  test('the original file and the results CSV (line, code, description, message, time)', async () => {
    const dir = copySamples();
    const ws = await openWorkspace(dir);
    try {
      const { summary } = await ws.run('term-grades');
      const file = await ws.store.file(summary.id);
      assert.equal(file?.name, 'grades/term_grades_2024-2025.csv');
      assert.deepEqual(
        Buffer.from(file?.bytes ?? []),
        readFileSync(join(dir, 'sftp/grades/term_grades_2024-2025.csv')),
      );
      const run = await ws.store.run(summary.id);
      assert.ok(run);
      const csv = resultsCsv(run, (await ws.store.problems(summary.id)).items).split('\r\n');
      assert.equal(csv[0], 'LineNumber,ErrorCode,ErrorDescription,ErrorMessage,ErrorTime,Severity,File');
      assert.equal(
        csv[1],
        `507,E0019,Record locked,"Row 454: record R-00100 of person P10007 (form report-card, key 'Fall') is locked.",${run.finishedAt},warning,sftp/grades/term_grades_2024-2025.csv`,
      );
    } finally {
      await ws.store.close();
    }
  });

  test("a run keeps every problem of a code for its results file, past the dry run's 100", async () => {
    // 300 rows with a bad date: a dry run keeps the first 100 E0009 problems, a run all 300.
    const ws = await openWorkspace(gradesWorkspace({ students: 300, terms: 2, badDateEvery: 2 }));
    try {
      const { summary } = await ws.run('grades');
      assert.equal(summary.problemTotals.E0009, 300);
      const problems = await ws.store.problems(summary.id, { limit: 1000 });
      assert.equal(problems.total, 300);
      const lines = resultsCsv(summary, problems.items).trimEnd().split('\r\n');
      assert.equal(lines.length, 1 + 300);
      assert.ok(lines.slice(1).every((l) => /^\d+,E0009,/.test(l)));
      assert.ok(!lines.some((l) => l.includes('more E0009 problems')));
    } finally {
      await ws.store.close();
    }
  });

  test('the results CSV says how many problems of a code were found past the kept ones', async () => {
    const ws = await openWorkspace(gradesWorkspace({ students: 300, terms: 2, badDateEvery: 2 }));
    try {
      const { summary } = await ws.run('grades');
      const problems = await ws.store.problems(summary.id, { limit: 1000 });
      // As if the run had kept only its first 100 (RUN_PROBLEMS_PER_CODE bounds a larger file).
      const lines = resultsCsv(summary, problems.items.slice(0, 100)).trimEnd().split('\r\n');
      assert.equal(lines.length, 1 + 100 + 1);
      assert.match(lines[101] ?? '', /^,E0009,.*200 more E0009 problems were found/);
    } finally {
      await ws.store.close();
    }
  });
});

describe('nightly', () => {
  test('the batch is queued Pending, then each import runs in alias order as an automated run', async () => {
    const dir = copySamples();
    appendFileSync(join(dir, 'imports', 'term-grades.import.yaml'), 'automation:\n  nightly: true\n');
    const ws = await openWorkspace(dir);
    try {
      assert.deepEqual(
        nightlyImports(ws.workspace).map((d) => d.value?.alias),
        ['sis-nightly', 'term-grades'],
      );
      const seen: string[][] = [];
      const done = await runNightly(nodeFileSystem, ws.store, ws.workspace, {
        user: 'cron',
        onRun: async () => {
          seen.push((await ws.store.runs()).map((r) => `${r.alias} ${r.status}`));
        },
      });
      assert.deepEqual(seen[0], ['term-grades Pending', 'sis-nightly Complete with issues']);
      assert.deepEqual(
        done.map((d) => [d.run.summary.alias, d.run.summary.type, d.run.summary.user]),
        [
          ['sis-nightly', 'automated', 'cron'],
          ['term-grades', 'automated', 'cron'],
        ],
      );
    } finally {
      await ws.store.close();
    }
  });
});

describe('the store itself', () => {
  test('sandbox reset rebuilds people and records from the fixtures and empties the history', async () => {
    const ws = await openWorkspace(copySamples());
    try {
      await ws.run('term-grades');
      assert.equal((await ws.store.records()).length, 1320 + 444);
      await resetStore(ws.store, ws.workspace, new Date().toISOString());
      assert.equal((await ws.store.records()).length, 1320);
      assert.equal((await ws.store.people()).length, 380);
      assert.deepEqual(await ws.store.runs(), []);
      // The same run plans the same again.
      const { summary } = await ws.run('term-grades');
      assert.equal(summary.applied.create, 444);
    } finally {
      await ws.store.close();
    }
  });

  test('a file that is not a store is refused with E0045, and leaves no owner behind', async () => {
    const file = join(tempDir('garbage'), 'sandbox.db');
    writeFileSync(
      file,
      'this is not an SQLite database, just text that is long enough to look like a header'.repeat(20),
    );
    await assert.rejects(
      openNodeStore(file, { purpose: 'test' }),
      (error: unknown) => error instanceof ProblemError && error.problem.code === 'E0045',
    );
    assert.equal(storeOwner(file), undefined);
  });

  test('a second open while the store is held is refused with E0044 naming the holder, then works once it is closed', async () => {
    const file = join(tempDir('held'), 'sandbox.db');
    const first = await openNodeStore(file, { purpose: 'import-studio run term-grades' });
    try {
      assert.equal(storeOwner(file)?.purpose, 'import-studio run term-grades');
      await assert.rejects(openNodeStore(file, { purpose: 'second' }), (error: unknown) => {
        assert.ok(error instanceof ProblemError);
        assert.equal(error.problem.code, 'E0044');
        assert.match(error.problem.message, /in use by 'import-studio run term-grades' \(pid \d+\)/);
        return true;
      });
    } finally {
      await first.store.close();
    }
    assert.equal(storeOwner(file), undefined);
    const second = await openNodeStore(file, { purpose: 'second' });
    await second.store.close();
  });

  test('a reader waits for the holder to let go (waitMs) instead of failing at once', async () => {
    const file = join(tempDir('wait'), 'sandbox.db');
    const first = await openNodeStore(file, { purpose: 'first' });
    const closing = new Promise<void>((resolve) => setTimeout(() => resolve(first.store.close()), 300));
    const started = Date.now();
    const second = await openNodeStore(file, { purpose: 'reader', waitMs: 5000 });
    assert.ok(Date.now() - started >= 250);
    await closing;
    await second.store.close();
  });
});
