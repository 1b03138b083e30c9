/**
 * The run commands of the built CLI (dist/cli.js) on workspaces copied to temp folders: run,
 * history, show (sections, results CSV, original file), sandbox reset, run --nightly, the store
 * setting and the completion hook. Exit codes: 0 fine, 1 failed or errors, 2 nothing ran.
 */
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { appendFileSync, existsSync, readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { copySamples, gradesWorkspace, repoRoot } from '../store/workspaces';

const cli = join(repoRoot, 'dist', 'cli.js');

function run(cwd: string, ...args: string[]) {
  assert.ok(existsSync(cli), 'dist/cli.js exists: run npm run build first');
  const r = spawnSync(process.execPath, [cli, ...args], {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1' },
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** The same, without blocking the event loop (a test's own http server must answer meanwhile). */
function runAsync(cwd: string, ...args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [cli, ...args], {
      cwd,
      env: { ...process.env, NO_COLOR: '1' },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

interface RunJson {
  run: { id: number; status: string; type: string; applied: { create: number; update: number; unchanged: number } };
  problems: { code: string }[];
}

describe('import-studio run', () => {
  test('runs an import against the store, prints the summary, and a second run finds everything unchanged', () => {
    const dir = copySamples();
    const first = run(dir, 'run', 'imports/term-grades.import.yaml');
    assert.equal(first.code, 0, first.stderr);
    assert.match(first.stdout, /^Run 1 {2}term-grades \(Term Grades 2024-2025\)$/m);
    assert.match(first.stdout, /status {3}Complete with issues/);
    assert.match(first.stdout, /records {2}444 created · 142 updated · 148 unchanged · 1 skipped, applied/);
    assert.match(first.stdout, /warning E0019/);
    assert.ok(existsSync(join(dir, '.importstudio', 'sandbox.db')));
    const second = run(dir, 'run', 'imports/term-grades.import.yaml', '--format', 'json');
    assert.equal(second.code, 0, second.stderr);
    const out = JSON.parse(second.stdout) as RunJson;
    assert.equal(out.run.id, 2);
    assert.deepEqual(out.run.applied, { create: 0, update: 0, unchanged: 734, skip: 1 });
  });

  test('a run stopped by the error threshold exits 1 with status Failed; --ignore-error-threshold applies', () => {
    const dir = gradesWorkspace({ students: 10, terms: 2, badDateEvery: 2, errorThreshold: 3 });
    const failed = run(dir, 'run', 'imports/grades.import.yaml', '--format', 'json');
    assert.equal(failed.code, 1);
    const out = JSON.parse(failed.stdout) as RunJson;
    assert.equal(out.run.status, 'Failed');
    assert.ok(out.problems.some((p) => p.code === 'E0037'));
    const ignored = run(dir, 'run', 'imports/grades.import.yaml', '--ignore-error-threshold', '--format', 'json');
    // Rows with errors still make it exit 1, but the valid rows are applied.
    assert.equal(ignored.code, 1);
    assert.equal((JSON.parse(ignored.stdout) as RunJson).run.applied.create, 10);
  });

  test('--creation-mode, --forms and --person are passed on; a bad mode is a usage error', () => {
    const dir = gradesWorkspace({ students: 4, terms: 2, existing: 4 });
    const r = run(
      dir,
      'run',
      'imports/grades.import.yaml',
      '--creation-mode',
      'doNotCreate',
      '--person',
      'P2',
      '--forms',
      'grades',
      '--format',
      'json',
    );
    assert.equal(r.code, 0, r.stderr);
    const out = JSON.parse(r.stdout) as RunJson & { run: { parameters: Record<string, unknown> } };
    assert.deepEqual(out.run.parameters, {
      config: 'imports/grades.import.yaml',
      forms: ['grades'],
      person: 'P2',
      creationMode: 'doNotCreate',
      ignoreErrorThreshold: false,
      errorThreshold: 500,
    });
    assert.deepEqual({ create: out.run.applied.create, update: out.run.applied.update }, { create: 0, update: 1 });
    const bad = run(dir, 'run', 'imports/grades.import.yaml', '--creation-mode', 'sometimes');
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /--creation-mode takes doNotCreate, createMissing or alwaysCreate/);
    assert.equal(run(dir, 'run').code, 2);
  });

  test('run --nightly runs the imports with automation.nightly on, in alias order, as automated runs', () => {
    const dir = copySamples();
    appendFileSync(join(dir, 'imports', 'iep-snapshot.import.yaml'), 'automation:\n  nightly: true\n');
    const r = run(dir, 'run', '--nightly', '--format', 'json');
    assert.equal(r.code, 0, r.stderr);
    const out = JSON.parse(r.stdout) as { runs: (RunJson & { run: { alias: string } })[] };
    assert.deepEqual(
      out.runs.map((x) => [x.run.alias, x.run.type]),
      [
        ['iep-snapshot', 'automated'],
        ['sis-nightly', 'automated'],
      ],
    );
  });
});

describe('import-studio history, show and sandbox reset', () => {
  test('history lists the runs; show gives the sections, the results CSV and the original file', () => {
    const dir = copySamples();
    assert.equal(run(dir, 'run', 'imports/term-grades.import.yaml').code, 0);
    assert.equal(run(dir, 'run', 'imports/iep-snapshot.import.yaml').code, 0);

    const history = run(dir, 'history');
    assert.equal(history.code, 0, history.stderr);
    assert.match(history.stdout, /Runs of the last 30 days/);
    assert.match(history.stdout, /^ {2}2 +\S+ \S+ +iep-snapshot +manual +Complete +38 +45 /m);
    assert.match(history.stdout, /^ {2}1 +\S+ \S+ +term-grades +manual +Complete with issues +444 +142 /m);
    const json = JSON.parse(run(dir, 'history', '--import', 'term-grades', '--format', 'json').stdout) as {
      runs: { id: number }[];
    };
    assert.deepEqual(
      json.runs.map((x) => x.id),
      [1],
    );

    const show = run(
      dir,
      'show',
      '1',
      '--cache',
      '--filter',
      'Winter',
      '--column',
      'Term',
      '--limit',
      '2',
      '--format',
      'json',
    );
    assert.equal(show.code, 0, show.stderr);
    const detail = JSON.parse(show.stdout) as { cache: { total: number; items: unknown[] }; run: { id: number } };
    assert.equal(detail.run.id, 1);
    assert.equal(detail.cache.total, 245);
    assert.equal(detail.cache.items.length, 2);

    const changes = run(dir, 'show', '1', '--changes', '--action', 'update', '--limit', '1');
    assert.match(changes.stdout, /Changed records \(1-1 of 142\)/);
    assert.match(changes.stdout, /^ {2}update R-\d+/m);

    const csv = join(dir, 'results.csv');
    const original = join(dir, 'original.csv');
    const files = run(dir, 'show', '1', '--results-csv', csv, '--original', original);
    assert.equal(files.code, 0, files.stderr);
    const lines = readFileSync(csv, 'utf8').trimEnd().split('\r\n');
    assert.equal(lines[0], 'LineNumber,ErrorCode,ErrorDescription,ErrorMessage,ErrorTime,Severity,File');
    assert.match(lines[1] ?? '', /^507,E0019,Record locked,"Row 454: .*",\d{4}-\d\d-\d\dT[\d:.]+Z,warning,sftp\//);
    assert.deepEqual(readFileSync(original), readFileSync(join(dir, 'sftp/grades/term_grades_2024-2025.csv')));

    const missing = run(dir, 'show', '99');
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /No run 99/);

    const reset = run(dir, 'sandbox', 'reset');
    assert.equal(reset.code, 0, reset.stderr);
    assert.match(
      reset.stdout,
      /Rebuilt .*sandbox\.db from sandbox\/people\.csv and sandbox\/records\.yaml: 380 people, 1,320 records/,
    );
    assert.match(run(dir, 'history').stdout, /No runs in the last 30 days/);
  });
});

describe('the store setting and the completion hook', () => {
  test('store.file puts the store where the workspace says; the hook command gets the run summary on stdin', () => {
    const dir = gradesWorkspace({
      students: 3,
      terms: 1,
      workspaceExtra: 'store:\n  file: data/grades.db\n  completionHook:\n    command: cat > hook.json\n',
    });
    const r = run(dir, 'run', 'imports/grades.import.yaml');
    assert.equal(r.code, 0, r.stderr);
    assert.ok(existsSync(join(dir, 'data', 'grades.db')));
    assert.ok(!existsSync(join(dir, '.importstudio')));
    const summary = JSON.parse(readFileSync(join(dir, 'hook.json'), 'utf8')) as { id: number; status: string };
    assert.deepEqual({ id: summary.id, status: summary.status }, { id: 1, status: 'Complete' });
  });

  test('the webhook gets the summary POSTed; a failing hook is a warning (E0047) and the run stands', async () => {
    const received: string[] = [];
    const server = createServer((req, res) => {
      let body = '';
      req.on('data', (d: Buffer) => (body += d.toString()));
      req.on('end', () => {
        received.push(`${req.method} ${req.headers['content-type']} ${body}`);
        res.end('ok');
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const port = (server.address() as { port: number }).port;
      const dir = gradesWorkspace({
        students: 2,
        terms: 1,
        workspaceExtra: `store:\n  completionHook:\n    webhook: http://127.0.0.1:${port}/done\n    command: exit 3\n`,
      });
      const r = await runAsync(dir, 'run', 'imports/grades.import.yaml');
      assert.equal(r.code, 0, r.stderr);
      assert.match(r.stderr, /E0047: Completion hook 'exit 3' exited with code 3/);
      assert.equal(received.length, 1);
      assert.match(received[0] ?? '', /^POST application\/json \{"id":1,"alias":"grades"/);
    } finally {
      server.close();
    }
  });

  test('without a hook nothing is called (off by default)', () => {
    const dir = gradesWorkspace({ students: 1, terms: 1 });
    const r = run(dir, 'run', 'imports/grades.import.yaml');
    assert.equal(r.code, 0, r.stderr);
    assert.doesNotMatch(r.stderr, /E0047/);
    assert.ok(!existsSync(join(dir, 'hook.json')));
  });
});
