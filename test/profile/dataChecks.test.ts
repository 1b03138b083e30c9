import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import type { Problem } from '../../engine/src/errors/problem';
import { nodeFileSystem } from '../../engine/src/io/nodeFileSystem';
import { dataChecks, profileImport } from '../../engine/src/profile';
import type { Workspace } from '../../engine/src/workspace/types';
import { brokenRoot, csvWorkspace, importOf, load, one, samplesRoot, textAt } from './helpers';

async function checks(workspace: Workspace, alias: string): Promise<Problem[]> {
  const doc = importOf(workspace, alias);
  return dataChecks(workspace, doc, await profileImport(nodeFileSystem, workspace, doc));
}

/** The text a problem's first location covers, in its file. */
function underlined(root: string, p: Problem): string {
  const location = p.locations[0];
  return textAt(readFileSync(join(root, location?.file ?? ''), 'utf8'), location?.range);
}

function setImport(root: string, from: string, to: string): void {
  const path = join(root, 'imports/roster.import.yaml');
  const text = readFileSync(path, 'utf8');
  assert.ok(text.includes(from), `${from} in the import`);
  writeFileSync(path, text.replace(from, to));
}

describe('dataChecks on the samples', () => {
  it('finds nothing in the good workspace', async () => {
    const workspace = await load(samplesRoot);
    for (const doc of workspace.imports) {
      const found = await checks(workspace, doc.value?.alias ?? '');
      assert.deepEqual(
        found.map((p) => `${p.code} ${p.message}`),
        [],
        doc.relativePath,
      );
    }
  });

  it('E0005 on the sort column the file lacks, with did-you-mean', async () => {
    const workspace = await load(brokenRoot);
    const p = one(await checks(workspace, 'sis-bad-sort'), 'E0005');
    assert.equal(p.locations[0]?.file, 'imports/sis-bad-sort.import.yaml');
    assert.equal(underlined(brokenRoot, p), 'LastNam');
    assert.deepEqual(p.data?.suggestions, ['LastName']);
    assert.match(p.message, /'LastNam'.*Did you mean 'LastName'\?/);
  });

  it('E0038 on the column name inside the mapping expression', async () => {
    const workspace = await load(brokenRoot);
    const p = one(await checks(workspace, 'grades-unknown-column'), 'E0038');
    assert.equal(p.locations[0]?.file, 'mappings/grades-unknown-column.mapping.yaml');
    assert.equal(underlined(brokenRoot, p), 'Math_Grade');
    assert.deepEqual(p.data?.suggestions, ['MathGrade']);
  });

  it('E0028 on the dropdown mapping, listing the values that are not options and their rows', async () => {
    const workspace = await load(brokenRoot);
    const p = one(await checks(workspace, 'iep-bad-dropdown'), 'E0028');
    assert.equal(p.locations[0]?.file, 'mappings/iep-bad-dropdown.mapping.yaml');
    assert.equal(underlined(brokenRoot, p), 'PrimaryDisability');
    assert.deepEqual(p.data?.missing, ['Autsm', 'Dyslexia', 'Speech', 'ADHD']);
    assert.equal(p.data?.rows, 4);
    assert.match(p.message, /'Autsm' \(did you mean 'Autism'\?\)/);
  });

  it('E0009 on source.dateFormat when sampled dates do not follow it', async () => {
    const workspace = await load(brokenRoot);
    const p = one(await checks(workspace, 'iep-bad-dates'), 'E0009');
    assert.equal(p.locations[0]?.file, 'imports/iep-bad-dates.import.yaml');
    assert.equal(underlined(brokenRoot, p), 'yyyy-MM-dd');
    assert.equal(p.data?.failing, 4);
    assert.equal(p.data?.suggestedFormat, undefined, 'the bad values mix patterns: none fits them all');
    assert.match(p.message, /fails on 4 of the \d+ sampled values/);
  });
});

