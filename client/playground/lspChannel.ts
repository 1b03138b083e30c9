/**
 * One message channel to the language-server worker, shared by two parties: Monaco's LSP client
 * (monaco.lsp), which owns the LSP session, and the page, which sends the playground's own
 * notification and requests (the workspace files, importStudio/dryRun). The page's requests carry
 * string ids of their own ('page-N'), so their answers are told apart from Monaco's (numeric ids).
 * Diagnostics are also tapped here: the file tree counts them and the page times the first ones.
 */
import type * as monaco from 'monaco-editor';

/** The transport type MonacoLspClient takes (not exported by name by monaco-editor). */
type Transport = ConstructorParameters<typeof monaco.lsp.MonacoLspClient>[0];
type Message = Parameters<Transport['send']>[0];

export interface PublishedDiagnostic {
  code?: string | number;
  message: string;
  severity?: number;
  range: { start: { line: number; character: number }; end: { line: number; character: number } };
}

interface Pending {
  resolve(value: unknown): void;
  reject(error: Error): void;
}

/** What a request the page cancelled rejects with. */
export class CancelledError extends Error {
  constructor() {
    super('cancelled');
    this.name = 'CancelledError';
  }
}

export class LspChannel {
  private listener: ((message: Message) => void) | undefined;
  private readonly queued: Message[] = [];
  private readonly pending = new Map<string, Pending>();
  /** The page's work-done tokens -> who shows their reports. */
  private readonly progress = new Map<string, (message: string) => void>();
  private nextId = 1;
  /** Last published diagnostics by URI (as the server spelled it). */
  readonly diagnostics = new Map<string, PublishedDiagnostic[]>();
  onDiagnostics: (uri: string, diagnostics: PublishedDiagnostic[]) => void = () => {};
  private readonly firstDiagnostics: (() => void)[] = [];
  /** Monaco's requests in flight that name a document: id -> the document's URI. */
  private readonly inFlight = new Map<number | string, string>();
  /** Requests whose document was closed before the answer came (see `sent`). */
  private readonly stale = new Set<number | string>();
  /** Lower-cased URI -> the URI as the file is named (only for names that have capitals). */
  private readonly realCase = new Map<string, string>();

  constructor(private readonly worker: Worker) {
    worker.addEventListener('message', (event: MessageEvent<Message>) => this.received(event.data));
  }

  /** The transport to give MonacoLspClient. */
  transport(): Transport {
    return {
      state: { value: { state: 'open' }, onChange: () => ({ dispose() {} }) },
      send: async (message) => {
        const outgoing = this.withRealCase(message);
        this.sent(outgoing);
        this.worker.postMessage(outgoing);
      },
      setListener: (listener) => {
        this.listener = listener;
        while (listener && this.queued.length > 0) listener(this.queued.shift()!);
      },
      toString: () => 'import-studio-worker',
    };
  }

  /** Calls `listener` once, when the first diagnostics arrive (before onDiagnostics). */
  onFirstDiagnostics(listener: () => void): void {
    this.firstDiagnostics.push(listener);
  }

  notify(method: string, params: object): void {
    this.worker.postMessage({ jsonrpc: '2.0', method, params });
  }

  request<T>(method: string, params: object): Promise<T> {
    return this.cancellable<T>(method, params).result;
  }

  /**
   * A request the page may cancel: `cancel` sends `$/cancelRequest` and rejects `result` at once with
   * a CancelledError (the worker's answer, when it comes, is dropped). `onProgress` gets the
   * work-done reports the worker sends for the request's own token, and the message of its end.
   */
  cancellable<T>(
    method: string,
    params: object,
    onProgress?: (message: string) => void,
  ): { result: Promise<T>; cancel(): void } {
    const id = `page-${this.nextId++}`;
    const workDoneToken = onProgress ? `${id}-progress` : undefined;
    if (workDoneToken && onProgress) this.progress.set(workDoneToken, onProgress);
    // The listener stays until the progress ends: after a cancel, the end says where the work stopped.
    const result = new Promise<T>((resolve, reject) => {
      this.pending.set(id, { resolve: (value) => resolve(value as T), reject });
      this.worker.postMessage({
        jsonrpc: '2.0',
        id,
        method,
        params: workDoneToken ? { ...params, workDoneToken } : params,
      });
    });
    const cancel = (): void => {
      const waiting = this.pending.get(id);
      if (!waiting) return;
      this.pending.delete(id);
      this.worker.postMessage({ jsonrpc: '2.0', method: '$/cancelRequest', params: { id } });
      waiting.reject(new CancelledError());
    };
    return { result, cancel };
  }

