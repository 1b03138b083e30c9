/** Completion from the schemas: keys, values, snippets, in YAML and JSON, while the document is incomplete. */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, test } from 'node:test';
import { CompletionItemKind, InsertTextFormat } from 'vscode-languageserver-types';
import { doComplete } from '../../server/src/service/completion';
import { docOf, item, labels, newText, openAt, removeWorkspaces } from './helpers';

after(removeWorkspaces);

const sample = (path: string) => readFileSync(new URL(`../../samples/${path}`, import.meta.url), 'utf8');
const iep = sample('imports/iep-snapshot.import.yaml');
const iepForm = sample('forms/iep-snapshot.form.yaml');

async function complete(path: string, marked: string, files?: Record<string, string>) {
  const { ctx, uri, position } = await openAt(path, marked, files);
  return doComplete(ctx, uri, position).items;
}

test('root keys of an import: only the missing ones, with title, documentation and snippet', async () => {
  const items = await complete('imports/iep-snapshot.import.yaml', iep.replace('recordMatching: false\n', '‸\n'));
  assert.deepEqual(labels(items), ['transformation', 'transformation', 'sort', 'recordMatching', 'automation']);
  const recordMatching = item(items, 'recordMatching');
  assert.equal(recordMatching.kind, CompletionItemKind.Property);
  assert.equal(recordMatching.detail, 'Enable record matching');
  assert.equal(newText(recordMatching), 'recordMatching: ${1|false,true|}');
  assert.equal(recordMatching.insertTextFormat, InsertTextFormat.Snippet);
  assert.match(
    docOf(recordMatching),
    /^\*\*Enable record matching\*\* \(`recordMatching`\)\n\n\*\*Off\*\* \(default\)/,
  );
  assert.match(docOf(recordMatching), /Default: `false`$/);
  // An object key inserts the nested keys of its defaultSnippets body; one item per snippet.
  assert.equal(newText(item(items, 'sort')), 'sort:\n  column: ${1:LastName}\n  direction: ${2|ascending,descending|}');
  assert.equal(
    newText(item(items, 'transformation', 'inline expression')),
    'transformation:\n  expression: ${1:records}',
  );
  assert.equal(
    newText(item(items, 'transformation', 'expression file')),
    'transformation:\n  file: ${1:transforms/import.jsonata}',
  );
  assert.equal(newText(item(items, 'automation')), 'automation:\n  $1');
});

test('required keys come first', async () => {
  const items = await complete('imports/new.import.yaml', 'name: New\n‸\n');
  assert.deepEqual(labels(items), [
    'alias',
    'source',
    'personMatching',
    'description',
    'transformation',
    'transformation',
    'sort',
    'recordMatching',
    'runOptions',
    'automation',
  ]);
  assert.equal(
    newText(item(items, 'source')),
    'source:\n  type: sftp\n  file: ${1:imports/data.csv}\n  format: ${2|csv,tsv,xml,json|}\n  dateFormat: ${3:M/d/yyyy}',
  );
});

test('an xml source makes transformation required (if/then in the schema)', async () => {
  const items = await complete('imports/new.import.yaml', 'name: X\nalias: x\nsource:\n  format: xml\n‸\n');
  assert.deepEqual(labels(items).slice(0, 4), ['transformation', 'transformation', 'personMatching', 'description']);
});

test('an empty line under a mapping offers that mapping’s keys, with enum choices and defaults', async () => {
  const items = await complete('imports/iep-snapshot.import.yaml', iep.replace('  encoding: utf-8\n', '  ‸\n'));
  assert.deepEqual(labels(items), ['encoding']);
  assert.equal(
    newText(item(items, 'encoding')),
    'encoding: ${1|utf-8,ascii,windows-1252,iso-8859-1,utf-16le,utf-16be|}',
  );
  assert.match(
    docOf(item(items, 'encoding')),
    /Allowed values: `utf-8`, `ascii`, `windows-1252`, `iso-8859-1`, `utf-16le`, `utf-16be`/,
  );
});

test('a partial key replaces what is typed; keys of the same level only', async () => {
  const marked = iep.replace(
    'runOptions:\n  recordCreationMode: createMissing\n',
    'runOptions:\n  recordCreationMode: createMissing\n  err‸\n',
  );
  assert.deepEqual(labels(await complete('imports/iep-snapshot.import.yaml', marked)), ['ignoreErrorThreshold']);
  const { ctx, uri, position } = await openAt(
    'imports/iep-snapshot.import.yaml',
    marked.replace('  errorThreshold: 500\n', ''),
  );
  const again = doComplete(ctx, uri, position).items;
  assert.deepEqual(labels(again), ['errorThreshold', 'ignoreErrorThreshold']);
  const threshold = item(again, 'errorThreshold');
  assert.equal(newText(threshold), 'errorThreshold: ${1:500}');
  assert.deepEqual(threshold.textEdit && 'range' in threshold.textEdit ? threshold.textEdit.range : undefined, {
    start: { line: position.line, character: 2 },
    end: { line: position.line, character: 5 },
  });
});