describe('dataChecks on small workspaces', () => {
  it('E0008 on personMatching.idColumn, with suggestions', async () => {
    const root = csvWorkspace();
    setImport(root, 'idColumn: StudentID', 'idColumn: StudentId');
    const p = one(await checks(await load(root), 'roster'), 'E0008');
    assert.equal(underlined(root, p), 'StudentId');
    assert.deepEqual(p.data?.suggestions, ['StudentID']);
    assert.equal(p.fix, "Set `personMatching.idColumn` to 'StudentID'.");
  });

  it('E0008 without a close column lists the columns', async () => {
    const root = csvWorkspace();
    setImport(root, 'idColumn: StudentID', 'idColumn: Xyz');
    const p = one(await checks(await load(root), 'roster'), 'E0008');
    assert.deepEqual(p.data?.suggestions, []);
    assert.match(p.message, /The columns are 'StudentID', 'Name', 'BirthDate', 'Grade' and 'Active'\./);
  });

  it('E0038 on each unknown name inside a larger expression, not on variables, functions or nested steps', async () => {
    const root = csvWorkspace({
      'mappings/profile.mapping.yaml': [
        'form: profile',
        'import: roster',
        'fields:',
        '  name: |-',
        '    (',
        '      $first := $trim(`Frist Name`);',
        '      $first & " " & Name.last & $lookup({"a": Grde}, "a") & $first',
        '    )',
        '  grade: \'Grade = "K" ? `Active` : Stat\'',
        '',
      ].join('\n'),
    });
    const found = (await checks(await load(root), 'roster')).filter((p) => p.code === 'E0038');
    assert.deepEqual(
      found.map((p) => [p.data?.column, underlined(root, p), p.locations[0]?.range?.start.line]),
      [
        ['Frist Name', 'Frist Name', 5],
        ['Grde', 'Grde', 6],
        ['Stat', 'Stat', 8],
      ],
    );
    assert.deepEqual(found[1]?.data?.suggestions, ['Grade']);
  });

  it('E0009 with the format that fits every sampled date', async () => {
    const root = csvWorkspace({
      'sftp/roster.csv':
        'StudentID,Name,BirthDate,Grade,Active\n1,A,3/4/2015,K,\n2,B,11/30/2014,1,\n3,C, 1/2/2014 ,2,\n',
    });
    const p = one(await checks(await load(root), 'roster'), 'E0009');
    assert.equal(underlined(root, p), 'yyyy-MM-dd');
    assert.equal(p.data?.failing, 3);
    assert.equal(p.data?.sampled, 3);
    assert.equal(p.data?.suggestedFormat, 'M/d/yyyy');
    assert.deepEqual(p.data?.fittingFormats, ['M/d/yyyy']);
    assert.match(p.message, /'M\/d\/yyyy' fits them all/);

    setImport(root, 'dateFormat: yyyy-MM-dd', 'dateFormat: M/d/yyyy');
    assert.deepEqual(await checks(await load(root), 'roster'), [], 'the suggested format is accepted');
  });

  it('E0009 reads tab-separated instances of a repeater date field', async () => {
    const root = csvWorkspace({
      'forms/profile.form.yaml':
        'id: profile\ntitle: P\nfields:\n  - id: visits\n    type: repeater\n    fields:\n      - id: on\n        type: date\n',
      'mappings/profile.mapping.yaml': 'form: profile\nimport: roster\nfields:\n  visits:\n    on: BirthDate\n',
      'sftp/roster.csv': 'StudentID,BirthDate\n1,"2015-03-04\t2015-13-01"\n2,2014-11-30\n',
    });
    const p = one(await checks(await load(root), 'roster'), 'E0009');
    assert.equal(p.data?.failing, 1);
    assert.equal(p.data?.sampled, 3);
    assert.equal(p.data?.example, '2015-13-01');
  });

  it('E0028 compares with values and labels case-insensitively, as the map stage does', async () => {
    const root = csvWorkspace({
      'sftp/roster.csv':
        'StudentID,Name,BirthDate,Grade,Active\n1,A,,K,\n2,B,,kindergarten,\n3,C,,KG,\n4,D,,3,\n5,E,,KG,\n6,F,,2,\n',
    });
    const p = one(await checks(await load(root), 'roster'), 'E0028');
    assert.equal(underlined(root, p), 'Grade');
    assert.deepEqual(p.data?.missing, ['KG', '3'], 'most frequent first');
    assert.equal(p.data?.rows, 3);
    assert.match(p.message, /3 of the 6 sampled rows/);
  });

  it('E0026 on source.encoding when the bytes are windows-1252', async () => {
    const bytes = new Uint8Array([
      ...new TextEncoder().encode('StudentID,Name,BirthDate,Grade,Active\n1,Mu'),
      0xf1,
      ...new TextEncoder().encode('oz,2015-03-04,K,true\n'),
    ]);
    const root = csvWorkspace({ 'sftp/roster.csv': bytes });
    const p = one(await checks(await load(root), 'roster'), 'E0026');
    assert.equal(p.locations[0]?.file, 'imports/roster.import.yaml');
    assert.equal(underlined(root, p), 'utf-8');
    assert.equal(p.data?.suggestedEncoding, 'windows-1252');
    assert.match(p.message, /Byte 0xF1 at line 2/);
  });

  it('E0026 on source.encoding when a windows-1252 import reads a utf-8 file', async () => {
    const root = csvWorkspace({ 'sftp/roster.csv': 'StudentID,Name,BirthDate,Grade,Active\n1,Zoë,2015-03-04,K,\n' });
    setImport(root, 'encoding: utf-8', 'encoding: windows-1252');
    const p = one(await checks(await load(root), 'roster'), 'E0026');
    assert.equal(underlined(root, p), 'windows-1252');
    assert.equal(p.data?.suggestedEncoding, 'utf-8');
  });

  it('checks no names when nothing was read, and nothing against the profile of another file', async () => {
    const root = csvWorkspace();
    setImport(root, 'idColumn: StudentID', 'idColumn: Nope');
    const workspace = await load(root);
    const doc = importOf(workspace, 'roster');
    const profile = await profileImport(nodeFileSystem, workspace, doc);
    assert.equal(dataChecks(workspace, doc, profile).length, 1);
    assert.deepEqual(dataChecks(workspace, doc, { ...profile, sourcePath: 'sftp/other.csv' }), []);
    assert.deepEqual(dataChecks(workspace, doc, { ...profile, columns: [], values: {} }), []);
  });
});
