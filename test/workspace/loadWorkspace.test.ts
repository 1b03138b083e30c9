import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after, describe, test } from 'node:test';
import { problem } from '../../engine/src/errors/catalog';
import type { Problem } from '../../engine/src/errors/problem';
import { nodeFileSystem } from '../../engine/src/io/nodeFileSystem';
import { fillProblemRanges, loadWorkspace, transformationSource } from '../../engine/src/workspace';
import { at, lines } from './helpers';

const made: string[] = [];
after(() => {
  for (const dir of made) rmSync(dir, { recursive: true, force: true });
});

/** Writes the files into a new temporary folder and returns its path (forward slashes). */
function folder(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), 'import-studio-ws-'));
  made.push(root);
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  return root.replaceAll('\\', '/');
}

const base: Record<string, string> = {
  'importstudio.yaml': lines(
    'version: 1',
    'sftpRoot: sftp',
    'sandbox:',
    '  people: sandbox/people.csv',
    '  records: sandbox/records.yaml',
  ),
  'imports/iep.import.yaml': lines(
    'name: IEP',
    'alias: iep-snapshot',
    'source: { type: sftp, file: iep/iep.csv, format: csv, dateFormat: M/d/yyyy }',
    'personMatching: { idColumn: StudentID, matchOn: localId }',
  ),
  'imports/grades.import.yaml': lines(
    'name: Grades',
    'alias: term-grades',
    'source: { type: sftp, file: grades.csv, format: csv, dateFormat: yyyy-MM-dd }',
    'personMatching: { idColumn: StudentID, matchOn: localId }',
    'recordMatching: true',
  ),
  'imports/scores.import.yaml': lines(
    'name: Scores',
    'alias: scores',
    'source: { type: sftp, file: scores.xml, format: xml, dateFormat: yyyy-MM-dd, recordPath: R.S }',
    'transformation: { file: transforms/scores.jsonata }',
    'personMatching: { idColumn: ID, matchOn: proprietaryId }',
  ),
  'imports/transforms/scores.jsonata': '{ "ID": id }\n',
  'forms/iep.form.yaml': lines(
    'id: iep-snapshot',
    'title: IEP',
    'fields:',
    '  - { id: caseManager, type: text }',
    '  - { id: disability, type: dropdown, options: [{ value: AUT, label: Autism }, SLD] }',
    '  - { id: services, type: checkbox, options: [speech, ot] }',
    '  - id: contacts',
    '    type: repeater',
    '    fields: [{ id: name, type: text }, { id: phone, type: text }]',
  ),
  'forms/report-card.form.yaml': lines(
    'id: report-card',
    'title: Report card',
    'fields:',
    '  - { id: term, type: text }',
    '  - { id: grade, type: text }',
  ),
  'mappings/iep.mapping.yaml': lines(
    'form: iep-snapshot',
    'import: iep-snapshot',
    'fields:',
    '  caseManager: CaseManager',
    '  disability: "`Primary Disability`"',
    '  services: { speech: Speech, ot: OT }',
    '  contacts: { name: Names, phone: Phones }',
  ),
  'mappings/grades.mapping.yaml': lines(
    'form: report-card',
    'import: term-grades',
    'matchingElement: { field: term, expression: Term }',
    'fields:',
    '  term: Term',
    '  grade: |',
    '    $uppercase(Grade)',
  ),
  'sandbox/people.csv': lines(
    'personId,localId,proprietaryId,email,firstName,lastName,active',
    'P1,1001,,ana@example.org,Ana,Lopez,true',
    'P2,1002,000777,,Ben,Ito,false',
    'P3,,,,Cy,Ng,',
    'P4,1004,0004,di@example.org,Di,Ma,true',
  ),
  'sandbox/records.yaml': lines(
    'records:',
    '  - { id: R1, form: report-card, person: P1, key: Fall, values: { term: Fall }, lastModified: 2025-01-15 }',
  ),
  // Data and hidden folders that must not be read as workspace files.
  'sftp/iep/iep.csv': 'StudentID\n1001\n',
  'sftp/trap.import.yaml': 'not: [valid',
  '.hidden/trap.import.yaml': 'not: [valid',
  'node_modules/pkg/trap.form.yaml': 'not: [valid',
  'nested/importstudio.yaml': 'version: 1\n',
  'nested/trap.import.yaml': 'not: [valid',
};

