import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { at, check, lines, only } from '../workspace/helpers';

describe('form schema', () => {
  const form = (...fields: string[]) => lines('id: iep-snapshot', 'title: IEP Snapshot', 'fields:', ...fields);

  test('a form with every field type is valid', () => {
    const text = form(
      '  - { id: caseManager, label: Case manager, type: text, required: true, maxLength: 4000 }',
      '  - { id: notes, type: textarea }',
      '  - { id: score, type: number }',
      '  - { id: iepDate, type: date }',
      '  - { id: disability, type: dropdown, options: [Autism, { value: SLD, label: Learning disability }] }',
      '  - { id: gradeLevel, type: radio, options: [K, "1"] }',
      '  - { id: services, type: checkbox, options: [speech, ot] }',
      '  - id: contacts',
      '    type: repeater',
      '    maxLimit: 4',
      '    fields: [{ id: name, type: text }, { id: relation, type: dropdown, options: [Parent] }]',
    );
    assert.deepEqual(check('form', text), []);
  });

  test('a choice field without options: on the item, whose first line is underlined', () => {
    const p = only(check('form', form('  - id: disability', '    type: dropdown')));
    assert.equal(p.message, 'fields[0]: dropdown, radio and checkbox fields need options.');
    assert.deepEqual(at(p), [3, 4, 3, 18]); // 'id: disability'
    assert.deepEqual(p.data?.missing, ['options']);
  });

  test('options on a plain field are refused on the options key', () => {
    const p = only(check('form', form('  - id: notes', '    type: text', '    options: [a]')));
    assert.equal(p.message, 'fields[0].options: options apply only to dropdown, radio and checkbox fields.');
    assert.deepEqual(at(p), [5, 4, 5, 11]);
  });

  test('fields and maxLimit belong to repeaters only; repeaters need fields', () => {
    const plain = check(
      'form',
      form('  - id: notes', '    type: text', '    maxLimit: 3', '    fields: [{ id: a, type: text }]'),
    );
    assert.deepEqual(
      plain.map((p) => p.message),
      [
        'fields[0].maxLimit: maxLimit applies only to repeater fields.',
        'fields[0].fields: fields apply only to repeater fields.',
      ],
    );
    const empty = only(check('form', form('  - id: contacts', '    type: repeater')));
    assert.equal(empty.message, 'fields[0]: A repeater needs fields: the fields of one instance.');
  });

  test('nested repeaters are refused on the inner type', () => {
    const text = form(
      '  - id: contacts',
      '    type: repeater',
      '    fields:',
      '      - id: phones',
      '        type: repeater',
      '        fields: [{ id: number, type: text }]',
    );
    const p = only(check('form', text));
    assert.equal(
      p.message,
      'fields[0].fields[0].type: Repeaters cannot be nested: a field inside a repeater cannot be a repeater.',
    );
    assert.deepEqual(at(p), [7, 14, 7, 22]);
  });

  test('maxLength is capped at 4000; field ids follow their pattern; types are an enum', () => {
    const long = only(check('form', form('  - { id: notes, type: text, maxLength: 5000 }')));
    assert.equal(long.message, 'fields[0].maxLength: 5000 is more than the maximum, 4000.');
    assert.deepEqual(at(long), [3, 40, 3, 44]);
    const id = only(check('form', form('  - { id: first name, type: text }')));
    assert.equal(
      id.message,
      "fields[0].id: 'first name' is not valid. A field id is a letter followed by letters, digits or underscores, e.g. caseManager.",
    );
    const type = only(check('form', form('  - { id: a, type: select }')));
    assert.equal(
      type.message,
      "fields[0].type: 'select' is not allowed; use one of text, textarea, number, date, dropdown, radio, checkbox, repeater.",
    );
    const typo = only(check('form', form('  - { id: a, type: chekbox, options: [x] }')));
    assert.match(typo.message, /Did you mean 'checkbox'\?$/);
  });

  test('an option object needs a value', () => {
    const p = only(check('form', form('  - id: d', '    type: dropdown', '    options:', '      - label: Autism')));
    assert.equal(p.message, "Missing required key 'fields[0].options[0].value'.");
    assert.deepEqual(at(p), [6, 8, 6, 21]); // the first line of the item
  });
});

