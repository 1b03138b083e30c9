/**
 * The CLI's entry (cli/src/launch.ts, dist/cli.js) and its V8 code cache, on a copy of the built
 * CLI in a temp folder: the command's output never depends on the cache, a cache is written when
 * there is none, and a cache made for other bytes or a damaged one is replaced, not used.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';

const root = join(import.meta.dirname, '..', '..');

function copyCli(): string {
  assert.ok(existsSync(join(root, 'dist', 'cli-main.js')), 'dist/ is built: run npm run build first');
  const dir = mkdtempSync(join(tmpdir(), 'import-studio-launch-'));
  for (const file of ['cli.js', 'cli-main.js']) copyFileSync(join(root, 'dist', file), join(dir, file));
  return dir;
}

function run(dir: string, ...args: string[]): { code: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [join(dir, 'cli.js'), ...args], {
    cwd: root,
    encoding: 'utf8',
    maxBuffer: 64 << 20,
    env: { ...process.env, NO_COLOR: '1' },
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

function bundleHash(dir: string): Buffer {
  return createHash('sha256')
    .update(readFileSync(join(dir, 'cli-main.js'), 'utf8'))
    .digest();
}

/** Whether a cache file holds the bundle's hash and data that match their own hash. */
function intact(file: Buffer, dir: string): boolean {
  const data = file.subarray(64);
  return (
    file.subarray(0, 32).equals(bundleHash(dir)) &&
    file.subarray(32, 64).equals(createHash('sha256').update(data).digest()) &&
    data.length > 0
  );
}

test('the CLI writes its code cache when it has none, tied to the bundle, and answers the same with it', () => {
  const dir = copyCli();
  const cache = join(dir, 'cli-main.js.v8cache');
  const first = run(dir, 'dry-run', 'samples/imports/term-grades.import.yaml', '--json');
  assert.equal(first.stderr, '');
  assert.ok(existsSync(cache), 'a cache was written');
  const written = readFileSync(cache);
  assert.ok(intact(written, dir), 'the cache starts with the bundle hash and its data hash');
  assert.ok(written.length > 100_000, `the cache holds compiled code (${written.length} bytes)`);

  const second = run(dir, 'dry-run', 'samples/imports/term-grades.import.yaml', '--json');
  assert.equal(second.code, first.code);
  const withoutTimes = (text: string) => JSON.stringify({ ...JSON.parse(text), timings: undefined });
  assert.equal(withoutTimes(second.stdout), withoutTimes(first.stdout));
  assert.ok(readFileSync(cache).equals(written), 'a usable cache is left as it is');
});

test('a cache made for other bytes, or a damaged one, is replaced and does not change the answer', () => {
  const dir = copyCli();
  const cache = join(dir, 'cli-main.js.v8cache');
  const expected = run(dir, '--version');
  assert.equal(expected.code, 0);
  const good = readFileSync(cache);

  // Another build's cache: a different hash in front of otherwise valid data.
  writeFileSync(cache, Buffer.concat([Buffer.alloc(32, 7), good.subarray(32)]));
  const other = run(dir, '--version');
  assert.deepEqual(other, expected);
  assert.ok(intact(readFileSync(cache), dir), 'rewritten for this bundle');

  // Damaged data behind the right source hash (V8, given such data, aborts the process: its own
  // checks cover versions and flags, not the data): not given to V8, and rewritten.
  const damaged = Buffer.from(good);
  for (let i = 64 + 32; i < damaged.length; i += 97) damaged[i] = (damaged[i] ?? 0) ^ 0xff;
  writeFileSync(cache, damaged);
  const afterDamage = run(dir, '--version');
  assert.deepEqual(afterDamage, expected);
  const replaced = readFileSync(cache);
  assert.ok(!replaced.equals(damaged) && intact(replaced, dir), 'the damaged cache was replaced by an intact one');

  // A cache of nothing but a hash.
  writeFileSync(cache, bundleHash(dir));
  assert.deepEqual(run(dir, '--version'), expected);
  // A cache cut short (a full disk, say).
  writeFileSync(cache, good.subarray(0, good.length >> 1));
  assert.deepEqual(run(dir, '--version'), expected);
});
