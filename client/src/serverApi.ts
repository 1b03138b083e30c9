/**
 * The server's custom requests as the client sends them. The method names and shapes are the
 * server's (server/src/service/requests.ts, imported as types only: the client shares no code with
 * the server or the engine, so any LSP client gets the same answers).
 */
import { RequestType } from 'vscode-languageclient';
import type {
  DryRunParams,
  DryRunResponse,
  ExecuteRunParams,
  ExecuteRunResponse,
  ListImportsParams,
  ListImportsResponse,
  ListRunsParams,
  ListRunsResponse,
  PreviewRunParams,
  PreviewRunResponse,
  RunDetailsParams,
  RunDetailsResponse,
  RunResultsParams,
  RunResultsResponse,
} from '../../server/src/service/requests';

export type {
  DryRunParams,
  DryRunResponse,
  ExecuteRunResponse,
  ListedImport,
  ListImportsResponse,
  PreviewRunResponse,
  RunDetailsResponse,
} from '../../server/src/service/requests';

export const dryRunRequest = new RequestType<DryRunParams, DryRunResponse, void>('importStudio/dryRun');
export const listImportsRequest = new RequestType<ListImportsParams, ListImportsResponse, void>(
  'importStudio/listImports',
);

export const previewRunRequest = new RequestType<PreviewRunParams, PreviewRunResponse, void>('importStudio/previewRun');
export const executeRunRequest = new RequestType<ExecuteRunParams, ExecuteRunResponse, void>('importStudio/executeRun');
export const listRunsRequest = new RequestType<ListRunsParams, ListRunsResponse, void>('importStudio/listRuns');
export const runDetailsRequest = new RequestType<RunDetailsParams, RunDetailsResponse, void>('importStudio/runDetails');
export const runResultsRequest = new RequestType<RunResultsParams, RunResultsResponse, void>('importStudio/runResults');

/** Command ids the server's code lenses send (server/src/service/symbols/codeLenses.ts). */
export const dryRunCommand = 'importStudio.dryRun';
export const showReferencesCommand = 'importStudio.showReferences';
export const restartServerCommand = 'importStudio.restartServer';
