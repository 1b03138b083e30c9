/**
 * Language-server latency (issue: diagnostics ≤ 25 ms warm for a 2,000-line configuration,
 * completion p95 ≤ 15 ms, ready ≤ 300 ms), and the same document validated against the same
 * schema by yaml-language-server in the same run, for a ratio. A benchmark, not a test: it prints
 * figures; docs/performance.md records them.
 *
 *   node esbuild.mjs && node --import tsx bench/server-latency.ts [--runs 20]
 *
 * Both servers run as processes over stdio with no diagnostics delay of their own asked for
 * (ours: initializationOptions.diagnosticsDelay 0; yaml-language-server validates on change).
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  createProtocolConnection,
  type Diagnostic,
  type ProtocolConnection,
  StreamMessageReader,
  StreamMessageWriter,
} from 'vscode-languageserver-protocol/node';

const repo = join(import.meta.dirname, '..');
const runs = Number(process.argv[process.argv.indexOf('--runs') + 1] || 20) || 20;

interface Server {
  connection: ProtocolConnection;
  child: ChildProcess;
  /** Resolves with the next diagnostics published for `uri`. */
  next(uri: string): Promise<Diagnostic[]>;
}

function start(command: string[], onProgress = false): Server {
  const child = spawn(process.execPath, command, { stdio: ['pipe', 'pipe', 'ignore'] });
  const connection = createProtocolConnection(
    new StreamMessageReader(child.stdout!),
    new StreamMessageWriter(child.stdin!),
  );
  const waiting = new Map<string, ((d: Diagnostic[]) => void)[]>();
  connection.onNotification('textDocument/publishDiagnostics', (p: { uri: string; diagnostics: Diagnostic[] }) => {
    waiting.get(p.uri)?.shift()?.(p.diagnostics);
  });
  connection.onRequest('workspace/configuration', (p: { items: unknown[] }) => p.items.map(() => yamlSettings));
  connection.onRequest('client/registerCapability', () => undefined);
  if (onProgress) connection.onRequest('window/workDoneProgress/create', () => undefined);
  connection.listen();
  return {
    connection,
    child,
    next: (uri) =>
      new Promise((resolve) => {
        const queue = waiting.get(uri) ?? [];
        queue.push(resolve);
        waiting.set(uri, queue);
      }),
  };
}

async function stop(server: Server): Promise<void> {
  await server.connection.sendRequest('shutdown');
  await server.connection.sendNotification('exit');
  server.connection.dispose();
  server.child.kill();
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const p95 = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * 0.95))]!;
const ms = (x: number) => `${x.toFixed(1)} ms`;

/** A 2,000-line import configuration: the keys of a real one and a long inline transformation. */
function bigImport(lines: number): string {
  const head = [
    'name: Large transformation',
    'alias: big',
    'description: A generated configuration of about 2,000 lines.',
    'source:',
    '  type: sftp',
    '  file: big.csv',
    '  format: csv',
    '  encoding: utf-8',
    '  dateFormat: M/d/yyyy',
    'personMatching:',
    '  idColumn: StudentID',
    '  matchOn: localId',
    'runOptions:',
    '  recordCreationMode: createMissing',
    'transformation:',
    '  expression: |',
    '    {',
    '      "StudentID": StudentID,',
  ];
  const body: string[] = [];
  for (let i = 0; head.length + body.length + 2 < lines; i++)
    body.push(`      "Field${i}": $trim(Column${i}) & "-" & $string(${i}),`);
  body.push('      "Last": "x"');
  return [...head, ...body, '    }', ''].join('\n');
}

const yamlSettings = { validate: true, schemas: {} as Record<string, string[]>, completion: true, hover: true };

