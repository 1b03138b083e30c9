/**
 * The code map's import rules (ARCHITECTURE.md), checked on every source file: each folder may
 * import only what its layer allows, so the engine stays runnable in a browser and the
 * language-service core stays free of any connection.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { test } from 'node:test';

const root = join(import.meta.dirname, '..', '..');

function sources(dir: string): string[] {
  const abs = join(root, dir);
  return readdirSync(abs).flatMap((name) => {
    const path = join(abs, name);
    if (statSync(path).isDirectory()) return sources(relative(root, path));
    return /\.tsx?$/.test(name) ? [relative(root, path)] : [];
  });
}

interface ImportRef {
  specifier: string;
  typeOnly: boolean;
}

export function importsOf(text: string): ImportRef[] {
  const refs: ImportRef[] = [];
  const re =
    /^\s*(import|export)\s+(type\s+)?[^'"]*?from\s+['"]([^'"]+)['"]|^\s*import\s+['"]([^'"]+)['"]|\bimport\(\s*['"]([^'"]+)['"]\s*\)/gm;
  for (const m of text.matchAll(re)) {
    refs.push({ specifier: m[3] ?? m[4] ?? m[5] ?? '', typeOnly: m[2] !== undefined });
  }
  return refs;
}

function violations(dir: string, forbidden: (ref: ImportRef, file: string) => string | undefined): string[] {
  return sources(dir).flatMap((file) =>
    importsOf(readFileSync(join(root, file), 'utf8')).flatMap((ref) => {
      const why = forbidden(ref, file);
      return why ? [`${file}: imports '${ref.specifier}' (${why})`] : [];
    }),
  );
}

const editorPackages = /^(vscode|vscode-languageserver|vscode-languageclient|vscode-jsonrpc)(\/|$)/;

test('the import scanner sees static, type-only, side-effect and dynamic imports', () => {
  const refs = importsOf(
    "import a from 'x';\nimport type { B } from 'y';\nimport 'z';\nconst m = await import('w');\nexport { c } from './c';",
  );
  assert.deepEqual(
    refs.map((r) => `${r.specifier}:${r.typeOnly}`),
    ['x:false', 'y:true', 'z:false', 'w:false', './c:false'],
  );
});

/** The engine's Node adapters: the file system, and the store's SQLite file with its owner file. */
const nodeAdapters = [
  'io/nodeFileSystem.ts',
  'io/nodeReadThread.ts',
  'io/nodeReadWorker.ts',
  'store/nodeSqliteStore.ts',
];

