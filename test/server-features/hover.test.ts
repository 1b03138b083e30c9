/** Hover: schema docs for keys and enum values, workspace facts for fields, forms and aliases, data for columns, JSONata docs. */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, test } from 'node:test';
import type { Hover } from 'vscode-languageserver-types';
import { doHover } from '../../server/src/service/hover';
import { openAt, removeWorkspaces } from './helpers';

after(removeWorkspaces);

const sample = (path: string) => readFileSync(new URL(`../../samples/${path}`, import.meta.url), 'utf8');
const iep = sample('imports/iep-snapshot.import.yaml');
const iepMapping = sample('mappings/iep-snapshot.mapping.yaml');

async function hover(path: string, marked: string, files?: Record<string, string>): Promise<Hover | null> {
  const { ctx, uri, position } = await openAt(path, marked, files);
  return doHover(ctx, uri, position);
}

function text(h: Hover | null): string {
  assert.ok(h, 'a hover');
  const c = h.contents;
  assert.ok(typeof c === 'object' && 'kind' in c && c.kind === 'markdown');
  return c.value;
}

test('a key: title, path, description, allowed values and default from the schema', async () => {
  const h = await hover('imports/iep-snapshot.import.yaml', iep.replace('  format: csv', '  for‸mat: csv'));
  assert.equal(
    text(h),
    '**File format** (`source.format`)\n\nThe format of the file. `csv` and `tsv` are read directly; `xml` and `json` **require** a `transformation`.\n\nAllowed values: `csv`, `tsv`, `xml`, `json`\n\nDefault: `csv`',
  );
  assert.deepEqual(h?.range, { start: { line: 9, character: 2 }, end: { line: 9, character: 8 } });
});

test('an enum value: its description', async () => {
  const h = await hover(
    'imports/iep-snapshot.import.yaml',
    iep.replace('recordCreationMode: createMissing', 'recordCreationMode: create‸Missing'),
  );
  assert.equal(
    text(h),
    '**`createMissing` · Record creation mode**\n\n**Create missing records**: a row without a record creates one; matching records are updated.',
  );
  const csv = await hover('imports/iep-snapshot.import.yaml', iep.replace('  format: csv', '  format: c‸sv'));
  assert.equal(text(csv), '**`csv` · File format (default)**\n\nComma-separated values with a **header row**.');
});

test('a value without its own documentation shows its key’s', async () => {
  const h = await hover(
    'imports/iep-snapshot.import.yaml',
    iep.replace('name: IEP Snapshot Data', 'name: IEP Snap‸shot Data'),
  );
  assert.match(text(h), /^\*\*Import name\*\* \(`name`\)\n\nThe readable label of the configuration/);
});

test('personMatching.idColumn: the column’s samples, type and counts from the profile', async () => {
  const h = await hover(
    'imports/iep-snapshot.import.yaml',
    iep.replace('idColumn: StateStudentID', 'idColumn: State‸StudentID'),
  );
  assert.equal(
    text(h),
    '**Column `StateStudentID`** · number\n\nSamples: `4996079348`, `5982023218`, `4521022138`, `5302819311`, `4350757761`\n\nEmpty in 0 of 118 rows · 118 distinct values\n\nFrom `sftp/iep/iep_snapshot.csv`.',
  );
  assert.deepEqual(h?.range, { start: { line: 14, character: 12 }, end: { line: 14, character: 26 } });
});

test('sort.column: the column of a tsv file', async () => {
  const h = await hover(
    'imports/sis-nightly.import.yaml',
    sample('imports/sis-nightly.import.yaml').replace('column: LastName', 'column: Last‸Name'),
  );
  assert.match(text(h), /^\*\*Column `LastName`\*\* · text\n\nSamples: /);
});

test('a column in a mapping expression, bare or between backticks', async () => {
  const h = await hover(
    'mappings/iep-snapshot.mapping.yaml',
    iepMapping.replace('  iepDate: IEPDate', '  iepDate: IEP‸Date'),
  );
  assert.equal(
    text(h),
    '**Column `IEPDate`** · date\n\nSamples: `2024-02-01`, `2024-12-31`, `2024-02-08`, `2024-10-30`, `2025-01-10`\n\nEmpty in 0 of 118 rows · 98 distinct values\n\nDate formats that fit: `yyyy-MM-dd`, `yyyy-M-d`\n\nFrom `sftp/iep/iep_snapshot.csv`.',
  );
  const files = {
    'sftp/names/names.csv': 'Student ID,First Name\n1001,Ana\n1002,\n',
    'imports/names.import.yaml':
      'name: Names\nalias: names\nsource:\n  type: sftp\n  file: names/names.csv\n  format: csv\n  dateFormat: M/d/yyyy\npersonMatching:\n  idColumn: Student ID\n  matchOn: localId\n',
  };
  const ticked = await hover(
    'mappings/names.mapping.yaml',
    'form: student-profile\nimport: names\nfields:\n  firstName: "$trim(`First ‸Name`)"\n',
    files,
  );
  assert.equal(
    text(ticked),
    '**Column `First Name`** · text\n\nSamples: `Ana`\n\nEmpty in 1 of 2 rows · 1 distinct value\n\nFrom `sftp/names/names.csv`.',
  );
  assert.deepEqual(ticked?.range, { start: { line: 3, character: 20 }, end: { line: 3, character: 32 } });
});

