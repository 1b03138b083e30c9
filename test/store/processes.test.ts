/**
 * The store under real processes (the built CLI, dist/cli.js): a run killed with SIGKILL in the
 * middle of applying its plan, and two runs of the same import at once.
 */
import assert from 'node:assert/strict';
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { openNodeStore, storeOwner } from '../../engine/src/store/nodeSqliteStore';
import { repoRoot, gradesWorkspace } from './workspaces';

const cli = join(repoRoot, 'dist', 'cli.js');

interface Child {
  process: ChildProcess;
  stdout: string;
  stderr: string;
  exit: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** Resolves with the first stderr line matching `pattern`. */
  waitFor(pattern: RegExp): Promise<RegExpMatchArray>;
}

function start(cwd: string, ...args: string[]): Child {
  assert.ok(existsSync(cli), 'dist/cli.js exists: run npm run build first');
  const proc = spawn(process.execPath, [cli, ...args], { cwd, env: { ...process.env, NO_COLOR: '1' } });
  const child: Child = {
    process: proc,
    stdout: '',
    stderr: '',
    exit: new Promise((resolve) => proc.on('exit', (code, signal) => resolve({ code, signal }))),
    waitFor(pattern) {
      return new Promise((resolve, reject) => {
        const check = () => {
          for (const line of child.stderr.split('\n')) {
            const m = line.match(pattern);
            if (m) {
              proc.stderr?.off('data', check);
              resolve(m);
              return;
            }
          }
        };
        proc.stderr?.on('data', check);
        proc.on('exit', () => reject(new Error(`exited before ${pattern}: ${child.stderr}`)));
        check();
      });
    },
  };
  proc.stdout?.on('data', (d: Buffer) => {
    child.stdout += d.toString();
  });
  proc.stderr?.on('data', (d: Buffer) => {
    child.stderr += d.toString();
  });
  return child;
}

function runCli(cwd: string, ...args: string[]) {
  const r = spawnSync(process.execPath, [cli, ...args], {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1' },
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('a run killed in the middle of applying', () => {
  test('SIGKILL mid-apply: nothing of the run is applied, the run ends Failed (E0046), the next run applies all', async () => {
    // 1,000 students x 100 terms: a plan of 100,000 writes (1,000 updates of existing records, 99,000 creates).
    const dir = gradesWorkspace({ students: 1000, terms: 100, existing: 1000 });
    assert.equal(runCli(dir, 'sandbox', 'reset').code, 0);

    const child = start(dir, 'run', 'imports/grades.import.yaml', '--progress');
    const [, done, total] = await child.waitFor(/^applying: ([\d,]+) of ([\d,]+) records/);
    // The first progress line inside the apply loop (after its first chunk), long before the end.
    assert.equal(total, '100,000');
    const applied = Number(done?.replaceAll(',', ''));
    child.process.kill('SIGKILL');
    const { signal } = await child.exit;
    assert.equal(signal, 'SIGKILL', 'the run was killed, not finished');
    assert.ok(applied < 100_000, `killed after ${applied} writes`);

    // The dead process left its owner file behind, but a dead holder is not reported as holding the store.
    const file = join(dir, '.importstudio', 'sandbox.db');
    assert.ok(existsSync(`${file}.owner`));
    assert.equal(storeOwner(file), undefined);
    // Reopening recovers: the dead run's writes are gone and the run is no longer Running.
    const { store, recovered } = await openNodeStore(file, { purpose: 'test' });
    try {
      assert.equal(recovered.length, 1);
      const runId = recovered[0] as number;
      const run = await store.run(runId);
      assert.equal(run?.status, 'Failed');
      assert.equal(run?.problemTotals.E0046, 1);
      assert.match(run?.message ?? '', /interrupted before it committed/);
      const records = await store.records();
      assert.equal(records.length, 1000);
      assert.ok(records.every((r) => r.values.note === 'old'));
      assert.equal((await store.changes(runId)).total, 0);
      assert.equal((await store.cache(runId)).total, 0);
      assert.deepEqual(
        (await store.runs()).filter((r) => r.status === 'Running' || r.status === 'Pending'),
        [],
      );
    } finally {
      await store.close();
    }

    const again = runCli(dir, 'run', 'imports/grades.import.yaml', '--format', 'json');
    assert.equal(again.code, 0, again.stderr);
    const out = JSON.parse(again.stdout) as { run: { applied: { create: number; update: number } } };
    assert.deepEqual(
      { create: out.run.applied.create, update: out.run.applied.update },
      { create: 99_000, update: 1000 },
    );
  });
});

describe('two runs at once', () => {
  test('the second run of the same import is refused (E0044, exit 2) while the first one runs; nothing is corrupted', async () => {
    const dir = gradesWorkspace({ students: 400, terms: 100 });
    assert.equal(runCli(dir, 'sandbox', 'reset').code, 0);

    const first = start(dir, 'run', 'imports/grades.import.yaml', '--progress');
    await first.waitFor(/^planning: /);
    const second = runCli(dir, 'run', 'imports/grades.import.yaml');
    assert.equal(second.code, 2);
    assert.match(second.stderr, /E0044: The store .*sandbox\.db is in use by 'import-studio run grades' \(pid \d+\)/);
    // A reader waits for the run to finish instead of failing.
    const history = start(dir, 'history', '--format', 'json');
    const [firstExit, historyExit] = await Promise.all([first.exit, history.exit]);
    assert.equal(firstExit.code, 0, first.stderr);
    assert.equal(historyExit.code, 0, history.stderr);
    const listed = JSON.parse(history.stdout) as { runs: { status: string; applied: { create: number } }[] };
    assert.equal(listed.runs.length, 1, 'the refused run left no trace');
    assert.equal(listed.runs[0]?.applied.create, 40_000);

    // Run again now: it plans against the first run's writes, so everything comes out unchanged.
    const third = runCli(dir, 'run', 'imports/grades.import.yaml', '--format', 'json');
    assert.equal(third.code, 0, third.stderr);
    const out = JSON.parse(third.stdout) as { run: { applied: { create: number; unchanged: number } } };
    assert.deepEqual(
      { create: out.run.applied.create, unchanged: out.run.applied.unchanged },
      { create: 0, unchanged: 40_000 },
    );
  });
});
