/**
 * Sends one `importStudio/dryRun` to the server with a progress indicator. The run happens in the
 * server (on a worker thread); cancelling the progress cancels the request, which terminates the
 * worker. The server's `$/progress` reports ("12,345 rows") are shown in the indicator.
 */
import * as vscode from 'vscode';
import { type BaseLanguageClient as LanguageClient, WorkDoneProgress } from 'vscode-languageclient';
import { type DryRunResponse, type ListedImport, dryRunRequest, listImportsRequest } from '../serverApi';

export type RunOutcome =
  | { kind: 'response'; response: DryRunResponse; listed: ListedImport | undefined; elapsedMs: number }
  | { kind: 'cancelled' }
  | { kind: 'failed'; message: string };

export interface RunOptions {
  /** Notification (with a Cancel button) for runs a person asked for; the status bar for re-runs on save. */
  location: vscode.ProgressLocation;
  /** Cancels the run from outside (a newer run supersedes it). */
  token?: vscode.CancellationToken;
  /** Processed rows to run at most (absent: the workspace file's dryRun.rowLimit). */
  limit?: number;
  /** Processed rows the result carries. */
  cacheRows?: number;
}

let nextToken = 0;
/** Makes the work-done tokens unique per extension host without process.pid (none in a web worker host). */
const session = Math.random().toString(36).slice(2, 10);

export async function runDryRun(client: LanguageClient, uri: vscode.Uri, options: RunOptions): Promise<RunOutcome> {
  const name = uri.path.slice(uri.path.lastIndexOf('/') + 1);
  return vscode.window.withProgress(
    { location: options.location, title: `Dry run of ${name}`, cancellable: true },
    async (progress, userToken) => {
      const source = new vscode.CancellationTokenSource();
      const subscriptions = [userToken.onCancellationRequested(() => source.cancel())];
      if (options.token) subscriptions.push(options.token.onCancellationRequested(() => source.cancel()));
      // Our own work-done token, so the server's row counts land in this indicator rather than in a
      // second one the client library would open for a server-created token.
      const workDoneToken = `importStudio.dryRun.${session}.${++nextToken}`;
      subscriptions.push(
        client.onProgress(WorkDoneProgress.type, workDoneToken, (value) => {
          if (value.kind === 'report' && value.message) progress.report({ message: value.message });
        }),
      );
      const started = Date.now();
      try {
        const uriText = client.code2ProtocolConverter.asUri(uri);
        const params = {
          uri: uriText,
          workDoneToken,
          ...(options.limit ? { limit: options.limit } : {}),
          ...(options.cacheRows ? { cacheRows: options.cacheRows } : {}),
        };
        const response = await client.sendRequest(dryRunRequest, params, source.token);
        // The client library answers a cancelled request with undefined rather than an error.
        if (source.token.isCancellationRequested) return { kind: 'cancelled' };
        const elapsedMs = Date.now() - started;
        const listed = await listedImport(client, response.importUri ?? uriText);
        return { kind: 'response', response, listed, elapsedMs };
      } catch (error) {
        if (source.token.isCancellationRequested) return { kind: 'cancelled' };
        return { kind: 'failed', message: error instanceof Error ? error.message : String(error) };
      } finally {
        for (const s of subscriptions) s.dispose();
        source.dispose();
      }
    },
  );
}

/** The server's listing of the import (its name, workspace and source file), when it has one. */
async function listedImport(client: LanguageClient, importUri: string): Promise<ListedImport | undefined> {
  try {
    const { imports } = await client.sendRequest(listImportsRequest, { uri: importUri });
    return imports.find((i) => i.uri === importUri);
  } catch {
    // The listing only decorates the header and resolves paths; the caller falls back to the editor's folder.
    return undefined;
  }
}
