/**
 * A misspelled required key reads as one problem ("Unknown key … did you mean 'x' (a required
 * key)?"), but the required key is still missing: the value must not be handed on as usable, or
 * the cross-file and data checks that trust usable values would meet a missing key. (Found by the
 * language server's fuzz test.)
 */
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { nodeFileSystem } from '../../engine/src/io/nodeFileSystem';
import { checkDocument, loadWorkspace } from '../../engine/src/workspace';

const config = `name: A
alias: a
source:
  type: sftp
  file: a.csv
  format: csv
  dateFormat: yyyy-MM-dd
personMatchin:
  idColumn: ID
  matchOn: localId
`;

test('an unknown key that misspells a required key makes the document unusable', () => {
  const checked = checkDocument(config, 'a.import.yaml');
  assert.ok(checked);
  assert.equal(checked.usable, false);
  assert.equal(checked.problems.length, 1);
  assert.match(checked.problems[0]?.message ?? '', /Did you mean 'personMatching' \(a required key\)\?/);
});

test('a plain unknown key still leaves the document usable', () => {
  const checked = checkDocument(
    `${config.replace('personMatchin:', 'personMatching:')}colour: blue\n`,
    'a.import.yaml',
  );
  assert.equal(checked?.usable, true);
});

test('a workspace with a misspelled required key in an import, a form and a mapping loads without throwing', async () => {
  const root = mkdtempSync(join(tmpdir(), 'misspelled-'));
  writeFileSync(join(root, 'importstudio.yaml'), 'version: 1\n');
  writeFileSync(join(root, 'a.import.yaml'), config);
  writeFileSync(join(root, 'a.form.yaml'), 'id: a\ntitle: A\nfeilds:\n  - id: note\n    type: text\n');
  writeFileSync(join(root, 'a.mapping.yaml'), 'form: a\nimport: a\nfeilds:\n  note: Note\n');
  const ws = await loadWorkspace(nodeFileSystem, root);
  assert.deepEqual(
    ws.problems.map((p) => `${p.locations[0]?.file} ${p.code}`),
    ['a.form.yaml E0033', 'a.import.yaml E0033', 'a.mapping.yaml E0033'],
  );
  assert.ok(ws.imports.every((d) => d.value === undefined));
});
