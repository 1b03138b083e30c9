/**
 * The web extension's bundles (package.json `browser`) load in a browser: no Node built-in module
 * in dist/web/*.js, whatever the graph behind client/src/web and server/src/browser/webExtension.ts
 * pulls in. The real load is the web pass of scripts/test-vscode.mjs; this catches the mistake in
 * a second, after `npm run build`. Also reports their sizes (issue 7: the extension's own bundles stay small).
 */
import assert from 'node:assert/strict';
import { readFileSync, statSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { join } from 'node:path';
import { test } from 'node:test';
import { gzipSync } from 'node:zlib';

const root = join(import.meta.dirname, '..', '..');
const bundles = ['dist/web/extension.js', 'dist/web/server.js'];
/** Size limits, minified: a regression guard with some room, not a goal. */
const limits: Record<string, number> = { 'dist/web/extension.js': 600_000, 'dist/web/server.js': 1_100_000 };

const builtins = new Set(builtinModules.flatMap((m) => [m, `node:${m}`]));

test('the web bundles require only vscode, and no Node built-in', () => {
  for (const bundle of bundles) {
    const text = readFileSync(join(root, bundle), 'utf8');
    const required = new Set([...text.matchAll(/\brequire\(\s*["']([^"']+)["']\s*\)/g)].map((m) => m[1] ?? ''));
    const imported = new Set([...text.matchAll(/\bfrom\s*["']([^"']+)["']/g)].map((m) => m[1] ?? ''));
    const node = [...required, ...imported].filter((m) => builtins.has(m) || m.startsWith('node:'));
    assert.deepEqual(node, [], `${bundle} needs Node: ${node.join(', ')}`);
    // vscode (the host provides it); ajv's runtime names appear in the code ajv generates as text.
    const others = [...required].filter((m) => m !== 'vscode' && !m.startsWith('ajv/dist/runtime/'));
    assert.deepEqual(others, [], `${bundle} requires modules it does not bundle`);
  }
});

test('the web bundles stay small', () => {
  for (const bundle of bundles) {
    const size = statSync(join(root, bundle)).size;
    const gzip = gzipSync(readFileSync(join(root, bundle))).length;
    console.log(`${bundle}: ${Math.round(size / 1024)} KB (${Math.round(gzip / 1024)} KB gzip)`);
    assert.ok(size <= (limits[bundle] ?? 0), `${bundle} is ${size} bytes`);
  }
});
