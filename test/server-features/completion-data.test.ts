/** Completion of values that come from the workspace and the data: columns, fields, options, aliases, forms, date formats. */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, test } from 'node:test';
import { CompletionItemKind } from 'vscode-languageserver-types';
import { doComplete } from '../../server/src/service/completion';
import { docOf, item, labels, newText, openAt, removeWorkspaces } from './helpers';

after(removeWorkspaces);

const sample = (path: string) => readFileSync(new URL(`../../samples/${path}`, import.meta.url), 'utf8');

async function complete(path: string, marked: string, files?: Record<string, string>) {
  const { ctx, uri, position } = await openAt(path, marked, files);
  return doComplete(ctx, uri, position).items;
}

const iepColumns = [
  'StateStudentID',
  'LastName',
  'FirstName',
  'Grade',
  'PrimaryDisability',
  'CaseManager',
  'IEPDate',
  'NextReviewDate',
  'ReevaluationDate',
  'Svc_Speech',
  'Svc_OT',
  'Svc_PT',
  'Svc_Counseling',
  'Svc_ResourceRoom',
  'Svc_Transportation',
  'Notes',
];

test('personMatching.idColumn: the columns of the sample file, in file order, with their profile', async () => {
  const items = await complete(
    'imports/iep-snapshot.import.yaml',
    sample('imports/iep-snapshot.import.yaml').replace('idColumn: StateStudentID', 'idColumn: State‸StudentID'),
  );
  assert.deepEqual(labels(items), iepColumns);
  const id = item(items, 'StateStudentID');
  assert.equal(id.kind, CompletionItemKind.Field);
  assert.equal(id.detail, 'number column · e.g. 4996079348');
  assert.equal(newText(id), 'StateStudentID');
  assert.equal(
    docOf(item(items, 'IEPDate')),
    '**Column `IEPDate`** · date\n\nSamples: `2024-02-01`, `2024-12-31`, `2024-02-08`, `2024-10-30`, `2025-01-10`\n\nEmpty in 0 of 118 rows · 98 distinct values\n\nDate formats that fit: `yyyy-MM-dd`, `yyyy-M-d`\n\nFrom `sftp/iep/iep_snapshot.csv`.',
  );
});

test('sort.column: the columns of a tsv file', async () => {
  const items = await complete(
    'imports/sis-nightly.import.yaml',
    sample('imports/sis-nightly.import.yaml').replace('column: LastName', 'column: La‸stName'),
  );
  assert.deepEqual(labels(items), [
    'StudentNumber',
    'LastName',
    'FirstName',
    'MiddleName',
    'Gender',
    'BirthDate',
    'Grade',
    'School',
    'EntryDate',
    'HomeLanguage',
    'ELL',
    'Homeroom',
  ]);
  assert.equal(item(items, 'School').detail, 'text column · e.g. Cedar Ridge Elementary');
});

test('source.dateFormat: the patterns that fit the sample dates first, then the common ones with an example', async () => {
  const items = await complete(
    'imports/iep-snapshot.import.yaml',
    sample('imports/iep-snapshot.import.yaml').replace('dateFormat: yyyy-MM-dd', 'dateFormat: yyyy-MM-‸dd'),
  );
  assert.deepEqual(labels(items), [
    'yyyy-MM-dd',
    'yyyy-M-d',
    'M/d/yyyy',
    'MM/dd/yyyy',
    'yyyyMMdd',
    'd/M/yyyy',
    'dd/MM/yyyy',
    'dd.MM.yyyy',
    'dd-MM-yyyy',
    'MM-dd-yyyy',
    'yyyy/MM/dd',
    'M/d/yy',
    'MM/dd/yy',
    'MMddyyyy',
  ]);
  const fits = item(items, 'yyyy-MM-dd');
  assert.equal(fits.detail, 'fits IEPDate, NextReviewDate, ReevaluationDate');
  assert.equal(fits.preselect, true);
  assert.equal(
    docOf(fits),
    '**yyyy-MM-dd** reads every value of `IEPDate`, `NextReviewDate`, `ReevaluationDate` in the sample.\n\nSamples: `2024-02-01`, `2024-12-31`, `2024-02-08`\n\nExample: `2025-03-07` is 7 March 2025.',
  );
  assert.equal(item(items, 'd/M/yyyy').detail, '7/3/2025 · day first, no leading zeros');
  assert.equal(newText(item(items, 'M/d/yyyy')), 'M/d/yyyy');
});

test('source.encoding: the encoding the bytes look like comes first', async () => {
  const items = await complete(
    'imports/sis-nightly.import.yaml',
    sample('imports/sis-nightly.import.yaml').replace('encoding: windows-1252', 'encoding: utf‸-8'),
  );
  assert.deepEqual(labels(items), ['windows-1252', 'utf-8', 'ascii', 'iso-8859-1', 'utf-16le', 'utf-16be']);
  assert.equal(item(items, 'windows-1252').detail, 'detected in the sample file');
  assert.equal(
    docOf(item(items, 'windows-1252')),
    "Windows Western European (the platform's **ANSI**), common for Excel exports.",
  );
});

