/**
 * Workspace diagnostics over the real protocol, on a copy of samples/broken in a temp folder:
 * exact ranges, codes and messages for syntax, schema, cross-file, JSONata and data-aware
 * problems; edits through didChange and on disk (didChangeWatchedFiles); clearing.
 */
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { pathToFileURL } from 'node:url';
import type { Diagnostic } from 'vscode-languageserver-protocol';
import { startServer, type TestClient } from './lspClient';

const repo = join(import.meta.dirname, '..', '..');
const temp = mkdtempSync(join(tmpdir(), 'lsp-workspace-'));
const root = join(temp, 'broken');
const uri = (rel: string) => pathToFileURL(join(root, rel)).href;
const read = (rel: string) => readFileSync(join(root, rel), 'utf8');
let client: TestClient;

/** code, 0-based range as "l:c-l:c", message: what a reader checks against the file. */
function brief(d: Diagnostic): string {
  const r = d.range;
  return `${String(d.code)} ${r.start.line}:${r.start.character}-${r.end.line}:${r.end.character} ${messageOf(d)}`;
}

const messageOf = (d: Diagnostic | undefined): string => (typeof d?.message === 'string' ? d.message : '');
const has = (code: string) => (list: Diagnostic[]) => list.some((d) => d.code === code);
const lacks = (code: string) => (list: Diagnostic[]) => !list.some((d) => d.code === code);

before(async () => {
  cpSync(join(repo, 'samples', 'broken'), root, { recursive: true });
  client = await startServer(pathToFileURL(root).href);
});

after(async () => {
  await client.stop();
  rmSync(temp, { recursive: true, force: true });
});

test('files that are not open get schema, cross-file, JSONata and data diagnostics at exact ranges', async () => {
  const expected: [string, string][] = [
    [
      'imports/bad-format.import.yaml',
      "E0033 7:10-7:13 source.format: 'xls' is not allowed; use one of csv, tsv, xml, json.",
    ],
    ['imports/unknown-key.import.yaml', "E0033 13:0-13:11 Unknown key 'recordMatch'. Did you mean 'recordMatching'?"],
    ['imports/missing-key.import.yaml', "E0033 10:0-10:14 Missing required key 'personMatching.matchOn'."],
    [
      'imports/duplicate-alias-1.import.yaml',
      "E0034 3:7-3:15 The alias 'iep-copy' is declared by imports/duplicate-alias-1.import.yaml and imports/duplicate-alias-2.import.yaml; an alias must be unique.",
    ],
    ['mappings/unknown-alias.mapping.yaml', "E0023 3:8-3:21 Unknown import alias 'iep-snapshots'."],
    [
      'mappings/iep-unknown-form.mapping.yaml',
      "E0024 2:6-2:19 Unknown form 'iep-snapshots'. Did you mean 'iep-snapshot'?",
    ],
    [
      'mappings/iep-bad-expression.mapping.yaml',
      "E0035 6:28-6:28 Field 'caseManager': syntax error at column 14 of the expression: Unexpected end of expression.",
    ],
    [
      'imports/assessments-bad-jsonata.import.yaml',
      'E0011 18:8-18:9 Transformation syntax error at line 5, column 5: Expected "}", got "Window"',
    ],
    [
      'imports/sis-bad-sort.import.yaml',
      "E0005 11:10-11:17 Unable to find column to sort on: 'LastNam' is not a column of 'sftp/sis/students_nightly.tsv'. Did you mean 'LastName'?",
    ],
    [
      'mappings/grades-unknown-column.mapping.yaml',
      "E0038 9:13-9:23 Field 'mathGrade': column 'Math_Grade' is not a column of 'sftp/grades/term_grades.csv'. Did you mean 'MathGrade'?",
    ],
  ];
  for (const [rel, line] of expected) {
    const list = await client.diagnosticsWhere(uri(rel), (l) => l.length > 0);
    assert.deepEqual(list.map(brief), [line], rel);
    const [d] = list;
    assert.equal(d?.source, 'import-studio');
    assert.equal(
      d?.codeDescription?.href,
      `https://github.com/import-studio/import-studio/blob/main/docs/errors.md#${String(d?.code).toLowerCase()}`,
    );
  }
  // The duplicate alias points at the other declaration too.
  const [dup] = client.latest.get(uri('imports/duplicate-alias-1.import.yaml')) ?? [];
  assert.deepEqual(dup?.relatedInformation?.[0]?.location, {
    uri: uri('imports/duplicate-alias-2.import.yaml'),
    range: { start: { line: 3, character: 7 }, end: { line: 3, character: 15 } },
  });
  // Data-aware, from the profile of the sample file: the dates that do not fit, with a count.
  const dates = await client.diagnosticsWhere(uri('imports/iep-bad-dates.import.yaml'), has('E0009'));
  assert.deepEqual(dates.map(brief), [
    "E0009 9:14-9:24 The date format 'yyyy-MM-dd' fails on 4 of the 72 sampled values of the date columns 'IEPDate', 'NextReviewDate', 'ReevaluationDate' (for example '2024-13-05' in 'NextReviewDate'). No single date format fits all of them: correct those values in the file.",
  ]);
  const dropdown = await client.diagnosticsWhere(uri('mappings/iep-bad-dropdown.mapping.yaml'), has('E0028'));
  assert.equal(dropdown[0]?.range.start.line, 4);
  assert.match(messageOf(dropdown[0]), /'Autsm' \(did you mean 'Autism'\?\)/);
});