test('engine/ imports no editor, protocol or Node module (only its Node adapters touch node: modules)', () => {
  const found = violations('engine/src', (ref, file) => {
    const adapter = nodeAdapters.some((a) => file.replaceAll('\\', '/').endsWith(a));
    if (editorPackages.test(ref.specifier)) return 'the engine knows no editor or protocol';
    if (/(^|\/)(server|client|cli)\//.test(ref.specifier)) return 'the engine depends on nothing above it';
    if (ref.specifier.startsWith('node:') && !adapter) return 'only the Node adapters may';
    // The WebAssembly SQLite reads its .wasm with node:fs: it is Node-only like the adapters.
    if (ref.specifier === 'node-sqlite3-wasm' && !file.endsWith('store/nodeSqliteStore.ts')) {
      return 'only the store adapter opens SQLite';
    }
    return undefined;
  });
  assert.deepEqual(found, []);
});

test('the language-service core imports no connection, no vscode and no Node module', () => {
  const found = violations('server/src/service', (ref) => {
    if (/^vscode-languageserver(\/|$)/.test(ref.specifier) || /^vscode(-jsonrpc)?$/.test(ref.specifier)) {
      return 'the core takes documents in and gives results out; server/src/node owns the connection';
    }
    if (ref.specifier.startsWith('node:')) return 'the core must run in a browser worker';
    if (/(^|\/)(client|cli)\//.test(ref.specifier)) return 'the server depends on the engine only';
    return undefined;
  });
  assert.deepEqual(found, []);
});

test('the client reaches the engine through the server: type imports only', () => {
  const found = violations('client/src', (ref) =>
    /(^|\/)engine\//.test(ref.specifier) && !ref.typeOnly
      ? 'the client may share types with the engine, not code'
      : undefined,
  );
  assert.deepEqual(found, []);
});

test('the CLI does not depend on the editor side', () => {
  const found = violations('cli/src', (ref) =>
    editorPackages.test(ref.specifier) || /(^|\/)(server|client)\//.test(ref.specifier)
      ? 'the CLI is editor-free'
      : undefined,
  );
  assert.deepEqual(found, []);
});

test('the webview runs in a sandboxed page: no vscode, no Node, and engine or server types only', () => {
  const found = violations('client/webview', (ref) => {
    if (editorPackages.test(ref.specifier) || ref.specifier.startsWith('node:')) return 'the webview is a web page';
    if (/(^|\/)(engine|server)\//.test(ref.specifier) && !ref.typeOnly) return 'data comes by message, not by code';
    return undefined;
  });
  assert.deepEqual(found, []);
});

test('the browser worker (server/src/browser) imports no Node module and no Node connection', () => {
  const found = violations('server/src/browser', (ref) => {
    if (ref.specifier.startsWith('node:')) return 'it runs in a Web Worker';
    if (/^vscode-(languageserver|jsonrpc|languageserver-protocol)\/node$/.test(ref.specifier)) {
      return 'the browser connection uses vscode-languageserver/browser';
    }
    // The Node layer's feature routing and progress are connection-neutral and shared; the rest of it is Node's.
    if (/\/node\//.test(ref.specifier) && !/\/node\/(features|progress)$/.test(ref.specifier)) return 'Node-only layer';
    if (/(^|\/)(client|cli)\//.test(ref.specifier)) return 'the server depends on the engine only';
    return undefined;
  });
  assert.deepEqual(found, []);
});

test('the playground page talks to the worker: no Node, no engine code, no server code but its protocol', () => {
  const found = violations('client/playground', (ref) => {
    if (ref.specifier.startsWith('node:')) return 'the playground is a web page';
    if (/^(vscode|vscode-languageclient)(\/|$)/.test(ref.specifier)) return 'no VS Code in a web page';
    if (/(^|\/)engine\//.test(ref.specifier) && !ref.typeOnly) return 'answers come from the worker';
    const protocol = /\/server\/src\/(browser\/protocol|service\/requests)$/.test(ref.specifier);
    if (/(^|\/)server\//.test(ref.specifier) && !ref.typeOnly && !protocol) return 'only method names and types';
    return undefined;
  });
  assert.deepEqual(found, []);
});

/**
 * The client files the web entry (client/src/web, package.json `browser`) shares with the Node one:
 * they run in VS Code's web-worker extension host, so no Node module and no Node flavour of the
 * language client. The Node-only parts (extension.ts, runs/) are the ones left out here.
 */
const sharedClient = ['client/src/web', 'client/src/commands', 'client/src/imports', 'client/src/panel'];

test('the web entry and the client parts it shares import no Node module and no Node client', () => {
  const files = ['client/src/extensionParts.ts', 'client/src/serverApi.ts', 'client/src/documentSelector.ts'];
  const check = (ref: ImportRef): string | undefined => {
    if (ref.specifier.startsWith('node:')) return 'it runs in a web worker extension host';
    if (/^vscode-(languageclient|jsonrpc|languageserver-protocol)\/node$/.test(ref.specifier)) {
      return "import 'vscode-languageclient' (neutral) or '/browser'";
    }
    if (/(^|\/)runs\//.test(ref.specifier)) return 'the store runs need Node: the Node entry adds them';
    if (/(^|\/)server\//.test(ref.specifier) && !ref.typeOnly) return 'the client shares types with the server';
    return undefined;
  };
  const found = [
    ...sharedClient.flatMap((dir) => violations(dir, check)),
    ...files.flatMap((file) =>
      importsOf(readFileSync(join(root, file), 'utf8')).flatMap((ref) => {
        const why = check(ref);
        return why ? [`${file}: imports '${ref.specifier}' (${why})`] : [];
      }),
    ),
  ];
  assert.deepEqual(found, []);
});