test('mapping fields: the form’s unmapped field ids, required first, with a template for their type', async () => {
  const mapping = sample('mappings/iep-snapshot.mapping.yaml')
    .replace('  caseManager: CaseManager\n', '')
    .replace(/ {2}services:\n( {4}.*\n)+/, '')
    .replace('  notes: Notes\n', '  ‸\n');
  const items = await complete('mappings/iep-snapshot.mapping.yaml', mapping);
  assert.deepEqual(labels(items), ['caseManager', 'services', 'notes']);
  const caseManager = item(items, 'caseManager');
  assert.equal(caseManager.kind, CompletionItemKind.Field);
  assert.equal(caseManager.detail, 'text · required · Case manager');
  // The column named like the field is the placeholder's default.
  assert.equal(newText(caseManager), 'caseManager: ${1:CaseManager}');
  assert.equal(
    newText(item(items, 'services')),
    'services:\n  speech: $1\n  occupationalTherapy: $2\n  physicalTherapy: $3\n  counseling: $4\n  resourceRoom: $5\n  transportation: $6',
  );
  assert.equal(
    docOf(item(items, 'services')),
    '**Field `services`** · checkbox\n\nRelated services\n\nOptions: `speech` (Speech-language therapy), `occupationalTherapy` (Occupational therapy), `physicalTherapy` (Physical therapy), `counseling` (Counseling), `resourceRoom` (Resource room), `transportation` (Special transportation)\n\nMap each option value to an expression giving `true`, `false` or blank.\n\nIn form IEP Snapshot (`iep-snapshot`).',
  );
});

test('checkbox and radio groups: the option values not mapped yet', async () => {
  const iep = await complete(
    'mappings/iep-snapshot.mapping.yaml',
    sample('mappings/iep-snapshot.mapping.yaml').replace('    counseling: Svc_Counseling\n', '    ‸\n'),
  );
  assert.deepEqual(labels(iep), ['counseling']);
  const counseling = item(iep, 'counseling');
  assert.equal(counseling.kind, CompletionItemKind.EnumMember);
  assert.equal(counseling.detail, 'checkbox option · Counseling');
  assert.equal(newText(counseling), 'counseling: $1');
  const effort = await complete(
    'mappings/report-card.mapping.yaml',
    sample('mappings/report-card.mapping.yaml').replace(
      '    good: Effort_Good\n    satisfactory: Effort_Satisfactory\n',
      '    ‸\n',
    ),
  );
  assert.deepEqual(labels(effort), ['good', 'satisfactory']);
});

test('repeaters: the nested field ids', async () => {
  const items = await complete(
    'mappings/emergency-contacts.mapping.yaml',
    sample('mappings/emergency-contacts.mapping.yaml').replace('    phone: ContactPhones\n', '    p‸\n'),
  );
  assert.deepEqual(labels(items), ['phone']);
  assert.equal(item(items, 'phone').detail, 'text · Phone');
  assert.match(
    docOf(item(items, 'phone')),
    /In repeater `contacts` of form Emergency Contacts \(`emergency-contacts`\)\.$/,
  );
});

test('mapping import: the aliases, with the import’s name, source and users', async () => {
  const items = await complete(
    'mappings/student-profile.mapping.yaml',
    sample('mappings/student-profile.mapping.yaml').replace('import: sis-nightly', 'import: ‸'),
  );
  assert.deepEqual(labels(items).sort(), [
    'assessments',
    'emergency-contacts',
    'iep-snapshot',
    'sis-nightly',
    'term-grades',
  ]);
  const grades = item(items, 'term-grades');
  assert.equal(grades.kind, CompletionItemKind.Reference);
  assert.equal(grades.detail, 'Term Grades 2024-2025');
  assert.equal(
    docOf(grades),
    '**Import `term-grades`** · Term Grades 2024-2025\n\nSource: `grades/term_grades_2024-2025.csv` (csv, utf-8) · `imports/term-grades.import.yaml`\n\nUsed by: `mappings/report-card.mapping.yaml` (form `report-card`)',
  );
});

test('mapping form: the form ids, with their titles', async () => {
  const items = await complete(
    'mappings/report-card.mapping.yaml',
    sample('mappings/report-card.mapping.yaml').replace('form: report-card', 'form: rep‸'),
  );
  assert.deepEqual(labels(items).sort(), [
    'assessment-results',
    'emergency-contacts',
    'iep-snapshot',
    'report-card',
    'student-profile',
  ]);
  assert.equal(item(items, 'report-card').detail, 'Report Card');
  assert.equal(newText(item(items, 'report-card')), 'report-card');
  assert.match(
    docOf(item(items, 'report-card')),
    /^\*\*Form `report-card`\*\* · Report Card\n\n7 fields \(1 required\)/,
  );
});

test('matchingElement.field: the plain fields of the form (no groups), required first', async () => {
  const items = await complete(
    'mappings/report-card.mapping.yaml',
    sample('mappings/report-card.mapping.yaml').replace('  field: term', '  field: ‸'),
  );
  assert.deepEqual(labels(items), [
    'term',
    'readingGrade',
    'mathGrade',
    'scienceGrade',
    'daysAbsent',
    'teacherComment',
  ]);
  assert.equal(item(items, 'term').detail, 'dropdown · Term');
});

test('JSON mapping: field ids and group templates as JSON', async () => {
  const text = '{\n  "form": "report-card",\n  "import": "term-grades",\n  "fields": {\n    "‸"\n  }\n}';
  const items = await complete('mappings/grades.mapping.json', text);
  assert.deepEqual(labels(items), [
    'term',
    'readingGrade',
    'mathGrade',
    'scienceGrade',
    'effort',
    'daysAbsent',
    'teacherComment',
  ]);
  assert.equal(newText(item(items, 'readingGrade')), '"readingGrade": "${1:ReadingGrade}"');
  assert.equal(
    newText(item(items, 'effort')),
    '"effort": {\n  "excellent": "$1",\n  "good": "$2",\n  "satisfactory": "$3",\n  "needsImprovement": "$4"\n}',
  );
});