  /**
   * The workspace's document URIs as Monaco spells them in requests (`uri.toString(true)`). monaco.lsp
   * sends didOpen, didChange and didClose with the URI lower-cased, so a file named with capitals
   * would be opened in the worker as a second, lower-cased document, and the edits would go there
   * while requests read the file itself. Called whenever the workspace's files change; entries are
   * kept, so that the didClose of a file the new workspace lacks is still spelled right.
   */
  knowUris(uris: readonly string[]): void {
    for (const uri of uris) if (uri.toLowerCase() !== uri) this.realCase.set(uri.toLowerCase(), uri);
  }

  /** A document notification with its URI in the file's own case (see knowUris); other messages as they are. */
  private withRealCase(message: Message): Message {
    if (message.method === undefined || !message.method.startsWith('textDocument/did')) return message;
    const { params } = message as { params?: { textDocument?: { uri?: unknown } } };
    const uri = params?.textDocument?.uri;
    const real = typeof uri === 'string' ? this.realCase.get(uri) : undefined;
    if (real === undefined || params === undefined) return message;
    return { ...message, params: { ...params, textDocument: { ...params.textDocument, uri: real } } } as Message;
  }

  /**
   * Remembers which document each of Monaco's requests is about. When the page replaces the
   * workspace its models are disposed while requests for them (code lenses, pulled diagnostics) may
   * still be in the worker; monaco.lsp throws "No text model for uri" on such an answer, so the
   * answers for documents closed meanwhile are dropped (`received`): nobody is waiting for them.
   */
  private sent(message: Message): void {
    if (message.method === undefined) return;
    const { params } = message as { params?: { textDocument?: { uri?: unknown } } };
    const uri = params?.textDocument?.uri;
    if (typeof uri !== 'string') return;
    if (message.method === 'textDocument/didClose') {
      for (const [id, about] of this.inFlight) if (about === uri) this.stale.add(id);
    } else if ('id' in message && message.id !== undefined && message.id !== null) {
      this.inFlight.set(message.id, uri);
    }
  }

  private received(message: Message): void {
    if (message.method === undefined && message.id !== undefined && message.id !== null) {
      this.inFlight.delete(message.id);
      if (this.stale.delete(message.id)) return;
    }
    if (message.method === undefined && typeof message.id === 'string' && message.id.startsWith('page-')) {
      const waiting = this.pending.get(message.id);
      this.pending.delete(message.id);
      if (message.error) waiting?.reject(new Error(message.error.message));
      else waiting?.resolve(message.result);
      return;
    }
    if (message.method === '$/progress') {
      const { token, value } = message.params as { token: string | number; value: { kind: string; message?: string } };
      const listener = this.progress.get(String(token));
      if (listener) {
        if (value.kind === 'end') this.progress.delete(String(token));
        if (value.kind !== 'begin' && value.message) listener(value.message);
        return;
      }
    }
    if (message.method === 'textDocument/publishDiagnostics') {
      const params = message.params as unknown as { uri: string; diagnostics: PublishedDiagnostic[] };
      this.diagnostics.set(params.uri, params.diagnostics);
      for (const listener of this.firstDiagnostics.splice(0)) listener();
      this.onDiagnostics(params.uri, params.diagnostics);
    }
    if (this.listener) this.listener(message);
    else this.queued.push(message);
  }
}