test('a valid workspace file and a clean form get no diagnostics', () => {
  assert.deepEqual(client.latest.get(uri('importstudio.yaml')) ?? [], []);
  assert.deepEqual(client.latest.get(uri('forms/iep-snapshot.form.yaml')) ?? [], []);
});

test('fixing a mapping through didChange clears its diagnostics; breaking it again brings them back', async () => {
  const rel = 'mappings/unknown-alias.mapping.yaml';
  const text = read(rel);
  await client.open(uri(rel), text);
  await client.change(uri(rel), 2, text.replace('import: iep-snapshots', 'import: iep-bad-dates'));
  assert.deepEqual(await client.diagnosticsWhere(uri(rel), (l) => l.length === 0), []);
  await client.change(uri(rel), 3, text.replace('import: iep-snapshots', 'import: iep-bad-datez'));
  const back = await client.diagnosticsWhere(uri(rel), has('E0023'));
  assert.deepEqual(back.map(brief), [
    "E0023 3:8-3:21 Unknown import alias 'iep-bad-datez'. Did you mean 'iep-bad-dates'?",
  ]);
  await client.close(uri(rel));
  // Closed, the file's disk text counts again.
  await client.diagnosticsWhere(uri(rel), (l) => brief(l[0]!).includes("'iep-snapshots'"));
});

test('an alias edited in one open file flags the other, unopened, file too (cross-file)', async () => {
  const rel = 'imports/iep-bad-dates.import.yaml';
  const other = 'imports/sis-bad-sort.import.yaml';
  const text = read(rel);
  await client.open(uri(rel), text);
  await client.change(uri(rel), 2, text.replace(/^alias: .*$/m, 'alias: sis-bad-sort'));
  const mine = await client.diagnosticsWhere(uri(rel), has('E0034'));
  const theirs = await client.diagnosticsWhere(uri(other), has('E0034'));
  assert.match(messageOf(mine.find((d) => d.code === 'E0034')), /The alias 'sis-bad-sort' is declared by/);
  assert.ok(
    theirs.some((d) => d.code === 'E0005'),
    'the data check stays',
  );
  await client.change(uri(rel), 3, text);
  await client.diagnosticsWhere(uri(other), lacks('E0034'));
  await client.diagnosticsWhere(uri(rel), lacks('E0034'));
  await client.close(uri(rel));
});

test('a YAML syntax error in the workspace file is placed exactly', async () => {
  const rel = 'importstudio.yaml';
  const text = read(rel);
  await client.open(uri(rel), text);
  await client.change(uri(rel), 2, text.replace('sftpRoot: sftp', 'sftpRoot: [sftp'));
  const list = await client.diagnosticsWhere(uri(rel), has('E0032'));
  assert.deepEqual(list.map(brief), [
    'E0032 6:0-6:1 Flow sequence in block collection must be sufficiently indented and end with a ] at line 7, column 1.',
  ]);
  await client.change(uri(rel), 3, text);
  await client.diagnosticsWhere(uri(rel), (l) => l.length === 0);
  await client.close(uri(rel));
});

