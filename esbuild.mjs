// Builds every bundle into dist/: the extension (client), the language server, the CLI.
// `node esbuild.mjs` builds once; `--watch` rebuilds on change; `--production` minifies.
import * as esbuild from 'esbuild';

const watch = process.argv.includes('--watch');
const production = process.argv.includes('--production');

/** @type {esbuild.BuildOptions} */
const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: !production,
  minify: production,
  logLevel: 'warning',
};

const builds = [
  // The extension host loads this; `vscode` is provided by the host at run time.
  { ...common, entryPoints: { extension: 'client/src/extension.ts' }, outdir: 'dist', external: ['vscode'] },
  { ...common, entryPoints: { server: 'server/src/node/main.ts' }, outdir: 'dist' },
  // The server's dry runs run on a worker thread (server/src/node/dryRun.ts loads it by this name).
  { ...common, entryPoints: { dryRunWorker: 'server/src/node/dryRunWorker.ts' }, outdir: 'dist' },
  {
    ...common,
    entryPoints: { cli: 'cli/src/main.ts' },
    outdir: 'dist',
    banner: { js: '#!/usr/bin/env node' },
  },
  // The dry-run panel's webview app (client/webview): a browser bundle, plus the CSS it imports (webview.css).
  {
    ...common,
    platform: 'browser',
    target: 'es2022',
    format: 'iife',
    entryPoints: { webview: 'client/webview/main.ts' },
    outdir: 'dist',
  },
  // The tests that run inside a real VS Code (test/vscode): mocha's entry and one bundle per suite file,
  // which the entry hands to mocha. `vscode` comes from the extension host, mocha from node_modules.
  {
    ...common,
    entryPoints: {
      'test/index': 'test/vscode/suite/index.ts',
      'test/extension.test': 'test/vscode/suite/extension.test.ts',
    },
    outdir: 'dist',
    external: ['vscode', 'mocha'],
  },
];

if (watch) {
  const contexts = await Promise.all(builds.map((b) => esbuild.context(b)));
  await Promise.all(contexts.map((c) => c.watch()));
  console.log('esbuild: watching');
} else {
  const started = Date.now();
  await Promise.all(builds.map((b) => esbuild.build(b)));
  console.log(`esbuild: built ${builds.length} bundles in ${Date.now() - started} ms`);
}
