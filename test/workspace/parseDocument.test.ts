import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { detectKind, parseDocument, validateSchema } from '../../engine/src/workspace';
import { at, lines, only } from './helpers';

const yaml = (text: string) => parseDocument(text, { path: 'a.import.yaml', syntax: 'yaml' });

describe('parseDocument', () => {
  test('gives the plain value and no problems for a valid document', () => {
    const parsed = yaml(lines('a: 1', 'b:', '  - x', '  - { c: "d" }'));
    assert.deepEqual(parsed.value, { a: 1, b: ['x', { c: 'd' }] });
    assert.deepEqual(parsed.problems, []);
    assert.equal(parsed.path, 'a.import.yaml');
  });

  test('locates keys and values by JSON pointer, 0-based', () => {
    const parsed = yaml(
      lines('name: x', 'source:', '  format: csv', 'list:', '  - first', '  - { k: v }', 'a/b: 1', 'empty:'),
    );
    assert.deepEqual(parsed.locate('/source/format'), {
      key: { start: { line: 2, character: 2 }, end: { line: 2, character: 8 } },
      value: { start: { line: 2, character: 10 }, end: { line: 2, character: 13 } },
    });
    assert.deepEqual(parsed.locate('/list/1/k')?.value, {
      start: { line: 5, character: 9 },
      end: { line: 5, character: 10 },
    });
    assert.equal(parsed.locate('/list/0')?.key, undefined);
    assert.deepEqual(parsed.locate('/a~1b')?.key, { start: { line: 6, character: 0 }, end: { line: 6, character: 3 } });
    // A key with no value: the value is the empty spot after the key.
    assert.equal(parsed.locate('/empty')?.key?.start.line, 7);
    assert.equal(parsed.locate('/source/missing'), undefined);
    assert.equal(parsed.locate('/list/7'), undefined);
    assert.equal(parsed.locate('no-slash'), undefined);
    assert.deepEqual(parsed.locateNearest('/source/missing/deeper').pointer, '/source');
  });

  test('follows aliases when locating', () => {
    const parsed = yaml(lines('base: &b', '  x: 1', 'copy: *b'));
    assert.deepEqual(parsed.value, { base: { x: 1 }, copy: { x: 1 } });
    assert.equal(parsed.locate('/copy/x')?.value.start.line, 1);
  });

  test('every syntax error is E0032 at its exact range', () => {
    const parsed = yaml(lines('a: b: c', 'ok: 1', 'q: "unterminated'));
    assert.ok(parsed.problems.length >= 2);
    for (const p of parsed.problems) assert.equal(p.code, 'E0032');
    const nested = parsed.problems[0];
    assert.equal(nested?.message, 'Nested mappings are not allowed in compact mappings at line 1, column 4.');
    assert.deepEqual(at(nested), [0, 3, 0, 4]);
    // An unclosed quote is reported where the closing quote was due: the end of the text.
    const quote = parsed.problems.find((p) => /Missing closing "quote/.test(p.message));
    assert.deepEqual(at(quote), [3, 0, 3, 0]);
  });

  test('duplicate keys and several documents are syntax errors', () => {
    const dup = yaml(lines('a: 1', 'a: 2'));
    assert.equal(only(dup.problems).code, 'E0032');
    assert.deepEqual(at(dup.problems[0]), [1, 0, 1, 1]);
    const multi = yaml(lines('a: 1', '---', 'b: 2'));
    assert.equal(multi.problems[0]?.code, 'E0032');
  });

  test('JSON syntax errors are placed in the JSON text', () => {
    const parsed = parseDocument('{\n  "a": 1,\n  "b": [1, 2\n}\n', { path: 'x.import.json', syntax: 'json' });
    assert.ok(parsed.problems.length > 0);
    assert.equal(parsed.problems[0]?.code, 'E0032');
    assert.ok((parsed.problems[0]?.locations[0]?.range?.start.line ?? -1) >= 2);
  });

  test('a YAML alias bomb ends as one clear E0042 problem, quickly', () => {
    const bomb = lines(
      'a: &a ["x","x","x","x","x","x","x","x","x"]',
      'b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]',
      'c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]',
      'd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]',
      'e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]',
      'f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]',
      'g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]',
      'h: [*g,*g,*g,*g,*g,*g,*g,*g,*g]',
    );
    const started = Date.now();
    const parsed = yaml(bomb);
    assert.ok(Date.now() - started < 2000, 'the bomb is refused without expanding it');
    const p = only(parsed.problems);
    assert.equal(p.code, 'E0042');
    assert.match(p.message, /alias bomb/);
    assert.equal(at(p)?.[0], 1, 'placed on the first alias');
    assert.equal(parsed.value, undefined);
    // Nothing to validate: the parse problem already says why.
    assert.deepEqual(validateSchema(parsed, 'import'), []);
  });

  test('__proto__ keys stay plain keys and never touch a prototype', () => {
    const parsed = yaml(lines('__proto__:', '  polluted: yes', 'name: x'));
    const value = parsed.value as Record<string, unknown>;
    assert.equal(({} as Record<string, unknown>).polluted, undefined);
    assert.equal(Object.getPrototypeOf(value), Object.prototype);
    assert.ok(Object.hasOwn(value, '__proto__'));
    assert.equal((value as { polluted?: unknown }).polluted, undefined);
    // The schema sees it as an unknown key, placed on the key.
    const problems = validateSchema(parsed, 'workspace');
    const unknown = problems.find((p) => p.data?.unknownKey === '__proto__');
    assert.ok(unknown);
    assert.deepEqual(at(unknown), [0, 0, 0, 9]);
    assert.equal(({} as Record<string, unknown>).polluted, undefined);
  });

  test('a large document parses and locates its last key', () => {
    const rows = Array.from({ length: 20_000 }, (_, i) => `  - { personId: P${i}, firstName: A, lastName: B }`);
    const parsed = parseDocument(lines('people:', ...rows), { path: 'people.yaml', syntax: 'yaml' });
    assert.deepEqual(parsed.problems, []);
    assert.equal((parsed.value as { people: unknown[] }).people.length, 20_000);
    assert.equal(parsed.locate('/people/19999/personId')?.value.start.line, 20_000);
    assert.deepEqual(validateSchema(parsed, 'people'), []);
  });

  test('positionAt and offsetAt are inverse', () => {
    const parsed = yaml(lines('a: 1', 'bb: 22'));
    assert.deepEqual(parsed.positionAt(9), { line: 1, character: 4 });
    assert.equal(parsed.offsetAt({ line: 1, character: 4 }), 9);
  });
});

describe('detectKind', () => {
  test('recognises every kind by name, wherever the file is', () => {
    const cases: [string, string | undefined][] = [
      ['importstudio.yaml', 'workspace'],
      ['importstudio.yml', 'workspace'],
      ['/w/importstudio.json', 'workspace'],
      ['imports/iep.import.yaml', 'import'],
      ['a.import.yml', 'import'],
      ['a.import.json', 'import'],
      ['forms/x.form.yaml', 'form'],
      ['x.form.json', 'form'],
      ['m/x.mapping.yml', 'mapping'],
      ['sandbox/people.yaml', 'people'],
      ['district.people.yml', 'people'],
      ['records.yml', 'records'],
      ['sandbox/old.records.yaml', 'records'],
      ['t/assessments.jsonata', 'jsonata'],
      ['people.csv', undefined],
      ['notpeople.yaml', undefined],
      ['importstudio.yaml.bak', undefined],
      ['data.json', undefined],
      ['iep.import.yaml/readme.md', undefined],
    ];
    for (const [path, kind] of cases) assert.equal(detectKind(path), kind, path);
  });
});