test('a key with no value yet: the new mapping under it gets its keys', async () => {
  const items = await complete('imports/new.import.yaml', 'name: X\npersonMatching:\n  id‸\n');
  assert.deepEqual(labels(items), ['idColumn', 'matchOn', 'ignoreLeadingZeros', 'digitsOnly', 'match on local id']);
  assert.equal(newText(item(items, 'matchOn')), 'matchOn: ${1|localId,proprietaryId,email|}');
  const snippet = item(items, 'match on local id');
  assert.equal(snippet.kind, CompletionItemKind.Snippet);
  assert.equal(newText(snippet), 'idColumn: ${1:StudentID}\nmatchOn: ${2|localId,proprietaryId,email|}');
});

test('editing a key that already has a value inserts the name only', async () => {
  const items = await complete('imports/iep-snapshot.import.yaml', iep.replace('  format: csv', '  form‸at: csv'));
  assert.equal(newText(item(items, 'format')), 'format');
});

test('a new list item of a form offers field keys and the field snippets, indented past the dash', async () => {
  const items = await complete(
    'forms/iep-snapshot.form.yaml',
    iepForm.replace('  - id: notes\n', '  - ‸\n  - id: notes\n'),
  );
  assert.deepEqual(labels(items), [
    'id',
    'type',
    'label',
    'options',
    'required',
    'maxLength',
    'fields',
    'maxLimit',
    'text field',
    'dropdown field',
    'repeater',
  ]);
  assert.equal(
    newText(item(items, 'repeater')),
    'id: ${1:contacts}\n  type: repeater\n  maxLimit: 4\n  fields:\n    - id: ${2:name}\n      type: text',
  );
  assert.equal(newText(item(items, 'type')), 'type: ${1|text,textarea,number,date,dropdown,radio,checkbox,repeater|}');
});

test('keys of a form field follow its type: a text field is not offered options or nested fields', async () => {
  const items = await complete(
    'forms/iep-snapshot.form.yaml',
    iepForm.replace('    label: Case notes\n', '    label: Case notes\n    ‸\n'),
  );
  assert.deepEqual(labels(items), ['required']);
  const dropdown = await complete(
    'forms/new.form.yaml',
    'id: f\ntitle: F\nfields:\n  - id: a\n    type: dropdown\n    ‸\n',
  );
  assert.deepEqual(labels(dropdown), ['options', 'label', 'required', 'maxLength']);
  assert.equal(newText(item(dropdown, 'options')), 'options:\n  - $1');
});

test('keys in a YAML flow mapping', async () => {
  const items = await complete('forms/new.form.yaml', 'id: f\ntitle: F\nfields:\n  - { id: a, ty‸ }\n');
  assert.deepEqual(labels(items), ['type', 'label', 'options', 'required', 'maxLength', 'fields', 'maxLimit']);
  assert.equal(newText(item(items, 'type')), 'type: ${1|text,textarea,number,date,dropdown,radio,checkbox,repeater|}');
  // Nothing can go on the next lines of a flow mapping: collections stay inline.
  assert.equal(newText(item(items, 'options')), 'options: [$1]');
});

test('enum values with their descriptions, the default first and preselected', async () => {
  const items = await complete('imports/iep-snapshot.import.yaml', iep.replace('  format: csv', '  format: ‸'));
  assert.deepEqual(labels(items), ['csv', 'tsv', 'xml', 'json']);
  const csv = item(items, 'csv');
  assert.equal(csv.kind, CompletionItemKind.EnumMember);
  assert.equal(csv.preselect, true);
  assert.equal(csv.detail, 'default');
  assert.equal(docOf(csv), 'Comma-separated values with a **header row**.');
  assert.equal(docOf(item(items, 'xml')), 'An XML document. Needs a `transformation` that returns rows.');
  assert.equal(newText(item(items, 'tsv')), 'tsv');
});

test('a partly typed value is replaced whole, keeping the quotes the user chose', async () => {
  const { ctx, uri, position } = await openAt(
    'imports/iep-snapshot.import.yaml',
    iep.replace('matchOn: proprietaryId', 'matchOn: "lo‸cal"'),
  );
  const items = doComplete(ctx, uri, position).items;
  const local = item(items, 'localId');
  assert.equal(newText(local), '"localId"');
  assert.deepEqual(local.textEdit && 'range' in local.textEdit ? local.textEdit.range : undefined, {
    start: { line: position.line, character: 11 },
    end: { line: position.line, character: 18 },
  });
  assert.equal(docOf(local), "The person's **Local ID**.");
});

