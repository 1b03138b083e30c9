/**
 * The editor's `importStudio` settings over the real protocol: the server pulls them with
 * workspace/configuration per folder, and an SFTP root or sandbox file set there replaces the one in
 * importstudio.yaml for diagnostics and dry runs, until the setting is cleared again.
 */
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { pathToFileURL } from 'node:url';
import { type DryRunResponse, dryRunMethod } from '../../server/src/service/requests';
import { startServer, type TestClient } from './lspClient';

const repo = join(import.meta.dirname, '..', '..');
const temp = mkdtempSync(join(tmpdir(), 'lsp-settings-'));
const samples = join(temp, 'samples');
const mirror = join(temp, 'sftp-mirror');
const uriOf = (path: string) => pathToFileURL(path).href;
const folderUri = uriOf(samples);
const settings: Record<string, unknown> = {};
let client: TestClient;

const config = join(samples, 'imports', 'iep-snapshot.import.yaml');

before(async () => {
  cpSync(join(repo, 'samples'), samples, { recursive: true });
  // The mirror holds the same files, but the IEP export has only its header and two rows.
  cpSync(join(samples, 'sftp'), mirror, { recursive: true });
  const source = (readFileSync(config, 'utf8').match(/file:\s*(\S+)/) ?? [])[1];
  assert.ok(source, 'the sample names its source file');
  const lines = readFileSync(join(samples, 'sftp', source), 'utf8').split(/\r?\n/);
  writeFileSync(join(mirror, source), `${lines.slice(0, 3).join('\n')}\n`);
  settings[folderUri] = { sftpRoot: mirror };
  client = await startServer(folderUri, { settings });
});

after(async () => {
  await client.stop();
  rmSync(temp, { recursive: true, force: true });
});

async function dryRun(): Promise<DryRunResponse> {
  return client.connection.sendRequest<DryRunResponse>(dryRunMethod, { uri: uriOf(config) });
}

test('a dry run reads the source under the SFTP root the settings give', async () => {
  const response = await dryRun();
  assert.ok(response.ok, JSON.stringify(response));
  assert.equal(response.result.counts.recordsRead, 2);
});

test('clearing the setting goes back to the SFTP root of importstudio.yaml', async () => {
  settings[folderUri] = {};
  await client.connection.sendNotification('workspace/didChangeConfiguration', { settings: null });
  let response = await dryRun();
  // The pull and the reload are asynchronous; the run after them reads the whole sample.
  for (let i = 0; i < 50 && response.ok && response.result.counts.recordsRead === 2; i++) {
    await new Promise((r) => setTimeout(r, 100));
    response = await dryRun();
  }
  assert.ok(response.ok, JSON.stringify(response));
  assert.equal(response.result.counts.recordsRead, 118);
});

test('a sandbox people file set in the settings that does not exist is reported on importstudio.yaml', async () => {
  settings[folderUri] = { sandbox: { people: 'nowhere/people.csv' } };
  await client.connection.sendNotification('workspace/didChangeConfiguration', { settings: null });
  const diagnostics = await client.diagnosticsWhere(uriOf(join(samples, 'importstudio.yaml')), (d) =>
    d.some((x) => x.code === 'E0001' && String(x.message).includes('nowhere/people.csv')),
  );
  const missing = diagnostics.find((x) => String(x.message).includes('nowhere/people.csv'));
  assert.match(String(missing?.message), /overrides the path in importstudio\.yaml/);
  settings[folderUri] = {};
  await client.connection.sendNotification('workspace/didChangeConfiguration', { settings: null });
  await client.diagnosticsWhere(
    uriOf(join(samples, 'importstudio.yaml')),
    (d) => !d.some((x) => String(x.message).includes('nowhere/people.csv')),
  );
});
