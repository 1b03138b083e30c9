/**
 * Thousands of random edits (deterministic seed) to the sample documents over the real protocol:
 * characters and lines inserted and deleted, fragments of other sample files pasted. Along the
 * way, diagnostics, completion, hover, definition and symbol requests at random positions. Every
 * request must answer without an error response, no feature may log a failure, and the server
 * process must stay up. Bounded to a few thousand edits so it runs in well under a minute.
 */
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { after, before, test } from 'node:test';
import { pathToFileURL } from 'node:url';
import { startServer, type TestClient } from './lspClient';

const EDITS = 3000;
const repo = join(import.meta.dirname, '..', '..');
const temp = mkdtempSync(join(tmpdir(), 'lsp-fuzz-'));
const root = join(temp, 'samples');
let client: TestClient;

/** mulberry32: the same edits on every run and platform. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return name === 'sftp' || name === 'broken' ? [] : files(path);
    return /\.(ya?ml|jsonata)$/.test(name) && !name.startsWith('records') ? [path] : [];
  });
}

before(async () => {
  cpSync(join(repo, 'samples'), root, { recursive: true });
  client = await startServer(pathToFileURL(root).href);
});

after(async () => {
  await client.stop();
  rmSync(temp, { recursive: true, force: true });
});

test(`${EDITS} random edits: every request answers, nothing fails, the server stays up`, async () => {
  const next = random(20250601);
  const int = (n: number) => Math.floor(next() * n);
  const paths = files(root);
  const docs = paths.map((path) => ({
    uri: pathToFileURL(path).href,
    text: readFileSync(path, 'utf8'),
    version: 1,
    languageId: path.endsWith('.jsonata') ? 'jsonata' : 'yaml',
  }));
  assert.ok(docs.length >= 10, `found ${paths.map((p) => relative(root, p)).join(', ')}`);
  const fragments = docs.map((d) => d.text);
  for (const d of docs) await client.open(d.uri, d.text, d.languageId);
  const alphabet = 'abcXYZ019 :-_."\'`{}[]|>$&#\n\t\\@,()*';
  const pending: Promise<unknown>[] = [];
  let requests = 0;

  const positionIn = (text: string) => {
    const lines = text.split('\n');
    const line = int(lines.length + 1); // sometimes one past the end
    return { line, character: int((lines[line]?.length ?? 0) + 2) };
  };

  for (let i = 0; i < EDITS; i++) {
    const doc = docs[int(docs.length)]!;
    const at = int(doc.text.length + 1);
    const kind = next();
    if (kind < 0.35) {
      doc.text = doc.text.slice(0, at) + alphabet[int(alphabet.length)] + doc.text.slice(at);
    } else if (kind < 0.6) {
      doc.text = doc.text.slice(0, at) + doc.text.slice(at + 1 + int(8));
    } else if (kind < 0.75) {
      const lines = doc.text.split('\n');
      lines.splice(int(lines.length), 1 + int(2));
      doc.text = lines.join('\n');
    } else if (kind < 0.9) {
      const source = fragments[int(fragments.length)]!;
      const from = int(source.length);
      doc.text = doc.text.slice(0, at) + source.slice(from, from + int(120)) + doc.text.slice(at);
    } else {
      // Back to a valid text now and then, so valid states (and their cross-file checks) are visited too.
      doc.text = fragments[docs.indexOf(doc)]!;
    }
    doc.version++;
    await client.change(doc.uri, doc.version, doc.text);
    if (i % 5 === 0) {
      const textDocument = { uri: doc.uri };
      const position = positionIn(doc.text);
      const method = [
        'textDocument/diagnostic',
        'textDocument/completion',
        'textDocument/hover',
        'textDocument/definition',
        'textDocument/documentSymbol',
      ][int(5)]!;
      const params =
        method === 'textDocument/diagnostic' || method === 'textDocument/documentSymbol'
          ? { textDocument }
          : { textDocument, position };
      requests++;
      pending.push(client.connection.sendRequest(method, params));
    }
    // Keep a bounded number of requests in flight, as an editor does.
    if (pending.length >= 20) await Promise.all(pending.splice(0));
  }
  await Promise.all(pending.splice(0));
  // The end state still gets diagnostics, and the server still answers.
  const last = docs[0]!;
  const final = await client.connection.sendRequest<{ items: unknown[] }>('textDocument/diagnostic', {
    textDocument: { uri: last.uri },
  });
  assert.ok(Array.isArray(final.items));
  assert.equal(client.process.exitCode, null, 'the server process is alive');
  const distinct = [...new Set(client.errors.map((e) => e.split('\n').slice(0, 3).join(' | ')))];
  assert.deepEqual(distinct, [], 'no feature or refresh logged a failure');
  assert.ok(requests >= EDITS / 5);
});
