/**
 * A minimal LSP client for tests: it starts the built server (dist/server.js) as a process over
 * stdio and speaks the real protocol to it through vscode-languageserver-protocol. It keeps the
 * latest diagnostics of every URI, every $/progress notification and every log message, so tests
 * can wait for a state rather than count notifications.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import {
  createProtocolConnection,
  type Diagnostic,
  InitializedNotification,
  InitializeRequest,
  type InitializeResult,
  LogMessageNotification,
  MessageType,
  type ProtocolConnection,
  PublishDiagnosticsNotification,
  StreamMessageReader,
  StreamMessageWriter,
  WorkDoneProgressCreateRequest,
} from 'vscode-languageserver-protocol/node';

export const serverPath = join(import.meta.dirname, '..', '..', 'dist', 'server.js');

export interface ProgressEvent {
  token: string | number;
  value: { kind: 'begin' | 'report' | 'end'; title?: string; message?: string };
}

export interface TestClient {
  connection: ProtocolConnection;
  process: ChildProcess;
  initializeResult: InitializeResult;
  /** Resolves with the next diagnostics published for `uri`. */
  nextDiagnostics(uri: string): Promise<Diagnostic[]>;
  /** Resolves with the latest diagnostics of `uri` once they satisfy `test` (now or after a later publish). */
  diagnosticsWhere(uri: string, test: (d: Diagnostic[]) => boolean, timeoutMs?: number): Promise<Diagnostic[]>;
  /** The latest published diagnostics per URI. */
  latest: Map<string, Diagnostic[]>;
  progress: ProgressEvent[];
  /** Error-level window/logMessage texts (the server logs a feature that threw). */
  errors: string[];
  open(uri: string, text: string, languageId?: string): Promise<void>;
  change(uri: string, version: number, text: string): Promise<void>;
  close(uri: string): Promise<void>;
  filesChanged(changes: { uri: string; type: 1 | 2 | 3 }[]): Promise<void>;
  stop(): Promise<void>;
}

export interface StartOptions {
  /** Answer window/workDoneProgress/create (and say so in the capabilities). */
  workDoneProgress?: boolean;
  folders?: string[];
  /**
   * Answer workspace/configuration (and say so in the capabilities): the `importStudio` section per
   * folder URI. The object is read at each request, so a test can change it and notify.
   */
  settings?: Record<string, unknown>;
}

export async function startServer(rootUri: string, options: StartOptions = {}): Promise<TestClient> {
  const child = spawn(process.execPath, [serverPath, '--stdio'], { stdio: ['pipe', 'pipe', 'inherit'] });
  const connection = createProtocolConnection(
    new StreamMessageReader(child.stdout!),
    new StreamMessageWriter(child.stdin!),
  );
  const latest = new Map<string, Diagnostic[]>();
  const waiting = new Map<string, ((d: Diagnostic[]) => void)[]>();
  const watchers = new Set<() => void>();
  const progress: ProgressEvent[] = [];
  const errors: string[] = [];
  connection.onNotification(PublishDiagnosticsNotification.type, ({ uri, diagnostics }) => {
    latest.set(uri, diagnostics);
    waiting.get(uri)?.shift()?.(diagnostics);
    for (const w of [...watchers]) w();
  });
  connection.onNotification(LogMessageNotification.type, ({ type, message }) => {
    if (type === MessageType.Error) errors.push(message);
  });
  connection.onNotification('$/progress', (params: ProgressEvent) => {
    progress.push(params);
  });
  connection.onRequest(WorkDoneProgressCreateRequest.type, () => undefined);
  connection.onRequest('client/registerCapability', () => null);
  const settings = options.settings;
  if (settings) {
    connection.onRequest('workspace/configuration', ({ items }: { items: { scopeUri?: string; section?: string }[] }) =>
      items.map((item) => (item.section === 'importStudio' ? (settings[item.scopeUri ?? ''] ?? null) : null)),
    );
  }
  connection.listen();
  const folders = options.folders ?? [rootUri];
  const initializeResult = await connection.sendRequest(InitializeRequest.type, {
    processId: process.pid,
    rootUri,
    capabilities: {
      window: { workDoneProgress: options.workDoneProgress === true },
      workspace: {
        didChangeWatchedFiles: { dynamicRegistration: true },
        ...(settings ? { configuration: true, didChangeConfiguration: { dynamicRegistration: true } } : {}),
      },
    },
    workspaceFolders: folders.map((uri, i) => ({ uri, name: `folder${i}` })),
  });
  await connection.sendNotification(InitializedNotification.type, {});
  return {
    connection,
    process: child,
    initializeResult,
    latest,
    progress,
    errors,
    nextDiagnostics(uri) {
      return new Promise((resolve) => {
        const queue = waiting.get(uri) ?? [];
        queue.push(resolve);
        waiting.set(uri, queue);
      });
    },
    diagnosticsWhere(uri, test, timeoutMs = 10_000) {
      return new Promise((resolve, reject) => {
        const check = () => {
          const now = latest.get(uri);
          if (now && test(now)) {
            watchers.delete(check);
            clearTimeout(timer);
            resolve(now);
          }
        };
        const timer = setTimeout(() => {
          watchers.delete(check);
          reject(new Error(`diagnostics of ${uri} never matched; latest: ${JSON.stringify(latest.get(uri))}`));
        }, timeoutMs);
        watchers.add(check);
        check();
      });
    },
    open(uri, text, languageId = 'yaml') {
      return connection.sendNotification('textDocument/didOpen', {
        textDocument: { uri, languageId, version: 1, text },
      });
    },
    change(uri, version, text) {
      return connection.sendNotification('textDocument/didChange', {
        textDocument: { uri, version },
        contentChanges: [{ text }],
      });
    },
    close(uri) {
      return connection.sendNotification('textDocument/didClose', { textDocument: { uri } });
    },
    filesChanged(changes) {
      return connection.sendNotification('workspace/didChangeWatchedFiles', { changes });
    },
    async stop() {
      await connection.sendRequest('shutdown');
      await connection.sendNotification('exit');
      connection.dispose();
      await new Promise((resolve) => (child.exitCode !== null ? resolve(null) : child.once('exit', resolve)));
    },
  };
}
