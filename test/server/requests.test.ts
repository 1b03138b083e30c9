/**
 * The custom requests over the real protocol: importStudio/listImports on a copy of the samples,
 * importStudio/dryRun (an import, a mapping's import, a file outside any workspace), progress
 * reports, cancellation, and the server answering other requests while a large dry run goes on.
 */
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { pathToFileURL } from 'node:url';
import { CancellationTokenSource } from 'vscode-languageserver-protocol/node';
import {
  type DryRunParams,
  type DryRunResponse,
  dryRunMethod,
  type ListImportsResponse,
  listImportsMethod,
} from '../../server/src/service/requests';
import { generate } from '../../scripts/generate-large';
import { startServer, type TestClient } from './lspClient';

const repo = join(import.meta.dirname, '..', '..');
const temp = mkdtempSync(join(tmpdir(), 'lsp-requests-'));
const samples = join(temp, 'samples');
const large = join(temp, 'large');
const uriOf = (path: string) => pathToFileURL(path).href;
let client: TestClient;

before(async () => {
  cpSync(join(repo, 'samples'), samples, { recursive: true });
  // A file big enough that a dry run lasts well beyond a few requests (about a second or more).
  await generate({
    kind: 'csv',
    count: 300_000,
    out: join(large, 'students.csv'),
    seed: 1,
    people: 100_000,
    errorRate: 0.001,
  });
  // Two folders: the samples (with their nested broken workspace) and the large one.
  client = await startServer(uriOf(samples), { folders: [uriOf(samples), uriOf(large)], workDoneProgress: true });
});

after(async () => {
  await client.stop();
  rmSync(temp, { recursive: true, force: true });
});

test('listImports lists every import with its mappings and forms', async () => {
  const { imports } = await client.connection.sendRequest<ListImportsResponse>(listImportsMethod, {
    uri: uriOf(join(samples, 'importstudio.yaml')),
  });
  assert.deepEqual(
    imports.map((i) => i.alias),
    ['assessments', 'emergency-contacts', 'iep-snapshot', 'sis-nightly', 'term-grades'],
  );
  const grades = imports.find((i) => i.alias === 'term-grades');
  assert.deepEqual(grades, {
    alias: 'term-grades',
    name: 'Term Grades 2024-2025',
    uri: uriOf(join(samples, 'imports', 'term-grades.import.yaml')),
    workspace: uriOf(samples),
    format: 'csv',
    sourceFile: 'grades/term_grades_2024-2025.csv',
    sourceUri: uriOf(join(samples, 'sftp', 'grades', 'term_grades_2024-2025.csv')),
    mappings: [{ uri: uriOf(join(samples, 'mappings', 'report-card.mapping.yaml')), form: 'report-card' }],
    forms: [{ uri: uriOf(join(samples, 'forms', 'report-card.form.yaml')), id: 'report-card', title: 'Report Card' }],
  });
});

test('listImports without a uri covers every workspace, nested ones included', async () => {
  const { imports } = await client.connection.sendRequest<ListImportsResponse>(listImportsMethod, {});
  const workspaces = new Set(imports.map((i) => i.workspace));
  assert.ok(workspaces.has(uriOf(samples)));
  assert.ok(workspaces.has(uriOf(join(samples, 'broken'))), 'samples/broken is a workspace of its own');
  assert.ok(workspaces.has(uriOf(large)));
  assert.ok(imports.some((i) => i.alias === 'students-csv'));
});

test('dryRun of an import returns the engine result with filled ranges', async () => {
  const uri = uriOf(join(samples, 'imports', 'term-grades.import.yaml'));
  const response = await client.connection.sendRequest<DryRunResponse>(dryRunMethod, { uri } satisfies DryRunParams);
  assert.ok(response.ok, JSON.stringify(response));
  assert.equal(response.importUri, uri);
  assert.ok(response.result.cache.total > 0);
  // term-grades expects E0019 (a locked record) per its # expect-run: annotation.
  assert.ok(response.result.problems.some((p) => p.code === 'E0019'));
  for (const p of response.result.problems) {
    for (const l of p.locations)
      if (l.pointer !== undefined) assert.ok(l.range, `${p.code} at ${l.pointer} has a range`);
  }
});