describe('mapping schema', () => {
  const mapping = (...fields: string[]) => lines('form: iep-snapshot', 'import: iep-snapshot', 'fields:', ...fields);

  test('plain, group and repeater mappings and a matching element are valid', () => {
    const text = lines(
      'form: report-card',
      'import: term-grades',
      'matchingElement: { field: term, expression: Term }',
      'fields:',
      '  studentName: "`First Name` & \' \' & `Last Name`"',
      '  services: { speech: SpeechTherapy, ot: OT }',
      '  contacts:',
      '    name: ContactNames',
    );
    assert.deepEqual(check('mapping', text), []);
  });

  test('a field mapping that is neither text nor a map says how to quote', () => {
    const p = only(check('mapping', mapping('  score: 12')));
    assert.match(
      p.message,
      /^fields\.score: A field mapping is a JSONata expression \(text; quote numbers and booleans\)/,
    );
    assert.deepEqual(at(p), [3, 9, 3, 11]);
    const nested = only(check('mapping', mapping('  services:', '    speech: true')));
    assert.match(nested.message, /^fields\.services\.speech: Each option or nested field maps to a JSONata expression/);
    assert.deepEqual(at(nested), [4, 12, 4, 16]);
  });

  test('a field id key that breaks the pattern is reported on the key', () => {
    const p = only(check('mapping', mapping('  first name: FirstName')));
    assert.equal(
      p.message,
      "fields: the key 'first name' is not valid. A field id is a letter followed by letters, digits or underscores, e.g. caseManager.",
    );
    assert.deepEqual(at(p), [3, 2, 3, 12]);
    assert.equal(p.locations[0]?.pointer, '/fields/first name');
  });

  test('matchingElement needs field and expression', () => {
    const p = only(check('mapping', lines('form: f', 'import: a', 'matchingElement:', '  field: term', 'fields: {}')));
    assert.equal(p.message, "Missing required key 'matchingElement.expression'.");
    assert.deepEqual(at(p), [2, 0, 2, 15]);
  });
});

describe('workspace, people and records schemas', () => {
  test('a full workspace file is valid', () => {
    const text = lines(
      'version: 1',
      'name: District',
      'sftpRoot: ../sftp-mirror',
      'sandbox:',
      '  people: sandbox/people.csv',
      '  records: sandbox/records.yaml',
      'dryRun:',
      '  rowLimit: 100',
    );
    assert.deepEqual(check('workspace', text, 'importstudio.yaml'), []);
  });

  test('version must be 1; sandbox paths stay inside the workspace (E0027) and have a known extension', () => {
    const version = only(check('workspace', lines('version: 2'), 'importstudio.yaml'));
    assert.equal(version.message, 'version: 2 is not allowed; use 1.');
    assert.deepEqual(at(version), [0, 9, 0, 10]);
    const outside = only(
      check('workspace', lines('version: 1', 'sandbox:', '  people: ../people.csv'), 'importstudio.yaml'),
    );
    assert.equal(outside.code, 'E0027');
    assert.deepEqual(at(outside), [2, 10, 2, 23]);
    const ext = only(check('workspace', lines('version: 1', 'sandbox:', '  people: people.txt'), 'importstudio.yaml'));
    assert.equal(ext.code, 'E0033');
    assert.equal(
      ext.message,
      "sandbox.people: 'people.txt' is not valid. Sandbox people are a .csv, .yaml, .yml or .json file.",
    );
    const absolute = only(check('workspace', lines('version: 1', 'sftpRoot: /srv/sftp'), 'importstudio.yaml'));
    assert.equal(absolute.code, 'E0033');
    const negative = only(check('workspace', lines('version: 1', 'dryRun: { rowLimit: -1 }'), 'importstudio.yaml'));
    assert.equal(negative.message, 'dryRun.rowLimit: -1 is less than the minimum, 0.');
  });

  test('people: unquoted numbers get a hint to quote them', () => {
    const text = lines('people:', '  - personId: P1', '    localId: 1001', '    firstName: Ana', '    lastName: Lopez');
    const p = only(check('people', text, 'people.yaml'));
    assert.equal(p.message, "people[0].localId: expected a text, got the number 1001. Put it in quotes: '1001'.");
    assert.deepEqual(at(p), [2, 13, 2, 17]);
  });

  test('records: lastModified is an ISO date; values is any map', () => {
    const ok = lines(
      'records:',
      '  - { id: R1, form: f, person: P1, key: Fall, values: { a: 1, b: [x] }, locked: true, lastModified: 2025-01-15T10:00:00Z }',
    );
    assert.deepEqual(check('records', ok, 'records.yaml'), []);
    const bad = only(check('records', ok.replace('2025-01-15T10:00:00Z', 'yesterday'), 'records.yaml'));
    assert.equal(
      bad.message,
      "records[0].lastModified: 'yesterday' is not valid. Give an ISO 8601 date or date-time, e.g. 2025-01-15 or 2025-01-15T10:00:00Z.",
    );
  });
});