async function main(): Promise<void> {
  const temp = mkdtempSync(join(tmpdir(), 'bench-server-'));
  const root = join(temp, 'ws');
  cpSync(join(repo, 'samples'), root, { recursive: true });
  mkdirSync(join(root, 'big'), { recursive: true });
  const bigPath = join(root, 'big', 'big.import.yaml');
  const text = bigImport(2000);
  writeFileSync(bigPath, text);
  const bigUri = pathToFileURL(bigPath).href;
  const rootUri = pathToFileURL(root).href;
  const serverJs = join(repo, 'dist', 'server.js');
  const results: string[] = [];

  // 1. Ready: spawn → initialize answered.
  const ready: number[] = [];
  for (let i = 0; i < 10; i++) {
    const t0 = performance.now();
    const s = start([serverJs, '--stdio']);
    await s.connection.sendRequest('initialize', {
      processId: process.pid,
      rootUri,
      capabilities: {},
      workspaceFolders: [{ uri: rootUri, name: 'ws' }],
    });
    ready.push(performance.now() - t0);
    await stop(s);
  }
  results.push(`ready (spawn → initialize result), median of 10: ${ms(median(ready))}`);

  // 2. Diagnostics of the 2,000-line configuration, warm.
  const ours = start([serverJs, '--stdio']);
  await ours.connection.sendRequest('initialize', {
    processId: process.pid,
    rootUri,
    capabilities: {},
    workspaceFolders: [{ uri: rootUri, name: 'ws' }],
    initializationOptions: { diagnosticsDelay: 0 },
  });
  await ours.connection.sendNotification('initialized', {});
  const firstOurs = ours.next(bigUri);
  await ours.connection.sendNotification('textDocument/didOpen', {
    textDocument: { uri: bigUri, languageId: 'yaml', version: 1, text },
  });
  await firstOurs;
  const variant = (i: number) => text.replace('name: Large transformation', `name: Large transformation ${i}`);
  const exprVariant = (i: number) => text.replace('"Last": "x"', `"Last": "x${i}"`);
  let version = 1;
  const measurePush = async (server: Server, uri: string, make: (i: number) => string) => {
    const times: number[] = [];
    for (let i = 0; i < runs + 3; i++) {
      const published = server.next(uri);
      const t0 = performance.now();
      await server.connection.sendNotification('textDocument/didChange', {
        textDocument: { uri, version: ++version },
        contentChanges: [{ text: make(i) }],
      });
      await published;
      if (i >= 3) times.push(performance.now() - t0);
    }
    return times;
  };
  const pushOurs = await measurePush(ours, bigUri, variant);
  const pushOursExpr = await measurePush(ours, bigUri, exprVariant);
  const pull: number[] = [];
  for (let i = 0; i < runs + 3; i++) {
    await ours.connection.sendNotification('textDocument/didChange', {
      textDocument: { uri: bigUri, version: ++version },
      contentChanges: [{ text: variant(1000 + i) }],
    });
    const t0 = performance.now();
    await ours.connection.sendRequest('textDocument/diagnostic', { textDocument: { uri: bigUri } });
    if (i >= 3) pull.push(performance.now() - t0);
  }
  results.push(
    `import-studio diagnostics, 2,000-line import, edit outside the expression (didChange → publish), median of ${runs}: ${ms(median(pushOurs))}`,
  );
  results.push(
    `import-studio diagnostics, same, edit inside the 2,000-line expression (recompiled), median of ${runs}: ${ms(median(pushOursExpr))}`,
  );
  results.push(
    `import-studio pull diagnostics (didChange + textDocument/diagnostic), median of ${runs}: ${ms(median(pull))}`,
  );

  // 3. Completion p95 on the sample mapping and import, warm.
  const mappingPath = join(root, 'mappings', 'iep-snapshot.mapping.yaml');
  const mappingUri = pathToFileURL(mappingPath).href;
  const mappingText = (await import('node:fs')).readFileSync(mappingPath, 'utf8');
  await ours.connection.sendNotification('textDocument/didOpen', {
    textDocument: { uri: mappingUri, languageId: 'yaml', version: 1, text: mappingText },
  });
  const lines = mappingText.split('\n');
  const completion: number[] = [];
  for (let i = 0; i < 200; i++) {
    const line = i % lines.length;
    const character = Math.min(lines[line]!.length, 2 + (i % 20));
    const uri = i % 2 === 0 ? mappingUri : bigUri;
    const position = uri === bigUri ? { line: i % 40, character: 4 } : { line, character };
    const t0 = performance.now();
    await ours.connection.sendRequest('textDocument/completion', { textDocument: { uri }, position });
    if (i >= 20) completion.push(performance.now() - t0);
  }
  results.push(
    `import-studio completion (mapping and the 2,000-line import), p95 of ${completion.length}: ${ms(p95(completion))} (median ${ms(median(completion))})`,
  );
  await stop(ours);

  // 4. yaml-language-server on the same document and the same schema.
  yamlSettings.schemas = { [pathToFileURL(join(repo, 'schemas', 'import.schema.json')).href]: ['*.import.yaml'] };
  const yls = start([join(repo, 'node_modules', 'yaml-language-server', 'bin', 'yaml-language-server'), '--stdio']);
  await yls.connection.sendRequest('initialize', {
    processId: process.pid,
    rootUri,
    capabilities: { workspace: { configuration: true } },
    workspaceFolders: [{ uri: rootUri, name: 'ws' }],
  });
  await yls.connection.sendNotification('initialized', {});
  await yls.connection.sendNotification('workspace/didChangeConfiguration', { settings: { yaml: yamlSettings } });
  const firstYls = yls.next(bigUri);
  await yls.connection.sendNotification('textDocument/didOpen', {
    textDocument: { uri: bigUri, languageId: 'yaml', version: 1, text },
  });
  await firstYls;
  const pushYls = await measurePush(yls, bigUri, variant);
  await stop(yls);
  // yaml-language-server waits validationDelayMs (200 ms, fixed in its yamlSettings.js) before
  // validating; the work itself is the figure minus that delay.
  const ylsWork = median(pushYls) - 200;
  results.push(
    `yaml-language-server 1.25.0 diagnostics, same document and schema (didChange → publish), median of ${runs}: ${ms(median(pushYls))}, i.e. ${ms(ylsWork)} after its fixed 200 ms validation delay`,
  );
  results.push(
    `ratio import-studio push / yaml-language-server work (edit outside the expression): ${(median(pushOurs) / ylsWork).toFixed(2)}`,
  );
  results.push(`ratio import-studio pull / yaml-language-server work: ${(median(pull) / ylsWork).toFixed(2)}`);

  rmSync(temp, { recursive: true, force: true });
  console.log(results.join('\n'));
}

void main();