test('dryRun of a mapping runs its import; limit and cacheRows are honoured', async () => {
  const uri = uriOf(join(samples, 'mappings', 'report-card.mapping.yaml'));
  const response = await client.connection.sendRequest<DryRunResponse>(dryRunMethod, { uri, limit: 3, cacheRows: 2 });
  assert.ok(response.ok);
  assert.equal(response.importUri, uriOf(join(samples, 'imports', 'term-grades.import.yaml')));
  assert.equal(response.result.cache.rows.length, 2);
  assert.equal(response.result.limited, true);
});

test('dryRun reads the open, unsaved text of the import', async () => {
  const path = join(samples, 'imports', 'iep-snapshot.import.yaml');
  const uri = uriOf(path);
  const text = readFileSync(path, 'utf8').replace(/idColumn: \S+/, 'idColumn: NoSuchColumn');
  await client.open(uri, text);
  const response = await client.connection.sendRequest<DryRunResponse>(dryRunMethod, { uri, limit: 5 });
  assert.ok(response.ok);
  assert.ok(
    response.result.problems.some((p) => p.message.includes('NoSuchColumn')),
    JSON.stringify(response.result.problems.map((p) => p.message)),
  );
  await client.close(uri);
});

test('dryRun of a file outside any workspace says why it cannot run', async () => {
  const response = await client.connection.sendRequest<DryRunResponse>(dryRunMethod, {
    uri: uriOf(join(temp, 'nowhere.import.yaml')),
  });
  assert.equal(response.ok, false);
  assert.ok(!response.ok && response.problems[0]?.code === 'E0001');
});

test('a large dry run reports progress while diagnostics, listImports and pull diagnostics keep answering', async () => {
  const uri = uriOf(join(large, 'imports', 'students-csv.import.yaml'));
  const token = 'large-run';
  const started = client.progress.length;
  let answered = false;
  const run = client.connection
    .sendRequest<DryRunResponse>(dryRunMethod, { uri, workDoneToken: token })
    .finally(() => (answered = true));
  // Wait until the worker reports rows: the run is under way.
  while (!client.progress.slice(started).some((p) => p.token === token && p.value.kind === 'report')) {
    await new Promise((r) => setTimeout(r, 10));
    assert.equal(answered, false, 'the dry run ended before it reported progress');
  }
  const formUri = uriOf(join(large, 'forms', 'bench-student.form.yaml'));
  const formText = readFileSync(join(large, 'forms', 'bench-student.form.yaml'), 'utf8');
  const diagnostics = client.diagnosticsWhere(formUri, (d) => d.some((x) => x.code === 'E0033'));
  await client.open(formUri, formText.replace(/^title: .*$/m, 'title: 42\ntitel: x'));
  const list = await client.connection.sendRequest<ListImportsResponse>(listImportsMethod, {});
  assert.ok(list.imports.length > 0);
  const pulled = await client.connection.sendRequest<{ items: { code: string }[] }>('textDocument/diagnostic', {
    textDocument: { uri: formUri },
  });
  assert.ok(pulled.items.some((d) => d.code === 'E0033'));
  assert.ok((await diagnostics).length > 0);
  assert.equal(answered, false, 'the other requests were answered while the dry run was going');
  const response = await run;
  assert.ok(response.ok);
  assert.equal(response.result.cache.total, 300000);
  const events = client.progress.filter((p) => p.token === token).map((p) => p.value.kind);
  assert.equal(events[0], 'begin');
  assert.equal(events.at(-1), 'end');
  assert.ok(events.includes('report'));
  await client.close(formUri);
});

test('cancelling a dry run ends it with RequestCancelled and progress ends', async () => {
  const uri = uriOf(join(large, 'imports', 'students-csv.import.yaml'));
  const source = new CancellationTokenSource();
  const started = client.progress.length;
  const run = client.connection.sendRequest<DryRunResponse>(dryRunMethod, { uri }, source.token);
  // Without a token, the server created one through window/workDoneProgress/create.
  while (!client.progress.slice(started).some((p) => p.value.kind === 'report')) {
    await new Promise((r) => setTimeout(r, 10));
  }
  const t0 = Date.now();
  source.cancel();
  await assert.rejects(run, (error: { code?: number }) => error.code === -32800);
  assert.ok(Date.now() - t0 < 2000, 'cancellation is prompt');
  const token = client.progress.slice(started).find((p) => p.value.kind === 'begin')?.token;
  while (!client.progress.some((p) => p.token === token && p.value.kind === 'end')) {
    await new Promise((r) => setTimeout(r, 10));
  }
  // The server is still there.
  const list = await client.connection.sendRequest<ListImportsResponse>(listImportsMethod, {});
  assert.ok(list.imports.length > 0);
});
