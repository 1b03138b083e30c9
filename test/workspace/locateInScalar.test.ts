import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Position } from '../../engine/src/errors/problem';
import { locateInScalar, parseDocument, parseText, valueAt } from '../../engine/src/workspace';

/** Where `marker` (unique in the text) sits in the source, counted by hand rather than by the code under test. */
function sourcePosition(text: string, marker: string): Position {
  const index = text.indexOf(marker);
  assert.ok(index >= 0 && text.indexOf(marker, index + 1) < 0, `marker ${marker} must be unique in the source`);
  const before = text.slice(0, index);
  const line = before.split('\n').length - 1;
  return { line, character: index - (before.lastIndexOf('\n') + 1) };
}

/**
 * Checks that every character of `marker` inside the parsed string at `pointer` maps to the same
 * character of `marker` in the source.
 */
function expectMarker(text: string, pointer: string, marker: string, syntax: 'yaml' | 'json' = 'yaml') {
  const parsed = parseDocument(text, { path: 'x.mapping.yaml', syntax });
  assert.deepEqual(parsed.problems, []);
  const value = valueAt(parsed.value, pointer);
  assert.equal(typeof value, 'string');
  const offset = (value as string).indexOf(marker);
  assert.ok(offset >= 0, `marker ${marker} is in the parsed value ${JSON.stringify(value)}`);
  const expected = sourcePosition(text, marker);
  for (let k = 0; k < marker.length; k++) {
    assert.deepEqual(
      locateInScalar(parsed, pointer, offset + k),
      { line: expected.line, character: expected.character + k },
      `character ${k} of ${marker} in ${JSON.stringify(text)}`,
    );
  }
  return parsed;
}

describe('locateInScalar', () => {
  test('plain scalars, on one line and folded over several', () => {
    expectMarker('expr: a + ERR\n', '/expr', 'ERR');
    expectMarker('fields:\n  name: first line\n    second ERR line\n', '/fields/name', 'ERR');
    expectMarker('expr: one\n\n  two ERR\n', '/expr', 'ERR');
  });

  test('single-quoted scalars with doubled quotes and folding', () => {
    expectMarker("expr: 'it''s a ''b'' ERR'\n", '/expr', 'ERR');
    expectMarker("expr: 'first   \n   second ERR'\n", '/expr', 'ERR');
    expectMarker("expr: 'a\n\n   b ''q'' ERR'\n", '/expr', 'ERR');
  });

  test('double-quoted scalars with escapes, unicode and escaped line breaks', () => {
    expectMarker('expr: "a\\tb\\u00e9\\x41\\"q\\" ERR"\n', '/expr', 'ERR');
    expectMarker('expr: "astral \\U0001F600 ERR"\n', '/expr', 'ERR');
    expectMarker('expr: "abc \\\n    def ERR"\n', '/expr', 'ERR');
    expectMarker('expr: "one\n  two\n\n  three ERR"\n', '/expr', 'ERR');
    // A character produced by an escape maps to the escape's backslash.
    const parsed = parseDocument('expr: "a\\tb"\n', { path: 'x', syntax: 'yaml' });
    assert.deepEqual(locateInScalar(parsed, '/expr', 1), { line: 0, character: 8 });
    assert.deepEqual(locateInScalar(parsed, '/expr', 2), { line: 0, character: 10 });
  });

  test('JSON strings', () => {
    expectMarker('{\n  "fields": {\n    "a": "x \\n y \\"z\\" ERR"\n  }\n}\n', '/fields/a', 'ERR', 'json');
  });

  test('literal block scalars: lines, indentation, chomping', () => {
    expectMarker('expr: |\n  line one\n  line two\n    indented ERR\n', '/expr', 'ERR');
    expectMarker('a:\n  b:\n    expr: |-\n      first\n\n      after blank ERR\nnext: 1\n', '/a/b/expr', 'ERR');
    expectMarker('expr: |+\n  keep ERR\n\n\nnext: 1\n', '/expr', 'ERR');
    expectMarker('list:\n  - |\n    in a list ERR\n', '/list/0', 'ERR');
  });

  test('literal block scalars with an indentation indicator keep the extra spaces in the value', () => {
    const parsed = expectMarker('expr: |2\n     five spaces ERR\n  two\n', '/expr', 'ERR');
    assert.equal(valueAt(parsed.value, '/expr'), '   five spaces ERR\ntwo\n');
    // The first value character is the first of the three kept spaces (column 2).
    assert.deepEqual(locateInScalar(parsed, '/expr', 0), { line: 1, character: 2 });
    expectMarker('outer:\n  expr: |1-\n     deep ERR\n', '/outer/expr', 'ERR');
    expectMarker('expr: |-2\n    x\n    y ERR\n', '/expr', 'ERR');
  });

  test('folded block scalars: folded lines, paragraphs and more-indented lines', () => {
    const folded = expectMarker('expr: >\n  Sum of\n  several ERR\n', '/expr', 'ERR');
    assert.equal(valueAt(folded.value, '/expr'), 'Sum of several ERR\n');
    // The space a fold makes maps to the end of the folded line.
    assert.deepEqual(locateInScalar(folded, '/expr', 6), { line: 1, character: 8 });
    expectMarker('expr: >-\n  para one\n\n  para two ERR\n', '/expr', 'ERR');
    expectMarker('expr: >\n  text\n    more indented\n  back ERR\n', '/expr', 'ERR');
    expectMarker('expr: >2+\n   lead space\n  then ERR\n\n', '/expr', 'ERR');
  });

  test('CRLF line ends', () => {
    expectMarker('expr: |\r\n  one\r\n  two ERR\r\n', '/expr', 'ERR');
    expectMarker('expr: >\r\n  one\r\n  two ERR\r\n', '/expr', 'ERR');
  });

  test('offsets at the ends of the value', () => {
    const parsed = parseDocument('expr: "abc"\nblock: |\n  xy\n', { path: 'x', syntax: 'yaml' });
    assert.deepEqual(locateInScalar(parsed, '/expr', 0), { line: 0, character: 7 });
    assert.deepEqual(locateInScalar(parsed, '/expr', 3), { line: 0, character: 10 }, 'just after the last character');
    assert.deepEqual(locateInScalar(parsed, '/expr', 99), { line: 0, character: 10 });
    assert.deepEqual(locateInScalar(parsed, '/block', 1), { line: 2, character: 3 });
  });

  test('plain text documents (.jsonata) map offsets directly', () => {
    const parsed = parseText('line one\n  two ERR', 't.jsonata');
    assert.deepEqual(locateInScalar(parsed, '', 15), { line: 1, character: 6 });
    assert.equal(locateInScalar(parsed, '/x', 0), undefined);
  });

  test('pointers that do not lead to a string give undefined', () => {
    const parsed = parseDocument('n: 5\nm: { a: b }\n', { path: 'x', syntax: 'yaml' });
    assert.equal(locateInScalar(parsed, '/n', 0), undefined);
    assert.equal(locateInScalar(parsed, '/m', 0), undefined);
    assert.equal(locateInScalar(parsed, '/missing', 0), undefined);
  });
});
