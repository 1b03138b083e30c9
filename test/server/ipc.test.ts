/**
 * The transport VS Code's client uses: the server forked with --node-ipc, messages over Node's IPC
 * channel instead of stdio. The same requests answer the same way.
 */
import assert from 'node:assert/strict';
import { fork } from 'node:child_process';
import { test } from 'node:test';
import {
  createProtocolConnection,
  type Diagnostic,
  InitializeRequest,
  IPCMessageReader,
  IPCMessageWriter,
  PublishDiagnosticsNotification,
} from 'vscode-languageserver-protocol/node';
import { serverPath } from './lspClient';

test('over IPC the server initializes and publishes diagnostics with codes', { timeout: 30_000 }, async () => {
  const child = fork(serverPath, ['--node-ipc'], { stdio: ['ignore', 'ignore', 'inherit', 'ipc'] });
  const connection = createProtocolConnection(new IPCMessageReader(child), new IPCMessageWriter(child));
  const uri = 'file:///tmp/import-studio-ipc/demo.import.yaml';
  const diagnostics = new Promise<Diagnostic[]>((resolve) =>
    connection.onNotification(PublishDiagnosticsNotification.type, (p) => {
      if (p.uri === uri) resolve(p.diagnostics);
    }),
  );
  connection.listen();
  try {
    const init = await connection.sendRequest(InitializeRequest.type, {
      processId: process.pid,
      rootUri: null,
      capabilities: {},
    });
    assert.equal(init.serverInfo?.name, 'import-studio');
    await connection.sendNotification('initialized', {});
    await connection.sendNotification('textDocument/didOpen', {
      textDocument: { uri, languageId: 'yaml', version: 1, text: 'name: Demo\nalias: Demo Alias\n' },
    });
    const list = await diagnostics;
    assert.ok(
      list.some((d) => d.code === 'E0033' && /alias/.test(String(d.message))),
      JSON.stringify(list),
    );
    await connection.sendRequest('shutdown');
    await connection.sendNotification('exit');
  } finally {
    connection.dispose();
    child.kill();
  }
});
