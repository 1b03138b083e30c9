import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { nodeFileSystem } from '../../engine/src/io/nodeFileSystem';
import { dryRunWorkspaceImport } from '../../engine/src/run/dryRunWorkspaceImport';
import { loadWorkspace } from '../../engine/src/workspace';

/** A workspace whose sandbox holds `people` people, and a data file of 2 rows for people 1 and 2. */
function workspace(people: number): string {
  const root = mkdtempSync(join(tmpdir(), 'sandbox-'));
  writeFileSync(join(root, 'importstudio.yaml'), 'version: 1\nsandbox:\n  people: people.csv\n');
  const lines = ['personId,localId,proprietaryId,email,firstName,lastName,active'];
  for (let i = 1; i <= people; i++) lines.push(`P${i},${i},X${i},p${i}@example.org,First${i},Last${i},true`);
  writeFileSync(join(root, 'people.csv'), `${lines.join('\n')}\n`);
  writeFileSync(join(root, 'data.csv'), 'ID,Note\n1,a\n2,b\n');
  writeFileSync(
    join(root, 'a.import.yaml'),
    'name: A\nalias: a\nsource:\n  type: sftp\n  file: data.csv\n  format: csv\n  dateFormat: yyyy-MM-dd\npersonMatching:\n  idColumn: ID\n  matchOn: localId\n',
  );
  writeFileSync(join(root, 'a.form.yaml'), 'id: a\ntitle: A\nfields:\n  - id: note\n    type: text\n');
  writeFileSync(join(root, 'a.mapping.yaml'), 'form: a\nimport: a\nfields:\n  note: Note\n');
  return root;
}

test('a district-sized sandbox (over the 5 MB bound of configuration files) loads', async () => {
  const root = workspace(120_000);
  const ws = await loadWorkspace(nodeFileSystem, root);
  assert.deepEqual(ws.problems, []);
  assert.equal(ws.people.length, 120_000);
});

test('a sandbox that could not be loaded is reported by the dry run, which is then not Complete', async () => {
  const root = workspace(10);
  const ws = await loadWorkspace(nodeFileSystem, root, { maxSandboxSize: 100 });
  const run = await dryRunWorkspaceImport(nodeFileSystem, ws, ws.imports[0]!);
  assert.ok(run.ok);
  const refused = run.result.problems[0];
  assert.equal(refused?.code, 'E0042');
  assert.equal(refused?.locations[0]?.file, 'importstudio.yaml');
  assert.match(refused?.message ?? '', /sandbox files are read up to 100 bytes/);
  assert.equal(run.result.problemTotals.E0042, 1);
  assert.notEqual(run.result.status, 'Complete');
});
