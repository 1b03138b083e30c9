// Builds every bundle into dist/: the extension (client), the language server, the CLI.
// `node esbuild.mjs` builds once; `--watch` rebuilds on change; `--production` minifies.
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import * as esbuild from 'esbuild';
import { writeSamplesAsset } from './client/playground/samplesAsset.mjs';

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

/** @type {esbuild.BuildOptions} */
// Minified even in development builds: an unminified Monaco is 8 MB of script to parse before the
// page is interactive (issue 7 asks for 2 s cold).
const playground = { platform: 'browser', target: 'es2022', outdir: 'dist/playground', minify: true };

/**
 * mocha's browser build is a UMD script. In the web extension host's CommonJS wrapper it would see
 * `module` and replace the test module's exports with itself; run with none in scope, it sets
 * globalThis.mocha, which test/vscode/web/index.ts reads.
 * @type {esbuild.Plugin}
 */
const mochaAsGlobal = {
  name: 'mocha-as-global',
  setup(build) {
    build.onLoad({ filter: /mocha[\\/]mocha\.js$/ }, (args) => ({
      contents: `(function (module, exports, define) {\n${readFileSync(args.path, 'utf8')}\n}).call(globalThis);`,
      loader: 'js',
    }));
  },
};

/** @type {esbuild.BuildOptions} */
// Minified always: the web extension's bundles are what VS Code for the Web downloads on activation.
const web = { platform: 'browser', target: 'es2022', minify: true };

const builds = [
  // The extension host loads this; `vscode` is provided by the host at run time.
  { ...common, entryPoints: { extension: 'client/src/extension.ts' }, outdir: 'dist', external: ['vscode'] },
  { ...common, entryPoints: { server: 'server/src/node/main.ts' }, outdir: 'dist' },
  // The server's dry runs run on a worker thread (server/src/node/dryRun.ts loads it by this name).
  { ...common, entryPoints: { dryRunWorker: 'server/src/node/dryRunWorker.ts' }, outdir: 'dist' },
  // Big csv and tsv files are read on a thread of their own (engine/src/io/nodeReadThread.ts loads it by this name).
  { ...common, entryPoints: { readWorker: 'engine/src/io/nodeReadWorker.ts' }, outdir: 'dist' },
  // The CLI: its bundle, and the entry that runs it through V8's code cache (cli/src/launch.ts).
  { ...common, entryPoints: { 'cli-main': 'cli/src/main.ts' }, outdir: 'dist' },
  {
    ...common,
    entryPoints: { cli: 'cli/src/launch.ts' },
    outdir: 'dist',
    banner: { js: '#!/usr/bin/env node' },
  },
  // The dry-run panel's webview app (client/webview): a browser bundle, plus the CSS it imports (webview.css).
  {
    ...common,
    platform: 'browser',
    target: 'es2022',
    format: 'iife',
    entryPoints: { webview: 'client/webview/main.ts', dashboard: 'client/webview/dashboard/main.ts' },
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
  // The web extension (package.json `browser`, VS Code for the Web): its entry for the web-worker
  // extension host (CommonJS, `vscode` from the host), and its language server's Web Worker, a classic
  // script (the host's Worker wrapper loads it with importScripts). No node: modules in either.
  {
    ...common,
    ...web,
    format: 'cjs',
    entryPoints: { 'web/extension': 'client/src/web/extension.ts' },
    outdir: 'dist',
    external: ['vscode'],
  },
  {
    ...common,
    ...web,
    format: 'iife',
    entryPoints: { 'web/server': 'server/src/browser/webExtension.ts' },
    outdir: 'dist',
  },
  // The web flavour of the VS Code tests (test/vscode/web): one bundle with mocha's browser build.
  {
    ...common,
    ...web,
    format: 'cjs',
    // Readable stacks when a test fails.
    minify: false,
    plugins: [mochaAsGlobal],
    entryPoints: { 'test/web/index': 'test/vscode/web/index.ts' },
    outdir: 'dist',
    external: ['vscode'],
  },
  // The browser playground (client/playground): the page with Monaco and its editor worker (ESM, split
  // so Monaco's lazily loaded languages stay out of the first load), the language server's Web Worker,
  // and the VS Code panel app (client/webview) again, for the page's dry-run frame. No node: modules.
  {
    ...common,
    ...playground,
    format: 'esm',
    splitting: true,
    entryPoints: { main: 'client/playground/main.ts', 'editor.worker': 'monaco-editor/editor/editor.worker.js' },
    loader: { '.ttf': 'file' },
  },
  { ...common, ...playground, format: 'esm', entryPoints: { 'server.worker': 'server/src/browser/main.ts' } },
  {
    ...common,
    ...playground,
    format: 'iife',
    entryPoints: { panelHost: 'client/playground/panelHost.ts', webview: 'client/webview/main.ts' },
  },
];

/** The playground's static files and its default workspace (samples/, as dist/playground/samples.json). */
function copyPlaygroundStatics() {
  mkdirSync('dist/playground', { recursive: true });
  for (const file of ['index.html', 'panel.html', 'panel-theme.css']) {
    copyFileSync(`client/playground/${file}`, `dist/playground/${file}`);
  }
  writeSamplesAsset('samples', 'dist/playground/samples.json');
}
copyPlaygroundStatics();

// The store's SQLite (node-sqlite3-wasm) loads its .wasm from the folder of the script that bundles
// it (__dirname), so every bundle that can open a store (dist/cli.js; the extension later) finds it in dist/.
function copyWasm() {
  const wasm = join(dirname(createRequire(import.meta.url).resolve('node-sqlite3-wasm')), 'node-sqlite3-wasm.wasm');
  mkdirSync('dist', { recursive: true });
  copyFileSync(wasm, join('dist', 'node-sqlite3-wasm.wasm'));
}
copyWasm();

if (watch) {
  const contexts = await Promise.all(builds.map((b) => esbuild.context(b)));
  await Promise.all(contexts.map((c) => c.watch()));
  console.log('esbuild: watching');
} else {
  const started = Date.now();
  await Promise.all(builds.map((b) => esbuild.build(b)));
  console.log(`esbuild: built ${builds.length} bundles in ${Date.now() - started} ms`);
  warmCliCache();
}

/**
 * One dry run of a sample, so that the CLI's code cache (cli/src/launch.ts) holds what a dry run
 * compiles; a first command run later would otherwise cache only what it needed (`--version`, say).
 */
function warmCliCache() {
  try {
    execFileSync(process.execPath, ['dist/cli.js', 'dry-run', 'samples/imports/term-grades.import.yaml', '--json'], {
      stdio: 'ignore',
    });
  } catch {
    // A dry run with problems exits with 1; the cache is written all the same.
  }
}
