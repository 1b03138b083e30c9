/**
 * What `npm run package` would put in the .vsix, asked of vsce itself (`vsce ls`): every bundle the
 * build writes must be there (a missing dist/dryRunWorker.js would break dry runs only once
 * installed), and the schemas and docs the manifest points at.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';

const root = join(import.meta.dirname, '..', '..');

test('the packaged extension holds every built bundle, the schemas, the readme and the licence', () => {
  const bundles = readdirSync(join(root, 'dist')).filter((f) => f.endsWith('.js'));
  assert.ok(bundles.includes('extension.js') && bundles.includes('server.js'), 'run npm run build first');
  const ls = spawnSync(
    process.execPath,
    [join(root, 'node_modules', '@vscode', 'vsce', 'vsce'), 'ls', '--no-dependencies'],
    {
      cwd: root,
      encoding: 'utf8',
    },
  );
  assert.equal(ls.status, 0, ls.stderr);
  const files = new Set(
    ls.stdout
      .split('\n')
      .map((l) => l.trim())
      .filter(Boolean),
  );
  for (const bundle of bundles) assert.ok(files.has(`dist/${bundle}`), `dist/${bundle} is not packaged`);
  for (const schema of readdirSync(join(root, 'schemas'))) assert.ok(files.has(`schemas/${schema}`), schema);
  for (const doc of ['package.json', 'README.md', 'LICENSE', 'CHANGELOG.md']) assert.ok(files.has(doc), doc);
  assert.ok(![...files].some((f) => f.startsWith('node_modules/') || f.startsWith('test/')), 'no sources or modules');
});
