/**
 * What `npm run package` would put in the .vsix, asked of vsce itself (`vsce ls`): every bundle the
 * build writes must be there (a missing dist/dryRunWorker.js would break dry runs only once
 * installed), and the schemas and docs the manifest points at.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
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
  // The web extension's bundles (package.json `browser` and the worker it starts).
  for (const bundle of ['web/extension.js', 'web/server.js']) assert.ok(files.has(`dist/${bundle}`), bundle);
  for (const schema of readdirSync(join(root, 'schemas'))) assert.ok(files.has(`schemas/${schema}`), schema);
  for (const doc of ['package.json', 'README.md', 'LICENSE', 'CHANGELOG.md']) assert.ok(files.has(doc), doc);
  assert.ok(![...files].some((f) => f.startsWith('node_modules/') || f.startsWith('test/')), 'no sources or modules');
  // Every file the manifest points at: grammars, language configuration and icons, walkthrough media.
  for (const path of manifestPaths()) assert.ok(files.has(path), `${path} is named by package.json but not packaged`);
  // The sample workspace the walkthrough copies, without its generator.
  assert.ok(files.has('samples/importstudio.yaml') && files.has('samples/imports/term-grades.import.yaml'));
  assert.ok(![...files].some((f) => f.startsWith('samples/.tools/')), 'the samples generator is not packaged');
});

/** The files package.json's contributions and icon name, as package-relative paths. */
function manifestPaths(): string[] {
  const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
    icon: string;
    contributes: {
      grammars: { path: string }[];
      languages: { configuration?: string; icon?: { light: string; dark: string } }[];
      viewsContainers: { activitybar: { icon: string }[] };
      walkthroughs: { steps: { media: { markdown?: string; image?: string } }[] }[];
    };
  };
  const c = manifest.contributes;
  const paths = [
    manifest.icon,
    ...c.grammars.map((g) => g.path),
    ...c.languages.flatMap((l) => [l.configuration, l.icon?.light, l.icon?.dark]),
    ...c.viewsContainers.activitybar.map((a) => a.icon),
    ...c.walkthroughs.flatMap((w) => w.steps.map((s) => s.media.markdown ?? s.media.image)),
  ];
  return paths.filter((p): p is string => typeof p === 'string').map((p) => p.replace(/^\.\//, ''));
}
