/** Where the cursor is, on incomplete YAML and JSON: the yamlPosition module completion stands on. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseDocument } from '../../engine/src/workspace/parseDocument';
import { cursorContext, nodeAt } from '../../server/src/service/yamlPosition';
import { cursorIn } from './helpers';

function at(marked: string, syntax: 'yaml' | 'json' = 'yaml') {
  const { text, position } = cursorIn(marked);
  return cursorContext(parseDocument(text, { path: 'x', syntax }), position);
}

test('an empty line under a mapping, and a partial key that YAML merges with the next line', () => {
  assert.deepEqual(at('source:\n  type: sftp\n  ‸\npersonMatching:\n  idColumn: X\n'), {
    kind: 'key',
    path: ['source'],
    prefix: '',
    range: { start: { line: 2, character: 2 }, end: { line: 2, character: 2 } },
    quote: '',
    existingKeys: ['type'],
    flow: false,
    keyOnly: false,
    followedByEntry: false,
    extraIndent: 0,
  });
  const merged = at('runOptions:\n  recordCreationMode: createMissing\n  err‸\n  errorThreshold: 500\n');
  assert.equal(merged.kind, 'key');
  assert.deepEqual(merged.kind === 'key' && merged.existingKeys, ['recordCreationMode', 'errorThreshold']);
});

test('list items: a new item, a key of an existing item, and a list at its key’s indentation', () => {
  const item = at('fields:\n  - id: a\n  - ‸\n');
  assert.ok(item.kind === 'key');
  assert.deepEqual([item.path, item.existingKeys, item.extraIndent], [['fields', 1], [], 2]);
  const inner = at('fields:\n  - id: a\n    options:\n      - x\n  - id: b\n    ‸\n');
  assert.ok(inner.kind === 'key');
  assert.deepEqual([inner.path, inner.existingKeys], [['fields', 1], ['id']]);
  const flush = at('fields:\n- id: a\n- id: b\n  ty‸\n');
  assert.ok(flush.kind === 'key');
  assert.deepEqual([flush.path, flush.prefix], [['fields', 1], 'ty']);
});

test('a value on the key’s line, quoted, with a comment after it', () => {
  const ctx = at('source:\n  format: "c‸sv" # the format\n');
  assert.ok(ctx.kind === 'value');
  assert.deepEqual([ctx.path, ctx.prefix, ctx.quote, ctx.after], [['source', 'format'], 'c', '"', 'sv']);
  assert.deepEqual(ctx.range, { start: { line: 1, character: 10 }, end: { line: 1, character: 15 } });
});

test('inside a block scalar the cursor is in the value; on a blank line at the key’s column it is not', () => {
  const inside = at('transformation:\n  expression: |\n    $.{\n      "a": $jo‸\n    }\n');
  assert.ok(inside.kind === 'value');
  assert.deepEqual([inside.path, inside.quote, inside.prefix], [['transformation', 'expression'], 'block', '"a": $jo']);
  const after = at('transformation:\n  expression: |\n    $.{ }\n  ‸\n');
  assert.ok(after.kind === 'key');
  assert.deepEqual([after.path, after.existingKeys], [['transformation'], ['expression']]);
});

test('flow mappings in YAML and JSON, complete or not', () => {
  const flow = at('fields:\n  - { id: a, type: ‸ }\n');
  assert.ok(flow.kind === 'value');
  assert.deepEqual(flow.path, ['fields', 0, 'type']);
  const unclosed = at('{"name": "x", "source": {"ty‸', 'json');
  assert.ok(unclosed.kind === 'key');
  assert.deepEqual([unclosed.path, unclosed.prefix, unclosed.quote], [['source'], 'ty', '"']);
  const inArray = at('{\n  "fields": [{"id": "a"}, {"id": "b", "type": "t‸"}]\n}', 'json');
  assert.ok(inArray.kind === 'value');
  assert.deepEqual([inArray.path, inArray.prefix], [['fields', 1, 'type'], 't']);
  const followed = at('{\n  "name": "x",\n  ‸\n  "alias": "y"\n}', 'json');
  assert.ok(followed.kind === 'key');
  assert.deepEqual([followed.path, followed.followedByEntry, followed.existingKeys], [[], true, ['name', 'alias']]);
});

test('nodeAt: the key or value under an offset, with its path', () => {
  const text = 'fields:\n  - id: a\n    options: [x, y]\n';
  const parsed = parseDocument(text, { path: 'x', syntax: 'yaml' });
  const key = nodeAt(parsed, text.indexOf('options') + 2);
  assert.deepEqual([key?.path, key?.isKey], [['fields', 0, 'options'], true]);
  const value = nodeAt(parsed, text.indexOf('y]'));
  assert.deepEqual([value?.path, value?.isKey], [['fields', 0, 'options', 1], false]);
});