function codes(problems: Problem[]): string[] {
  return problems.map((p) => `${p.code} ${p.locations[0]?.file} ${p.locations[0]?.pointer ?? ''}`);
}

describe('loadWorkspace', () => {
  test('a valid workspace loads with no problems and resolves its SFTP root and sandbox', async () => {
    const root = folder(base);
    const ws = await loadWorkspace(nodeFileSystem, root);
    assert.deepEqual(codes(ws.problems), []);
    assert.equal(ws.root, root);
    assert.equal(ws.sftpRoot, `${root}/sftp`);
    assert.equal(ws.workspaceFile?.relativePath, 'importstudio.yaml');
    assert.deepEqual(
      ws.imports.map((d) => d.relativePath),
      ['imports/grades.import.yaml', 'imports/iep.import.yaml', 'imports/scores.import.yaml'],
    );
    assert.deepEqual(
      ws.forms.map((d) => d.value?.id),
      ['iep-snapshot', 'report-card'],
    );
    assert.equal(ws.mappings.length, 2);
    assert.equal(ws.imports[1]?.path, `${root}/imports/iep.import.yaml`);
    assert.equal(ws.imports[1]?.value?.alias, 'iep-snapshot');
    assert.deepEqual(
      ws.jsonata.map((d) => [d.relativePath, d.value]),
      [['imports/transforms/scores.jsonata', '{ "ID": id }\n']],
    );
    assert.deepEqual(ws.people, [
      { personId: 'P1', firstName: 'Ana', lastName: 'Lopez', localId: '1001', email: 'ana@example.org', active: true },
      { personId: 'P2', firstName: 'Ben', lastName: 'Ito', localId: '1002', proprietaryId: '000777', active: false },
      { personId: 'P3', firstName: 'Cy', lastName: 'Ng' },
      {
        personId: 'P4',
        firstName: 'Di',
        lastName: 'Ma',
        localId: '1004',
        proprietaryId: '0004',
        email: 'di@example.org',
        active: true,
      },
    ]);
    // A row with every column is made in one literal, a row with some in steps: the same keys, in the same order.
    const order = ['personId', 'firstName', 'lastName', 'localId', 'proprietaryId', 'email', 'active'];
    assert.deepEqual(Object.keys(ws.people[3] ?? {}), order);
    assert.deepEqual(
      Object.keys(ws.people[0] ?? {}),
      order.filter((k) => k !== 'proprietaryId'),
    );
    assert.deepEqual(
      ws.records.map((r) => [r.id, r.key]),
      [['R1', 'Fall']],
    );
    const scores = ws.imports[2];
    assert.ok(scores);
    const source = transformationSource(ws, scores);
    assert.equal(source?.text, '{ "ID": id }\n');
    assert.equal(source?.document.relativePath, 'imports/transforms/scores.jsonata');
  });

  test('a folder without importstudio.yaml is one clear problem', async () => {
    const root = folder({ 'imports/a.import.yaml': 'name: x\n' });
    const ws = await loadWorkspace(nodeFileSystem, root);
    assert.equal(ws.problems.length, 1);
    assert.equal(ws.problems[0]?.code, 'E0001');
    assert.match(ws.problems[0]?.message ?? '', /No importstudio\.yaml/);
    assert.equal(ws.workspaceFile, undefined);
    assert.deepEqual(ws.imports, []);
  });

  test('importstudio.json works too, and the SFTP root defaults to the workspace folder', async () => {
    const root = folder({ 'importstudio.json': '{ "version": 1 }\n' });
    const ws = await loadWorkspace(nodeFileSystem, root);
    assert.deepEqual(ws.problems, []);
    assert.equal(ws.sftpRoot, root);
  });

  test('a duplicate alias is E0034 on both files', async () => {
    const root = folder({ ...base, 'imports/copy.import.yaml': base['imports/iep.import.yaml'] ?? '' });
    const ws = await loadWorkspace(nodeFileSystem, root);
    assert.deepEqual(codes(ws.problems), [
      'E0034 imports/copy.import.yaml /alias',
      'E0034 imports/iep.import.yaml /alias',
    ]);
    for (const p of ws.problems) {
      assert.equal(
        p.message,
        "The alias 'iep-snapshot' is declared by imports/copy.import.yaml and imports/iep.import.yaml; an alias must be unique.",
      );
      assert.deepEqual(at(p), [1, 7, 1, 19]);
      assert.equal(p.locations.length, 2);
    }
  });

  test('unknown alias (E0023) and unknown form (E0024) suggest the nearest name', async () => {
    const mapping = (base['mappings/iep.mapping.yaml'] ?? '')
      .replace('import: iep-snapshot', 'import: iep-snapshots')
      .replace('form: iep-snapshot', 'form: iep-snapshott');
    const ws = await loadWorkspace(nodeFileSystem, folder({ ...base, 'mappings/iep.mapping.yaml': mapping }));
    assert.deepEqual(codes(ws.problems), [
      'E0023 mappings/iep.mapping.yaml /import',
      'E0024 mappings/iep.mapping.yaml /form',
    ]);
    assert.equal(ws.problems[0]?.message, "Unknown import alias 'iep-snapshots'. Did you mean 'iep-snapshot'?");
    assert.deepEqual(at(ws.problems[0]), [1, 8, 1, 21]);
    assert.deepEqual(ws.problems[0]?.data?.suggestions, ['iep-snapshot']);
    assert.equal(ws.problems[1]?.message, "Unknown form 'iep-snapshott'. Did you mean 'iep-snapshot'?");
    assert.deepEqual(at(ws.problems[1]), [0, 6, 0, 19]);
  });

  test('unknown fields, options and repeater fields are E0025 on the key', async () => {
    const mapping = lines(
      'form: iep-snapshot',
      'import: iep-snapshot',
      'fields:',
      '  caseManagr: CaseManager',
      '  services: { speach: Speech, ot: OT }',
      '  contacts: { name: Names, phon: Phones }',
      '  disability: Disability',
    );
    const ws = await loadWorkspace(nodeFileSystem, folder({ ...base, 'mappings/iep.mapping.yaml': mapping }));
    assert.deepEqual(codes(ws.problems), [
      'E0025 mappings/iep.mapping.yaml /fields/caseManagr',
      'E0025 mappings/iep.mapping.yaml /fields/services/speach',
      'E0025 mappings/iep.mapping.yaml /fields/contacts/phon',
    ]);
    assert.equal(
      ws.problems[0]?.message,
      "The form 'iep-snapshot' has no field 'caseManagr'. Did you mean 'caseManager'?",
    );
    assert.deepEqual(at(ws.problems[0]), [3, 2, 3, 12]);
    assert.equal(
      ws.problems[1]?.message,
      "Field 'services' of form 'iep-snapshot' has no option 'speach'. Did you mean 'speech'?",
    );
    assert.deepEqual(at(ws.problems[1]), [4, 14, 4, 20]);
    assert.equal(
      ws.problems[2]?.message,
      "The repeater 'contacts' of form 'iep-snapshot' has no field 'phon'. Did you mean 'phone'?",
    );
  });

  test('a radio or checkbox mapped by label suggests the option value', async () => {
    const form = (base['forms/iep.form.yaml'] ?? '').replace(
      'type: checkbox, options: [speech, ot]',
      'type: radio, options: [{ value: SP, label: Speech }]',
    );
    const mapping = lines('form: iep-snapshot', 'import: iep-snapshot', 'fields:', '  services: { Speech: Speech }');
    const ws = await loadWorkspace(
      nodeFileSystem,
      folder({ ...base, 'forms/iep.form.yaml': form, 'mappings/iep.mapping.yaml': mapping }),
    );
    assert.equal(ws.problems.length, 1);
    assert.equal(
      ws.problems[0]?.message,
      "Field 'services' of form 'iep-snapshot' has no option 'Speech'. Did you mean 'SP'? Options are named by their value.",
    );
  });

  test('mapping shapes that do not fit the field type are E0041', async () => {
    const mapping = lines(
      'form: iep-snapshot',
      'import: iep-snapshot',
      'matchingElement: { field: services, expression: S }',
      'fields:',
      '  caseManager: { a: A }',
      '  services: Speech',
      '  contacts: Names',
    );
    const ws = await loadWorkspace(nodeFileSystem, folder({ ...base, 'mappings/iep.mapping.yaml': mapping }));
    assert.deepEqual(codes(ws.problems), [
      'E0041 mappings/iep.mapping.yaml /fields/caseManager',
      'E0041 mappings/iep.mapping.yaml /fields/services',
      'E0041 mappings/iep.mapping.yaml /fields/contacts',
      'E0041 mappings/iep.mapping.yaml /matchingElement/field',
    ]);
    assert.equal(
      ws.problems[0]?.message,
      "Field 'caseManager' is a text field: map it to one expression, not to a map.",
    );
    assert.deepEqual(at(ws.problems[0]), [4, 2, 4, 13]);
    assert.equal(
      ws.problems[1]?.message,
      "Field 'services' is a checkbox group: map each option to an expression, e.g. speech: Speech.",
    );
    assert.deepEqual(at(ws.problems[1]), [5, 12, 5, 18]);
    assert.match(
      ws.problems[2]?.message ?? '',
      /^Field 'contacts' is a repeater: map each of its fields .* separated by tabs/,
    );
    assert.match(ws.problems[3]?.message ?? '', /matching key needs a plain field/);
  });

  test('record matching without a matching element is E0018', async () => {
    const mapping = lines('form: report-card', 'import: term-grades', 'fields:', '  grade: Grade');
    const ws = await loadWorkspace(nodeFileSystem, folder({ ...base, 'mappings/grades.mapping.yaml': mapping }));
    assert.deepEqual(codes(ws.problems), ['E0018 mappings/grades.mapping.yaml /import']);
    assert.equal(
      ws.problems[0]?.message,
      "The mapping 'mappings/grades.mapping.yaml' reads 'term-grades', which has record matching on, but has no matchingElement.",
    );
  });

  test('required fields a mapping leaves out are E0048 on its fields key, unless no record is created', async () => {
    const form = lines(
      'id: report-card',
      'title: Report card',
      'fields:',
      '  - { id: term, type: text, required: true }',
      '  - { id: grade, type: text, required: true }',
      '  - { id: comment, type: text, required: true }',
      '  - { id: effort, type: radio, required: true, options: [good, poor] }',
      '  - { id: note, type: text }',
    );
    const mapping = lines(
      'form: report-card',
      'import: term-grades',
      'matchingElement: { field: term, expression: Term }',
      'fields:',
      '  grade: Grade',
    );
    const files = { ...base, 'forms/report-card.form.yaml': form, 'mappings/grades.mapping.yaml': mapping };
    const ws = await loadWorkspace(nodeFileSystem, folder(files));
    // term is the matching element, which a created record holds: it counts as mapped.
    assert.deepEqual(codes(ws.problems), ['E0048 mappings/grades.mapping.yaml /fields']);
    assert.equal(
      ws.problems[0]?.message,
      "The form 'report-card' requires 'comment' and 'effort', which are not among this mapping's fields: records it creates would lack them.",
    );
    assert.equal(ws.problems[0]?.severity, 'warning');
    assert.deepEqual(ws.problems[0]?.data, { form: 'report-card', unmapped: ['comment', 'effort'] });
    assert.deepEqual(at(ws.problems[0]), [3, 0, 3, 6]);

    const mapped = mapping.replace(
      '  grade: Grade\n',
      '  grade: Grade\n  comment: Comment\n  effort: { good: Good, poor: Poor }\n',
    );
    const all = await loadWorkspace(nodeFileSystem, folder({ ...files, 'mappings/grades.mapping.yaml': mapped }));
    assert.deepEqual(codes(all.problems), []);

    const neverCreates = `${base['imports/grades.import.yaml']}runOptions: { recordCreationMode: doNotCreate }\n`;
    const updates = await loadWorkspace(
      nodeFileSystem,
      folder({ ...files, 'imports/grades.import.yaml': neverCreates }),
    );
    assert.deepEqual(codes(updates.problems), []);

    // An unknown import is E0023 alone: whether it would create records is unknown.
    const orphan = mapping.replace('import: term-grades', 'import: nobody');
    const unknown = await loadWorkspace(nodeFileSystem, folder({ ...files, 'mappings/grades.mapping.yaml': orphan }));
    assert.deepEqual(codes(unknown.problems), ['E0023 mappings/grades.mapping.yaml /import']);

    // Without its matching element, E0018 says what is missing; E0048 would only repeat it.
    const keyless = mapping.replace('matchingElement: { field: term, expression: Term }\n', '');
    const noKey = await loadWorkspace(nodeFileSystem, folder({ ...files, 'mappings/grades.mapping.yaml': keyless }));
    assert.deepEqual(codes(noKey.problems), ['E0018 mappings/grades.mapping.yaml /import']);
  });

  test('a mapping expression that does not compile is E0035 at the token, inside a block scalar', async () => {
    const mapping = lines(
      'form: report-card',
      'import: term-grades',
      'matchingElement: { field: term, expression: Term }',
      'fields:',
      '  term: Term',
      '  grade: |',
      '    $uppercase(',
      '      Grade &',
      '    )',
    );
    const ws = await loadWorkspace(nodeFileSystem, folder({ ...base, 'mappings/grades.mapping.yaml': mapping }));
    assert.deepEqual(codes(ws.problems), ['E0035 mappings/grades.mapping.yaml /fields/grade']);
    assert.match(ws.problems[0]?.message ?? '', /^Field 'grade': syntax error at line 3, column 1 of the expression/);
    // JSONata stops at ')' on the expression's third line, which is line 8 of the file, column 4.
    assert.deepEqual(at(ws.problems[0]), [8, 4, 8, 5]);
  });

  test('missing transformation and sandbox files are E0001 where they are named', async () => {
    const files = { ...base };
    delete files['imports/transforms/scores.jsonata'];
    delete files['sandbox/people.csv'];
    const ws = await loadWorkspace(nodeFileSystem, folder(files));
    assert.deepEqual(codes(ws.problems).sort(), [
      'E0001 imports/scores.import.yaml /transformation/file',
      'E0001 importstudio.yaml /sandbox/people',
    ]);
    const people = ws.problems.find((p) => p.locations[0]?.file === 'importstudio.yaml');
    assert.deepEqual(at(people), [3, 10, 3, 28]);
  });

  test('an invalid file has no value, and its names raise no cascade of unknown-name problems', async () => {
    const broken = (base['imports/iep.import.yaml'] ?? '').replace('format: csv', 'format: xls');
    const ws = await loadWorkspace(nodeFileSystem, folder({ ...base, 'imports/iep.import.yaml': broken }));
    assert.deepEqual(codes(ws.problems), ['E0033 imports/iep.import.yaml /source/format']);
    assert.equal(ws.imports.find((d) => d.relativePath === 'imports/iep.import.yaml')?.value, undefined);
  });

  test('a syntax error stops schema validation of that file only', async () => {
    const ws = await loadWorkspace(
      nodeFileSystem,
      folder({ ...base, 'forms/report-card.form.yaml': 'id: [report-card\n' }),
    );
    assert.ok(ws.problems.length > 0);
    assert.ok(
      ws.problems.every((p) => p.code === 'E0032' || p.code === 'E0024'),
      codes(ws.problems).join(),
    );
    assert.ok(ws.problems.some((p) => p.code === 'E0032' && p.locations[0]?.file === 'forms/report-card.form.yaml'));
  });

  test('sandbox CSV problems name the row and the column', async () => {
    const people = lines('personId,localID,firstName,lastName,active', 'P1,1,Ana,Lopez,maybe', 'P2,2,,Ito,true');
    const ws = await loadWorkspace(nodeFileSystem, folder({ ...base, 'sandbox/people.csv': people }));
    assert.deepEqual(
      ws.problems.map((p) => p.message),
      [
        "Unknown column 'localID' in 'sandbox/people.csv'. Did you mean 'localId'?",
        "Row 1 of 'sandbox/people.csv': active must be true or false, not 'maybe'.",
        "Row 2 of 'sandbox/people.csv' has no firstName.",
      ],
    );
    assert.equal(ws.problems[2]?.locations[0]?.row, 2);
    assert.equal(ws.problems[2]?.locations[0]?.range?.start.line, 2);
    assert.deepEqual(
      ws.people.map((p) => p.personId),
      ['P1'],
    );
  });

  test('sandbox CSV: CRLF, blank lines and quoted commas read; a bad quote is E0015 at its line, rows before it kept', async () => {
    const people = [
      'personId,firstName,lastName,email',
      'P1,Ana,"Lopez, Jr.",ana@x.org',
      '   ',
      'P2,"Bo ""B""",Ito,',
      'P3,Cy,"Ng"x,',
      'P4,Di,Ow,',
    ].join('\r\n');
    const ws = await loadWorkspace(nodeFileSystem, folder({ ...base, 'sandbox/people.csv': people }));
    assert.deepEqual(
      ws.people.map((p) => [p.personId, p.firstName, p.lastName, p.email]),
      [
        ['P1', 'Ana', 'Lopez, Jr.', 'ana@x.org'],
        ['P2', 'Bo "B"', 'Ito', undefined],
      ],
    );
    const malformed = ws.problems.filter((p) => p.code === 'E0015');
    assert.equal(malformed.length, 1);
    assert.equal(
      malformed[0]?.message,
      "Malformed csv in 'sandbox/people.csv' at line 5: text follows a closing quote; the rest of the file was not read.",
    );
    assert.equal(malformed[0]?.locations[0]?.range?.start.line, 4);
  });

  test('a YAML sandbox with another name is validated as people', async () => {
    const files = {
      ...base,
      'importstudio.yaml': lines('version: 1', 'sftpRoot: sftp', 'sandbox:', '  people: fixtures/kids.yaml'),
      'fixtures/kids.yaml': lines('people:', '  - { personId: P1, firstName: A }'),
    };
    const ws = await loadWorkspace(nodeFileSystem, folder(files));
    assert.deepEqual(codes(ws.problems), ['E0033 fixtures/kids.yaml /people/0']);
    assert.equal(ws.problems[0]?.message, "Missing required key 'people[0].lastName'.");
  });

  test('oversized files are refused with E0042', async () => {
    const ws = await loadWorkspace(nodeFileSystem, folder(base), { maxFileSize: 300 });
    const refused = ws.problems.filter((p) => p.code === 'E0042');
    assert.ok(refused.some((p) => p.locations[0]?.file === 'forms/iep.form.yaml'));
  });

  test('fillProblemRanges places pointer-only problems in their file', async () => {
    const ws = await loadWorkspace(nodeFileSystem, folder(base));
    const reported = [
      problem('E0005', 'x', [{ file: 'imports/iep.import.yaml', pointer: '/source/format' }]),
      problem('E0008', 'y', [{ file: 'imports/iep.import.yaml', pointer: '/personMatching/nothing' }]),
      problem('E0016', 'z', [{ file: 'sftp/iep/iep.csv', row: 1 }]),
    ];
    const filled = fillProblemRanges(reported, ws);
    assert.deepEqual(at(filled[0]), [2, 49, 2, 52]); // the value csv
    // A pointer the file lacks falls back to its nearest ancestor's key.
    assert.deepEqual(at(filled[1]), [3, 0, 3, 14]);
    assert.equal(filled[2], reported[2]);
    assert.equal(reported[0]?.locations[0]?.range, undefined, 'the input is not changed');
  });
});
