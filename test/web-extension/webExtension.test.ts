/**
 * The web extension's two seams, without a VS Code: the URI rewriting on the wire between the editor's
 * scheme and the server's file:/// URIs (client/src/web/uriRewrite.ts), and the worker's FileSystem
 * over the client's file requests (server/src/browser/clientFileSystem.ts), against a stand-in client
 * backed by a memory file system. The real thing runs in code-server: scripts/test-vscode.mjs phase 3.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createMemoryFileSystem } from '../../engine/src/io/memoryFileSystem';
import { uriRewriter } from '../../client/src/web/uriRewrite';
import { createClientFileSystem, type FileRequester } from '../../server/src/browser/clientFileSystem';
import { fsReadDirectoryMethod, fsReadFileMethod, fsStatMethod } from '../../server/src/browser/fsProtocol';
import { uriToPath } from '../../server/src/service/uri';

test('URIs of the workspace scheme become file URIs for the server, and back; other strings stay', () => {
  const rewriter = uriRewriter('vscode-remote://127.0.0.1:8080');
  const outgoing = {
    jsonrpc: '2.0',
    method: 'textDocument/didOpen',
    params: {
      textDocument: { uri: 'vscode-remote://127.0.0.1:8080/tmp/ws/a.import.yaml', text: 'vscode-remote://x in text' },
      folders: ['vscode-remote://127.0.0.1:8080/tmp/ws', 'vscode-remote://127.0.0.1:80800/other'],
      n: 3,
      none: null,
    },
  };
  assert.deepEqual(rewriter.toServer(outgoing), {
    jsonrpc: '2.0',
    method: 'textDocument/didOpen',
    params: {
      textDocument: { uri: 'file:///tmp/ws/a.import.yaml', text: 'vscode-remote://x in text' },
      // Another authority that merely starts like this one is not this workspace.
      folders: ['file:///tmp/ws', 'vscode-remote://127.0.0.1:80800/other'],
      n: 3,
      none: null,
    },
  });
  const incoming = { result: { importUri: 'file:///tmp/ws/a.import.yaml', text: 'see file:///x' } };
  assert.deepEqual(rewriter.fromServer(incoming), {
    result: { importUri: 'vscode-remote://127.0.0.1:8080/tmp/ws/a.import.yaml', text: 'see file:///x' },
  });
});

test('file workspaces are passed through untouched', () => {
  const message = { uri: 'file:///a' };
  assert.equal(uriRewriter(undefined).toServer(message), message);
  assert.equal(uriRewriter('file://').fromServer(message), message);
});

/** The extension's side, answered from memory as fileRequests.ts answers from vscode.workspace.fs. */
function standInClient(): FileRequester & { calls: string[] } {
  const disk = createMemoryFileSystem([
    ['/ws/importstudio.yaml', new TextEncoder().encode('sftpRoot: sftp\n')],
    ['/ws/sftp/data.csv', new Uint8Array([0xef, 0xbb, 0xbf, 0x41, 0xe9])],
  ]);
  const calls: string[] = [];
  return {
    calls,
    async sendRequest<R>(method: string, { uri }: { uri: string }): Promise<R> {
      calls.push(method);
      const path = uriToPath(uri);
      if (method === fsStatMethod) return ((await disk.stat(path)) ?? null) as R;
      if (method === fsReadFileMethod) {
        return { base64: Buffer.from(await disk.readFile(path)).toString('base64') } as R;
      }
      if (method === fsReadDirectoryMethod) return (await disk.readDirectory(path)) as R;
      throw new Error(`unknown ${method}`);
    },
  };
}

test("the worker's file system reads through the client's requests, bytes intact", async () => {
  const client = standInClient();
  const fs = createClientFileSystem(client);
  assert.deepEqual(await fs.stat('/ws/importstudio.yaml'), { size: 15, isFile: true, isDirectory: false });
  assert.equal(await fs.stat('/ws/missing.yaml'), undefined);
  assert.deepEqual([...(await fs.readFile('/ws/sftp/data.csv'))], [0xef, 0xbb, 0xbf, 0x41, 0xe9]);
  const chunks: number[] = [];
  for await (const chunk of fs.readStream('/ws/sftp/data.csv', { chunkSize: 2 })) chunks.push(chunk.length);
  assert.deepEqual(chunks, [2, 2, 1], 'streamed in chunks, as from a disk');
  assert.deepEqual(
    (await fs.readDirectory('/ws')).sort((a, b) => a.name.localeCompare(b.name)),
    [
      { name: 'importstudio.yaml', isDirectory: false },
      { name: 'sftp', isDirectory: true },
    ],
  );
  assert.equal(await fs.realPath('/ws/sftp'), '/ws/sftp');
  await assert.rejects(fs.readFile('/ws/missing.yaml'), (e: Error & { code?: string }) => e.code === 'ENOENT');
  await assert.rejects(fs.realPath('/ws/missing'), (e: Error & { code?: string }) => e.code === 'ENOENT');
  assert.ok(client.calls.includes(fsReadDirectoryMethod));
});