test('a JSONata function: its signature and doc, in a mapping, a transformation and a .jsonata file', async () => {
  const expected =
    '```jsonata\n$number(arg): number\n```\n\nCasts `arg` to a number: numeric strings (including hex `0x`, octal `0o`, binary `0b`) and booleans.\n\n*Numeric function*';
  const mapping = await hover(
    'mappings/student-profile.mapping.yaml',
    sample('mappings/student-profile.mapping.yaml').replace('$string($number(Grade))', '$string($num‸ber(Grade))'),
  );
  assert.equal(text(mapping), expected);
  assert.deepEqual(mapping?.range, { start: { line: 10, character: 44 }, end: { line: 10, character: 51 } });
  const block = await hover(
    'imports/emergency-contacts.import.yaml',
    sample('imports/emergency-contacts.import.yaml').replace('$exists(phone)', '$exi‸sts(phone)'),
  );
  assert.match(text(block), /^```jsonata\n\$exists\(arg\): boolean\n```/);
  const file = await hover(
    'imports/transforms/assessments.jsonata',
    sample('imports/transforms/assessments.jsonata').replace('$lookup(', '$look‸up('),
  );
  assert.match(text(file), /^```jsonata\n\$lookup\(object, key\): any\n```\n\nThe value of `key` in `object`/);
});

test('a mapped field id: its type, label, options and required flag', async () => {
  const h = await hover(
    'mappings/iep-snapshot.mapping.yaml',
    iepMapping.replace('  caseManager: CaseManager', '  case‸Manager: CaseManager'),
  );
  assert.equal(
    text(h),
    '**Field `caseManager`** · text · required · max 100 characters\n\nCase manager\n\nIn form IEP Snapshot (`iep-snapshot`).',
  );
  const dropdown = await hover(
    'mappings/report-card.mapping.yaml',
    sample('mappings/report-card.mapping.yaml').replace(
      '  readingGrade: ReadingGrade',
      '  reading‸Grade: ReadingGrade',
    ),
  );
  assert.equal(
    text(dropdown),
    '**Field `readingGrade`** · dropdown\n\nReading\n\nOptions: `A` (A - Excellent), `B` (B - Good), `C` (C - Satisfactory), `D` (D - Needs improvement), `F` (F - Failing)\n\nIn form Report Card (`report-card`).',
  );
});

test('an option of a group and a nested repeater field', async () => {
  const option = await hover(
    'mappings/iep-snapshot.mapping.yaml',
    iepMapping.replace('    speech: Svc_Speech', '    spe‸ech: Svc_Speech'),
  );
  assert.equal(
    text(option),
    '**Option `speech`** · Speech-language therapy\n\nOf the checkbox field `services` (Related services): its expression gives `true`, `false` or blank.',
  );
  const nested = await hover(
    'mappings/emergency-contacts.mapping.yaml',
    sample('mappings/emergency-contacts.mapping.yaml').replace('    phone: ContactPhones', '    ph‸one: ContactPhones'),
  );
  assert.equal(
    text(nested),
    '**Field `phone`** · text · max 20 characters\n\nPhone\n\nIn repeater `contacts` of form Emergency Contacts (`emergency-contacts`).',
  );
});

test('an alias: the import’s name, source, and the mappings that use it', async () => {
  const expected =
    '**Import `iep-snapshot`** · IEP Snapshot Data\n\nSource: `iep/iep_snapshot.csv` (csv, utf-8) · `imports/iep-snapshot.import.yaml`\n\nUsed by: `mappings/iep-snapshot.mapping.yaml` (form `iep-snapshot`)';
  assert.equal(
    text(await hover('imports/iep-snapshot.import.yaml', iep.replace('alias: iep-snapshot', 'alias: iep‸-snapshot'))),
    expected,
  );
  assert.equal(
    text(
      await hover(
        'mappings/iep-snapshot.mapping.yaml',
        iepMapping.replace('import: iep-snapshot', 'import: iep-snap‸shot'),
      ),
    ),
    expected,
  );
});

test('a form id: its title and field count, in a mapping and in the form itself', async () => {
  const expected =
    '**Form `iep-snapshot`** · IEP Snapshot\n\n7 fields (3 required) · `forms/iep-snapshot.form.yaml`\n\nFilled by: `mappings/iep-snapshot.mapping.yaml` (import `iep-snapshot`)';
  assert.equal(
    text(
      await hover(
        'mappings/iep-snapshot.mapping.yaml',
        iepMapping.replace('form: iep-snapshot', 'form: iep‸-snapshot'),
      ),
    ),
    expected,
  );
  assert.equal(
    text(
      await hover(
        'forms/iep-snapshot.form.yaml',
        sample('forms/iep-snapshot.form.yaml').replace('id: iep-snapshot', 'id: iep-‸snapshot'),
      ),
    ),
    expected,
  );
});

test('matchingElement.field: the field it names', async () => {
  const h = await hover(
    'mappings/report-card.mapping.yaml',
    sample('mappings/report-card.mapping.yaml').replace('  field: term', '  field: te‸rm'),
  );
  assert.match(text(h), /^\*\*Field `term`\*\* · dropdown · required\n\nTerm\n\nOptions: `Fall`, `Winter`, `Spring`/);
});

test('JSON files: keys and enum values', async () => {
  const json = '{\n  "name": "X",\n  "alias": "x",\n  "personMatching": { "idColumn": "ID", "ma‸tchOn": "email" }\n}';
  assert.match(text(await hover('imports/x.import.json', json)), /^\*\*Match on\*\* \(`personMatching.matchOn`\)/);
  const value = json.replace('"ma‸tchOn": "email"', '"matchOn": "em‸ail"');
  assert.equal(
    text(await hover('imports/x.import.json', value)),
    "**`email` · Match on**\n\nThe person's **email address**.",
  );
});

test('no hover on a comment', async () => {
  assert.equal(await hover('imports/iep-snapshot.import.yaml', iep.replace('# a. A first', '# a. A fi‸rst')), null);
});
