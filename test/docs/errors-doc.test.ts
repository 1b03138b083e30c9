import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { catalog } from '../../engine/src/errors/catalog';
import { renderErrorDocs } from '../../scripts/generate-error-docs';

const docsPath = join(import.meta.dirname, '..', '..', 'docs', 'errors.md');

test('docs/errors.md is the catalog rendered (run npm run docs:errors after changing a code)', () => {
  assert.equal(readFileSync(docsPath, 'utf8'), renderErrorDocs());
});

test('codes run from E0001 without gaps, and the platform keeps exactly E0001 to E0005', () => {
  const codes = Object.keys(catalog);
  for (const [i, code] of codes.entries()) assert.equal(code, `E${String(i + 1).padStart(4, '0')}`);
  const platform = Object.entries(catalog)
    .filter(([, e]) => 'platform' in e && e.platform)
    .map(([c]) => c);
  assert.deepEqual(platform, ['E0001', 'E0002', 'E0003', 'E0004', 'E0005']);
});

test('every catalog entry says what it means, how to fix it, and gives an example', () => {
  for (const [code, e] of Object.entries(catalog)) {
    for (const key of ['title', 'meaning', 'fix', 'example'] as const) {
      assert.ok(e[key].trim().length > 10 || (key === 'title' && e[key].length > 3), `${code}.${key} is too thin`);
    }
  }
});