test('booleans, the default first', async () => {
  const items = await complete(
    'imports/iep-snapshot.import.yaml',
    iep.replace('recordMatching: false', 'recordMatching: ‸'),
  );
  assert.deepEqual(labels(items), ['false', 'true']);
  assert.equal(item(items, 'false').kind, CompletionItemKind.Value);
  assert.equal(item(items, 'false').preselect, true);
});

test('JSON: keys inside an object being typed, quoted, with a comma when an entry follows', async () => {
  const text = '{\n  "name": "X",\n  "source": {\n    "‸"\n  }\n}';
  const items = await complete('imports/new.import.json', text);
  assert.deepEqual(labels(items), [
    'type',
    'file',
    'format',
    'dateFormat',
    'encoding',
    'recordPath',
    'SFTP csv source',
  ]);
  assert.equal(newText(item(items, 'format')), '"format": "${1|csv,tsv,xml,json|}"');
  assert.equal(item(items, 'format').filterText, '"format"');
  assert.equal(newText(item(items, 'type')), '"type": "sftp"');
  const followed = await complete('imports/new.import.json', '{\n  "name": "X",\n  ‸\n  "alias": "x"\n}');
  assert.equal(
    newText(item(followed, 'personMatching')),
    '"personMatching": {\n  "idColumn": "${1:StudentID}",\n  "matchOn": "${2|localId,proprietaryId,email|}"\n},',
  );
  assert.equal(newText(item(followed, 'recordMatching')), '"recordMatching": ${1|false,true|},');
});

test('JSON: values, quoted; a half-typed JSON file still completes', async () => {
  const items = await complete(
    'imports/new.import.json',
    '{\n  "name": "X",\n  "source": { "format": "x‸", "type": "sftp" }\n}',
  );
  assert.equal(newText(item(items, 'xml')), '"xml"');
  const unclosed = await complete('imports/new.import.json', '{"name": "X", "personMatching": {"matchOn": "em‸');
  assert.deepEqual(labels(unclosed), ['localId', 'proprietaryId', 'email']);
  assert.equal(newText(item(unclosed, 'email')), '"email"');
});

test('new-file snippets: an empty import, form and mapping file offer a whole document', async () => {
  const imports = await complete('imports/new.import.yaml', '‸');
  const csv = item(imports, 'CSV import');
  assert.equal(csv.kind, CompletionItemKind.Snippet);
  assert.equal(csv.detail, 'New import file: A CSV file matched on the local id');
  assert.equal(
    newText(csv),
    'name: ${1:Student Data}\nalias: ${2:student-data}\nsource:\n  type: sftp\n  file: ${3:imports/students.csv}\n  format: csv\n  dateFormat: ${4:M/d/yyyy}\npersonMatching:\n  idColumn: ${5:StudentID}\n  matchOn: localId\n',
  );
  const form = item(await complete('forms/new.form.yaml', '‸'), 'form');
  assert.equal(
    newText(form),
    'id: ${1:iep-snapshot}\ntitle: ${2:IEP Snapshot}\nfields:\n  - id: ${3:caseManager}\n    label: ${4:Case manager}\n    type: text\n',
  );
  const mapping = item(await complete('mappings/new.mapping.yaml', '‸'), 'mapping');
  assert.equal(
    newText(mapping),
    'form: ${1|assessment-results,emergency-contacts,iep-snapshot,report-card,student-profile|}\nimport: ${2|assessments,emergency-contacts,iep-snapshot,sis-nightly,term-grades|}\nfields:\n  ${3:caseManager}: ${4:CaseManager}\n',
  );
  const json = item(await complete('forms/new.form.json', '‸'), 'form');
  assert.equal(
    newText(json),
    JSON.stringify(
      {
        id: '${1:iep-snapshot}',
        title: '${2:IEP Snapshot}',
        fields: [{ id: '${3:caseManager}', label: '${4:Case manager}', type: 'text' }],
      },
      null,
      2,
    ),
  );
});

test('the workspace file: keys and the single allowed version', async () => {
  const items = await complete('importstudio.yaml', 'version: ‸\n');
  assert.deepEqual(labels(items), ['1']);
  assert.equal(docOf(item(items, '1')), 'The first version of the workspace format.');
  const keys = await complete('importstudio.yaml', 'version: 1\n‸\n');
  assert.deepEqual(labels(keys), ['name', 'sftpRoot', 'sandbox', 'dryRun', 'store']);
  assert.equal(newText(item(keys, 'sftpRoot')), 'sftpRoot: ${1:.}');
});

test('nothing is offered in a comment', async () => {
  assert.deepEqual(
    await complete('imports/iep-snapshot.import.yaml', iep.replace('# a. A first', '# a. A fi‸rst')),
    [],
  );
});
