/**
 * The playground's message channel (client/playground/lspChannel.ts) without a browser: a stand-in
 * worker records what the page posts and hands back answers. The race it covers: the page replaces
 * the workspace (its models are disposed, Monaco's client closes them) while a request about one of
 * them is still in the worker; monaco.lsp would throw "No text model for uri" on the answer.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { LspChannel } from '../../client/playground/lspChannel';

class StandInWorker extends EventTarget {
  readonly posted: unknown[] = [];
  postMessage(message: unknown): void {
    this.posted.push(message);
  }
  answer(data: unknown): void {
    this.dispatchEvent(new MessageEvent('message', { data }));
  }
}

function channelWithListener() {
  const worker = new StandInWorker();
  const channel = new LspChannel(worker as unknown as Worker);
  const transport = channel.transport();
  const delivered: unknown[] = [];
  transport.setListener((message) => delivered.push(message));
  return { worker, channel, transport, delivered };
}

const uri = 'file:///workspace/imports/term-grades.import.yaml';

test('an answer about a document closed while the request was in flight is not delivered to Monaco', async () => {
  const { worker, transport, delivered } = channelWithListener();
  await transport.send({ jsonrpc: '2.0', id: 7, method: 'textDocument/codeLens', params: { textDocument: { uri } } });
  await transport.send({ jsonrpc: '2.0', method: 'textDocument/didClose', params: { textDocument: { uri } } });
  assert.equal(worker.posted.length, 2, 'both messages reach the worker');
  worker.answer({ jsonrpc: '2.0', id: 7, result: [] });
  assert.deepEqual(delivered, []);
});

test('answers about open documents, and about others when one closes, are delivered', async () => {
  const { worker, transport, delivered } = channelWithListener();
  const other = 'file:///workspace/mappings/report-card.mapping.yaml';
  await transport.send({ jsonrpc: '2.0', id: 1, method: 'textDocument/hover', params: { textDocument: { uri } } });
  await transport.send({
    jsonrpc: '2.0',
    id: 2,
    method: 'textDocument/hover',
    params: { textDocument: { uri: other } },
  });
  await transport.send({ jsonrpc: '2.0', method: 'textDocument/didClose', params: { textDocument: { uri: other } } });
  worker.answer({ jsonrpc: '2.0', id: 1, result: null });
  worker.answer({ jsonrpc: '2.0', id: 2, result: null });
  // A later request with a reused id is delivered: the stale mark went with the dropped answer.
  await transport.send({ jsonrpc: '2.0', id: 2, method: 'textDocument/hover', params: { textDocument: { uri } } });
  worker.answer({ jsonrpc: '2.0', id: 2, result: null });
  assert.deepEqual(
    delivered.map((m) => (m as { id: number }).id),
    [1, 2],
  );
});

test("document notifications go to the worker in the file's own case, as requests name it", async () => {
  const { worker, channel, transport, delivered } = channelWithListener();
  const real = 'file:///workspace/broken/mappings/IEP Unknown Field.mapping.yaml';
  const lower = real.toLowerCase();
  // What a workspace from disk makes the page tell the channel.
  channel.knowUris([real, 'file:///workspace/imports/term-grades.import.yaml']);
  await transport.send({
    jsonrpc: '2.0',
    method: 'textDocument/didOpen',
    params: { textDocument: { uri: lower, text: 'x' } },
  });
  await transport.send({
    jsonrpc: '2.0',
    method: 'textDocument/didChange',
    params: { textDocument: { uri: lower, version: 2 }, contentChanges: [] },
  });
  await transport.send({
    jsonrpc: '2.0',
    id: 3,
    method: 'textDocument/hover',
    params: { textDocument: { uri: real } },
  });
  await transport.send({ jsonrpc: '2.0', method: 'textDocument/didClose', params: { textDocument: { uri: lower } } });
  const uris = worker.posted.map((m) => (m as { params: { textDocument: { uri: string } } }).params.textDocument.uri);
  assert.deepEqual(uris, [real, real, real, real]);
  // The hover was about the closed document: its answer is dropped, so the rewrite kept that working.
  worker.answer({ jsonrpc: '2.0', id: 3, result: null });
  assert.deepEqual(delivered, []);
});
