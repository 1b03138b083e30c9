import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { after, before, test } from 'node:test';
import { pathToFileURL } from 'node:url';
import { serverPath, startServer, type TestClient } from './lspClient';

const root = pathToFileURL('/tmp/import-studio-lsp-test').href;
const uri = `${root}/imports/demo.import.yaml`;
let client: TestClient;

before(async () => {
  assert.ok(existsSync(serverPath), 'dist/server.js exists: run npm run build first');
  client = await startServer(root);
});
after(async () => client.stop());

const valid = `name: Demo
alias: demo
source:
  type: sftp
  file: demo.csv
  format: csv
  dateFormat: M/d/yyyy
personMatching:
  idColumn: StudentID
  matchOn: localId
`;

test('a valid import configuration gets no diagnostics', async () => {
  const diagnostics = client.nextDiagnostics(uri);
  await client.open(uri, valid);
  assert.deepEqual(await diagnostics, []);
});

test('a wrong enum value is flagged on the value, with its code and a link to its documentation', async () => {
  const diagnostics = client.nextDiagnostics(uri);
  await client.change(uri, 2, valid.replace('format: csv', 'format: xls'));
  const [d, ...others] = await diagnostics;
  assert.equal(others.length, 0);
  assert.ok(d);
  assert.equal(d.code, 'E0033');
  assert.equal(d.source, 'import-studio');
  assert.match(d.codeDescription?.href ?? '', /errors\.md#e0033$/);
  assert.deepEqual(d.range, { start: { line: 5, character: 10 }, end: { line: 5, character: 13 } });
  assert.equal(typeof d.message, 'string');
  assert.match(String(d.message), /source\.format/);
  assert.match(String(d.message), /csv/);
});

test('a YAML syntax error is reported at its position, and the server stays up', async () => {
  const diagnostics = client.nextDiagnostics(uri);
  await client.change(uri, 3, `${valid}  bad: [unclosed\n`);
  const list = await diagnostics;
  assert.ok(list.length >= 1);
  assert.ok(list.every((d) => d.code === 'E0032'));
  assert.ok((list[0]?.range.start.line ?? 0) >= 10);
  const again = client.nextDiagnostics(uri);
  await client.change(uri, 4, valid);
  assert.deepEqual(await again, []);
});
