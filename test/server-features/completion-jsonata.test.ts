/** Completion inside JSONata: the standard library and the columns an expression can name. */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, test } from 'node:test';
import { CompletionItemKind, InsertTextFormat } from 'vscode-languageserver-types';
import { doComplete } from '../../server/src/service/completion';
import { jsonataFunctions } from '../../server/src/service/jsonata';
import { docOf, item, labels, newText, openAt, removeWorkspaces } from './helpers';

after(removeWorkspaces);

const sample = (path: string) => readFileSync(new URL(`../../samples/${path}`, import.meta.url), 'utf8');
const iepMapping = sample('mappings/iep-snapshot.mapping.yaml');
const functionLabels = jsonataFunctions.map((f) => `$${f.name}`).sort();

async function complete(path: string, marked: string, files?: Record<string, string>) {
  const { ctx, uri, position } = await openAt(path, marked, files);
  return { items: doComplete(ctx, uri, position).items, position };
}

/** A csv whose headers need backticks in JSONata, its import, and a mapping to fill in. */
const namesFiles = {
  'sftp/names/names.csv': 'Student ID,First Name,Last Name\n1001,Ana,Lopez\n1002,Ben,Okafor\n',
  'imports/names.import.yaml':
    'name: Names\nalias: names\nsource:\n  type: sftp\n  file: names/names.csv\n  format: csv\n  dateFormat: M/d/yyyy\npersonMatching:\n  idColumn: Student ID\n  matchOn: localId\n',
};

test('a `$` in a mapping expression offers the standard library, with signatures and snippets', async () => {
  const { items, position } = await complete(
    'mappings/iep-snapshot.mapping.yaml',
    iepMapping.replace('caseManager: CaseManager', 'caseManager: $sub‸'),
  );
  assert.deepEqual(labels(items).sort(), functionLabels);
  const substring = item(items, '$substring');
  assert.equal(substring.kind, CompletionItemKind.Function);
  assert.equal(substring.detail, '$substring(str, start[, length]): string');
  assert.equal(substring.insertTextFormat, InsertTextFormat.Snippet);
  assert.equal(newText(substring), '\\$substring(${1:str}, ${2:start})');
  assert.deepEqual(substring.textEdit && 'range' in substring.textEdit ? substring.textEdit.range : undefined, {
    start: { line: position.line, character: 15 },
    end: { line: position.line, character: 19 },
  });
  assert.equal(
    docOf(substring),
    '```jsonata\n$substring(str, start[, length]): string\n```\n\nThe part of `str` from position `start` (0-based; negative counts from the end), at most `length` characters.\n\n*String function*',
  );
  assert.equal(newText(item(items, '$now')), '\\$now()');
  assert.equal(newText(item(items, '$join')), '\\$join(${1:array})');
});

test('an empty mapping expression offers the columns first, then the functions', async () => {
  const { items } = await complete(
    'mappings/iep-snapshot.mapping.yaml',
    iepMapping.replace('  notes: Notes', '  notes: ‸'),
  );
  const all = labels(items);
  assert.deepEqual(all.slice(0, 3), ['StateStudentID', 'LastName', 'FirstName']);
  assert.equal(all.length, 16 + jsonataFunctions.length);
  const notes = item(items, 'Notes');
  assert.equal(notes.kind, CompletionItemKind.Field);
  assert.equal(newText(notes), 'Notes');
  assert.equal(item(items, '$trim').filterText, 'trim');
});

test('matchingElement.expression offers the columns', async () => {
  const { items } = await complete(
    'mappings/report-card.mapping.yaml',
    sample('mappings/report-card.mapping.yaml').replace('  expression: Term', '  expression: Te‸'),
  );
  assert.equal(newText(item(items, 'Term')), 'Term');
  assert.equal(item(items, 'Term').detail, 'text column · e.g. Fall');
});

test('columns that are not JSONata names get backticks, and a plain YAML value that would start with one is quoted', async () => {
  const mapping = (line: string) => `form: student-profile\nimport: names\nfields:\n  ${line}\n`;
  const start = await complete('mappings/names.mapping.yaml', mapping('firstName: ‸'), namesFiles);
  assert.deepEqual(labels(start.items).slice(0, 3), ['Student ID', 'First Name', 'Last Name']);
  assert.equal(newText(item(start.items, 'First Name')), '"`First Name`"');
  const inside = await complete('mappings/names.mapping.yaml', mapping('firstName: $trim(‸)'), namesFiles);
  assert.equal(newText(item(inside.items, 'First Name')), '`First Name`');
  const ticked = await complete('mappings/names.mapping.yaml', mapping('lastName: "$uppercase(`La‸`)"'), namesFiles);
  assert.deepEqual(labels(ticked.items), ['Student ID', 'First Name', 'Last Name']);
  const last = item(ticked.items, 'Last Name');
  assert.equal(newText(last), '`Last Name`');
  assert.equal(last.filterText, '`Last Name');
  assert.deepEqual(last.textEdit && 'range' in last.textEdit ? last.textEdit.range : undefined, {
    start: { line: 3, character: 24 },
    end: { line: 3, character: 28 },
  });
});

test('a transformation block scalar offers functions, not the processed columns it produces', async () => {
  const marked = sample('imports/emergency-contacts.import.yaml').replace(
    '"PickupNotes": pickupNotes',
    '"PickupNotes": $tr‸',
  );
  const { items, position } = await complete('imports/emergency-contacts.import.yaml', marked);
  assert.deepEqual(labels(items).sort(), functionLabels);
  const trim = item(items, '$trim');
  assert.deepEqual(trim.textEdit && 'range' in trim.textEdit ? trim.textEdit.range : undefined, {
    start: { line: position.line, character: 21 },
    end: { line: position.line, character: 24 },
  });
});

test('a .jsonata file is one expression', async () => {
  const text = sample('imports/transforms/assessments.jsonata').replace('"Grade": $student.`@grade`', '"Grade": $up‸');
  const { items } = await complete('imports/transforms/assessments.jsonata', text);
  assert.equal(newText(item(items, '$uppercase')), '\\$uppercase(${1:str})');
  assert.ok(items.every((i) => i.kind === CompletionItemKind.Function));
});

test('nothing inside a JSONata string literal', async () => {
  const marked = sample('mappings/student-profile.mapping.yaml').replace(
    `'ELL = "Y" ? "Yes" : "No"'`,
    `'ELL = "Y‸" ? "Yes" : "No"'`,
  );
  const { items } = await complete('mappings/student-profile.mapping.yaml', marked);
  assert.deepEqual(items, []);
});

test('the catalog covers every function the installed jsonata binds', () => {
  const source = readFileSync(new URL('../../node_modules/jsonata/jsonata.js', import.meta.url), 'utf8');
  const bound = [...source.matchAll(/staticFrame\.bind\('(\w+)'/g)].map((m) => m[1] ?? '');
  assert.ok(bound.length > 60);
  const names = new Set(jsonataFunctions.map((f) => f.name));
  assert.deepEqual(
    bound.filter((name) => !names.has(name)),
    [],
  );
  // $now and $millis are bound per evaluation, not in the static frame.
  assert.ok(names.has('now') && names.has('millis'));
});