test('a JSONata syntax error in a .jsonata file is placed on its token', async () => {
  const rel = 'imports/transforms/broken.jsonata';
  const text = '(\n  $a := 1\n  $b := 2\n)';
  await client.open(uri(rel), text, 'jsonata');
  const list = await client.diagnosticsWhere(uri(rel), has('E0011'));
  assert.deepEqual(list.map(brief), [
    'E0011 2:3-2:4 Transformation syntax error at line 3, column 4: Expected ")", got "b"',
  ]);
  await client.change(uri(rel), 2, '(\n  $a := 1;\n  $b := 2\n)');
  await client.diagnosticsWhere(uri(rel), (l) => l.length === 0);
  await client.close(uri(rel));
});

test('files created, changed and deleted on disk are picked up through didChangeWatchedFiles', async () => {
  const rel = 'mappings/new.mapping.yaml';
  writeFileSync(join(root, rel), 'form: iep-snapshot\nimport: nobody\nfields:\n  caseManager: CaseManager\n');
  await client.filesChanged([{ uri: uri(rel), type: 1 }]);
  const created = await client.diagnosticsWhere(uri(rel), has('E0023'));
  assert.deepEqual(created.map(brief), ["E0023 1:8-1:14 Unknown import alias 'nobody'."]);
  writeFileSync(
    join(root, rel),
    'form: iep-snapshot\nimport: iep-bad-dates\nfields:\n  caseManager: CaseManager\n  nope: X\n',
  );
  await client.filesChanged([{ uri: uri(rel), type: 2 }]);
  // E0025 and E0048 (the form's required fields it leaves out) from the cross-file check at once,
  // E0038 when the data profile lands.
  const changed = await client.diagnosticsWhere(uri(rel), (l) => has('E0025')(l) && has('E0038')(l));
  assert.deepEqual(changed.map(brief), [
    "E0048 2:0-2:6 The form 'iep-snapshot' requires 'disability' and 'iepDate', which are not among this mapping's fields: records it creates would lack them.",
    "E0025 4:2-4:6 The form 'iep-snapshot' has no field 'nope'.",
    "E0038 4:8-4:9 Field 'nope': column 'X' is not a column of 'sftp/iep/iep_bad_dates.csv'. The columns are 'StateStudentID', 'LastName', 'FirstName', 'Grade', 'PrimaryDisability', 'CaseManager', 'IEPDate', 'NextReviewDate', 'ReevaluationDate', 'Svc_Speech', 'Svc_OT' and 'Svc_PT' and 4 more.",
  ]);
  unlinkSync(join(root, rel));
  await client.filesChanged([{ uri: uri(rel), type: 3 }]);
  assert.deepEqual(await client.diagnosticsWhere(uri(rel), (l) => l.length === 0), []);
  // A form edited on disk: the mapping that uses the renamed field is flagged.
  const form = 'forms/iep-snapshot.form.yaml';
  const original = read(form);
  writeFileSync(join(root, form), original.replace('id: caseManager', 'id: caseManagerName'));
  await client.filesChanged([{ uri: uri(form), type: 2 }]);
  const mapping = await client.diagnosticsWhere(uri('mappings/iep-bad-dates.mapping.yaml'), has('E0025'));
  assert.match(messageOf(mapping.find((d) => d.code === 'E0025')), /no field 'caseManager'/);
  writeFileSync(join(root, form), original);
  await client.filesChanged([{ uri: uri(form), type: 2 }]);
  await client.diagnosticsWhere(uri('mappings/iep-bad-dates.mapping.yaml'), lacks('E0025'));
});

test('pull diagnostics answer what was pushed', async () => {
  const rel = 'imports/bad-format.import.yaml';
  const pulled = await client.connection.sendRequest<{ items: Diagnostic[] }>('textDocument/diagnostic', {
    textDocument: { uri: uri(rel) },
  });
  assert.deepEqual(pulled.items, client.latest.get(uri(rel)));
  assert.deepEqual(client.errors, []);
});
