/**
 * The built CLI (dist/cli.js) as a user runs it: exit codes, the file:line:col problem lines that
 * terminals and CI turn into links, and JSON for tools.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';

const root = join(import.meta.dirname, '..', '..');
const cli = join(root, 'dist', 'cli.js');

function run(...args: string[]): { code: number | null; stdout: string; stderr: string } {
  assert.ok(existsSync(cli), 'dist/cli.js exists: run npm run build first');
  const r = spawnSync(process.execPath, [cli, ...args], {
    cwd: root,
    encoding: 'utf8',
    maxBuffer: 64 << 20,
    env: { ...process.env, NO_COLOR: '1' },
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

test('validate: the sample workspace is clean and exits 0', () => {
  const r = run('validate', 'samples');
  assert.equal(r.code, 0, r.stdout + r.stderr);
  assert.match(r.stdout, /0 errors, 0 warnings/);
});

test('validate: the broken workspace exits 1 with file:line:col lines carrying codes', () => {
  const r = run('validate', 'samples/broken');
  assert.equal(r.code, 1);
  assert.match(
    r.stdout,
    /^ {2}imports\/bad-format\.import\.yaml:8:11 {2}error E0033 {2}source\.format: 'xls' is not allowed/m,
  );
  assert.match(r.stdout, /imports\/path-escape\.import\.yaml:\d+:\d+ {2}error E0027/);
});

test('validate --json gives the problems with their ranges', () => {
  const r = run('validate', 'samples/broken', '--json');
  assert.equal(r.code, 1);
  const out = JSON.parse(r.stdout) as { problems: { code: string; locations: { file: string; range?: unknown }[] }[] };
  const format = out.problems.find((p) => p.locations[0]?.file === 'imports/bad-format.import.yaml');
  assert.equal(format?.code, 'E0033');
  assert.deepEqual(format?.locations[0]?.range, { start: { line: 7, character: 10 }, end: { line: 7, character: 13 } });
});

test('dry-run prints the summary, the processed rows, the plan and the problems of a sample', () => {
  const r = run('dry-run', 'samples/imports/term-grades.import.yaml', '--rows', '3');
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /^Dry run term-grades \(Term Grades 2024-2025\)$/m);
  assert.match(r.stdout, /status {3}Complete with issues/);
  assert.match(r.stdout, /plan {5}report-card: 444 create · 142 update · 148 unchanged · 1 skip/);
  assert.match(r.stdout, /Processed rows \(first 3 of 735\)/);
  assert.match(r.stdout, /sftp\/grades\/term_grades_2024-2025\.csv:\d+:1 {2}warning E0019/);
});

test('dry-run --json is the engine result, whole and parseable', () => {
  const r = run('dry-run', 'samples/imports/assessments.import.yaml', '--json');
  assert.equal(r.code, 0, r.stderr);
  const result = JSON.parse(r.stdout) as { status: string; counts: { recordsRead: number; rowsProcessed: number } };
  assert.equal(result.status, 'Complete');
  assert.equal(result.counts.recordsRead, 327);
  assert.equal(result.counts.rowsProcessed, 860);
});

test('dry-run --limit stops after that many rows', () => {
  const r = run('dry-run', 'samples/imports/term-grades.import.yaml', '--limit', '10', '--json');
  const result = JSON.parse(r.stdout) as { counts: { rowsProcessed: number }; limited: boolean };
  assert.equal(result.counts.rowsProcessed, 10);
  assert.equal(result.limited, true);
});

test('dry-run of a broken import exits 1 and names the row, column, value and pattern of a bad date', () => {
  const r = run('dry-run', 'samples/broken/imports/iep-bad-dates.import.yaml', '--json');
  assert.equal(r.code, 1);
  const result = JSON.parse(r.stdout) as { problems: { code: string; message: string }[] };
  const bad = result.problems.find((p) => p.code === 'E0009');
  assert.ok(bad, 'an E0009 problem');
  assert.match(bad.message, /^Row \d+/);
  assert.match(bad.message, /yyyy-MM-dd|M\/d\/yyyy/);
});

test('usage errors exit 2 and say what is wrong', () => {
  assert.equal(run('frobnicate').code, 2);
  assert.equal(run('dry-run').code, 2);
  const limit = run('dry-run', 'samples/imports/term-grades.import.yaml', '--limit', 'ten');
  assert.equal(limit.code, 2);
  assert.match(limit.stderr, /--limit/);
  const missing = run('dry-run', 'samples/imports/nope.import.yaml');
  assert.equal(missing.code, 2);
  assert.match(missing.stderr, /No such file/);
  const outside = run('validate', '/');
  assert.equal(outside.code, 2);
  assert.match(outside.stderr, /No importstudio\.yaml/);
});

test('explain prints a catalog entry; an unknown code exits 2', () => {
  const r = run('explain', 'e0009');
  assert.equal(r.code, 0);
  assert.match(r.stdout, /^E0009: Unparseable date \(error, map stage\)/);
  assert.match(r.stdout, /Fix:/);
  assert.equal(run('explain', 'E9999').code, 2);
});

test('--format github writes one workflow annotation per problem, paths from the current folder', () => {
  const r = run('validate', 'samples/broken', '--format', 'github');
  assert.equal(r.code, 1);
  const lines = r.stdout.trim().split('\n');
  assert.ok(lines.length >= 18);
  assert.ok(
    lines.every((l) => /^::(error|warning|notice) file=samples\/broken\/[^,]+,line=\d+,col=\d+/.test(l)),
    r.stdout,
  );
  assert.ok(
    lines.includes(
      "::error file=samples/broken/imports/bad-format.import.yaml,line=8,col=11,title=E0033::E0033 source.format: 'xls' is not allowed; use one of csv, tsv, xml, json.",
    ),
  );
  assert.equal(run('validate', 'samples', '--format', 'yaml').code, 2);
});
