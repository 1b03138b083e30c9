/**
 * Execution and monitoring over the real protocol, against the real store on disk: previewRun
 * gives the counts a confirmation shows, executeRun applies them in one run (a second run of the
 * same file changes nothing), listRuns and runDetails read the history back, runResults gives the
 * results CSV and the original file, and a store held by another process is refused with E0044.
 */
import assert from 'node:assert/strict';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { pathToFileURL } from 'node:url';
import { openNodeStore } from '../../engine/src/store/nodeSqliteStore';
import {
  type ExecuteRunResponse,
  executeRunMethod,
  type ListRunsResponse,
  listRunsMethod,
  type PreviewRunResponse,
  previewRunMethod,
  type RunDetailsResponse,
  runDetailsMethod,
  type RunResultsResponse,
  runResultsMethod,
} from '../../server/src/service/requests';
import { startServer, type TestClient } from './lspClient';

const repo = join(import.meta.dirname, '..', '..');
const temp = mkdtempSync(join(tmpdir(), 'lsp-runs-'));
const samples = join(temp, 'samples');
const uriOf = (path: string) => pathToFileURL(path).href;
const config = uriOf(join(samples, 'imports', 'term-grades.import.yaml'));
let client: TestClient;

before(async () => {
  cpSync(join(repo, 'samples'), samples, { recursive: true });
  client = await startServer(uriOf(samples));
});

after(async () => {
  await client.stop();
  rmSync(temp, { recursive: true, force: true });
});

const request = <T>(method: string, params: object) => client.connection.sendRequest<T>(method, params);

test('the history of a workspace that never ran is empty, and reading it creates no store', async () => {
  const list = await request<ListRunsResponse>(listRunsMethod, { uri: uriOf(samples) });
  assert.ok(list.ok, JSON.stringify(list));
  assert.deepEqual(list.runs, []);
  assert.ok(!existsSync(join(samples, '.importstudio')), 'no store was created');
});

test('previewRun counts what a run would do, and creates and seeds the store', async () => {
  const preview = await request<PreviewRunResponse>(previewRunMethod, { uri: config });
  assert.ok(preview.ok, JSON.stringify(preview));
  assert.equal(preview.alias, 'term-grades');
  assert.equal(preview.store, '.importstudio/sandbox.db');
  assert.ok(existsSync(join(samples, '.importstudio', 'sandbox.db')));
  assert.ok(preview.plan.create > 0 && preview.plan.update > 0, JSON.stringify(preview.plan));
  assert.equal(preview.counts.rowsProcessed, 735);
});

test('executeRun applies the previewed plan; a second run of the same file changes nothing', async () => {
  const preview = await request<PreviewRunResponse>(previewRunMethod, { uri: config });
  assert.ok(preview.ok);
  const first = await request<ExecuteRunResponse>(executeRunMethod, { uri: config });
  assert.ok(first.ok, JSON.stringify(first));
  assert.equal(first.run.status, 'Complete with issues');
  assert.deepEqual(first.run.applied, preview.plan);
  assert.equal(first.run.recordsChanged, preview.plan.create + preview.plan.update);
  assert.match(first.run.user, /VS Code/);

  const second = await request<ExecuteRunResponse>(executeRunMethod, { uri: config });
  assert.ok(second.ok, JSON.stringify(second));
  assert.equal(second.run.recordsChanged, 0);
  assert.equal(second.run.applied.create, 0);
  assert.equal(second.run.applied.update, 0);
  assert.equal(second.run.id, first.run.id + 1);
});

test('listRuns and runDetails read the history back, newest first, with problems, cache and changes', async () => {
  const list = await request<ListRunsResponse>(listRunsMethod, { uri: uriOf(samples) });
  assert.ok(list.ok, JSON.stringify(list));
  assert.ok(list.runs.length >= 2);
  const [newest, older] = list.runs;
  assert.ok(newest && older && newest.id > older.id, 'newest first');
  const details = await request<RunDetailsResponse>(runDetailsMethod, {
    uri: uriOf(samples),
    runId: older.id,
    cache: { limit: 10, filter: 'Winter' },
    changes: { limit: 5, action: 'create' },
  });
  assert.ok(details.ok, JSON.stringify(details));
  assert.equal(details.run.id, older.id);
  assert.ok(
    details.problems.items.some((p) => p.code === 'E0019'),
    'the locked record is a problem of the run',
  );
  assert.equal(details.cache.items.length, 10);
  assert.ok(
    details.cache.total > 10 && details.cache.total < 735,
    `the filter keeps Winter rows: ${details.cache.total}`,
  );
  const term = details.cache.columns.indexOf('Term');
  assert.ok(details.cache.items.every((r) => r.values[term] === 'Winter'));
  assert.ok(details.changes.items.every((c) => c.action === 'create'));
  assert.equal(details.changes.total, older.applied.create);
  assert.ok(details.changes.items[0]?.fields.some((f) => f.changed));
});

test('runResults gives the results CSV and the original file as it was read', async () => {
  const list = await request<ListRunsResponse>(listRunsMethod, { uri: uriOf(samples) });
  assert.ok(list.ok);
  const run = list.runs.at(-1)!;
  const results = await request<RunResultsResponse>(runResultsMethod, { uri: uriOf(samples), runId: run.id });
  assert.ok(results.ok, JSON.stringify(results));
  const [header, ...lines] = results.csv.trim().split(/\r?\n/);
  assert.match(header ?? '', /^LineNumber,ErrorCode,ErrorDescription,ErrorMessage,ErrorTime/);
  assert.ok(lines.some((l) => l.includes('E0019')));
  const original = readFileSync(join(samples, 'sftp', 'grades', 'term_grades_2024-2025.csv'));
  assert.ok(results.original);
  assert.ok(Buffer.from(results.original.base64, 'base64').equals(original));
});

test('a store another process holds is refused at once with E0044, and free again after', async () => {
  const held = await openNodeStore(join(samples, '.importstudio', 'sandbox.db'), { purpose: 'a test holding it' });
  try {
    const refused = await request<ExecuteRunResponse>(executeRunMethod, { uri: config });
    assert.ok(!refused.ok);
    assert.equal(refused.problems[0]?.code, 'E0044');
    assert.match(refused.problems[0]?.message ?? '', /a test holding it/);
  } finally {
    await held.store.close();
  }
  const again = await request<ExecuteRunResponse>(executeRunMethod, { uri: config });
  assert.ok(again.ok, JSON.stringify(again));
});
