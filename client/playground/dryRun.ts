/**
 * The Dry run button's request: `importStudio/dryRun` to the worker, turned into the PanelState
 * the panel app renders (as client/src/panel/dryRunPanel.ts does for VS Code).
 */
import type {
  DryRunParams,
  DryRunResponse,
  ListedImport,
  ListImportsResponse,
} from '../../server/src/service/requests';
import { dryRunMethod, listImportsMethod } from '../../server/src/service/requests';
import type { PanelState, Problem } from '../webview/types';
import { CancelledError, type LspChannel } from './lspChannel';
import { pathOf } from './workspaceFiles';

export interface DryRunOutcome {
  state: PanelState;
  /** The problems the panel lists, in its order, to open one by index. */
  problems: Problem[];
  /** The workspace root (a path below the playground root) the problems' files are relative to. */
  workspacePath: string;
}

/** A dry run under way: its outcome, and a way to stop it (the outcome then says it was cancelled). */
export interface RunningDryRun {
  outcome: Promise<DryRunOutcome>;
  cancel(): void;
}

export function startDryRun(channel: LspChannel, uri: string, onProgress: (message: string) => void): RunningDryRun {
  const request = channel.cancellable<DryRunResponse>(dryRunMethod, { uri } satisfies DryRunParams, onProgress);
  return { outcome: outcomeOf(channel, uri, request.result), cancel: request.cancel };
}

async function outcomeOf(channel: LspChannel, uri: string, answer: Promise<DryRunResponse>): Promise<DryRunOutcome> {
  const title = uri.slice(uri.lastIndexOf('/') + 1);
  const started = performance.now();
  try {
    const response = await answer;
    const elapsedMs = Math.round(performance.now() - started);
    const importUri = response.importUri ?? uri;
    const listed = await listedImport(channel, importUri);
    const workspacePath = pathOf(listed?.workspace ?? '') ?? '';
    const importPath = pathOf(importUri) ?? title;
    const info = {
      title: listed?.name ?? title,
      configFile: workspacePath ? importPath.slice(workspacePath.length + 1) : importPath,
      ...(listed ? { sourceFile: listed.sourceFile } : {}),
      elapsedMs,
      finishedAt: new Date().toISOString(),
    };
    return response.ok
      ? { state: { kind: 'result', info, result: response.result }, problems: response.result.problems, workspacePath }
      : { state: { kind: 'invalid', info, problems: response.problems }, problems: response.problems, workspacePath };
  } catch (error) {
    const message =
      error instanceof CancelledError
        ? 'The dry run was cancelled.'
        : error instanceof Error
          ? error.message
          : String(error);
    return { state: { kind: 'error', title, message }, problems: [], workspacePath: '' };
  }
}

async function listedImport(channel: LspChannel, importUri: string): Promise<ListedImport | undefined> {
  const { imports } = await channel.request<ListImportsResponse>(listImportsMethod, { uri: importUri });
  return imports.find((i) => i.uri.toLowerCase() === importUri.toLowerCase());
}
