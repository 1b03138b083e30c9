import assert from 'node:assert/strict';
import { test } from 'node:test';
import jsonata from 'jsonata';
import { failureOffset, readJsonataFailure } from '../../engine/src/transform/jsonataErrors';

/** The text from the offset JSONata's error is placed at. */
function errorAt(text: string): string {
  try {
    jsonata(text);
  } catch (error) {
    return text.slice(failureOffset(readJsonataFailure(error), text));
  }
  throw new Error(`'${text}' compiled`);
}

test('a syntax error on a string literal starts at its opening quote (JSONata omits the quotes)', () => {
  assert.equal(errorAt('{"a": 1 "Window": 2}'), '"Window": 2}');
  assert.equal(errorAt("Term = 'Fall' 'x'"), "'x'");
  assert.equal(errorAt('{"a": 1 "say \\"hi\\"": 2}'), '"say \\"hi\\"": 2}');
});

test('a syntax error on an operator or name starts at that token; at the end, at the end', () => {
  assert.equal(errorAt('Name & & Other'), '& Other');
  assert.equal(errorAt('$sum(Score'), '');
});
