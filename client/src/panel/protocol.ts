/**
 * The messages between the dry-run panel (extension side, dryRunPanel.ts) and its webview app
 * (client/webview). Plain JSON only: a webview receives data by postMessage and renders it with DOM
 * APIs, never as HTML built from strings. Both sides import this file as types only.
 */
import type { Problem } from '../../../engine/src/errors/problem';
import type { DryRunResult } from '../../../engine/src/model/result';

/** What the header shows about the run besides the result itself. */
export interface RunInfo {
  /** The import's name (or its file name when the server could not list it). */
  title: string;
  /** The import configuration, workspace-relative. */
  configFile: string;
  /** source.file as written (relative to the SFTP root), when known. */
  sourceFile?: string;
  /** Wall-clock milliseconds the request took, measured by the extension (the result has stage timings too). */
  elapsedMs: number;
  /** ISO time the run finished. */
  finishedAt: string;
}

export type PanelState =
  | { kind: 'empty' }
  | { kind: 'running'; title: string }
  | { kind: 'result'; info: RunInfo; result: DryRunResult }
  /** The import cannot run: the server said why. */
  | { kind: 'invalid'; info: RunInfo; problems: Problem[] }
  /** The request itself failed or was cancelled. */
  | { kind: 'error'; title: string; message: string };

export type ToWebview = { type: 'state'; state: PanelState };

export type FromWebview =
  /** The app has loaded (again, after being hidden): send the current state. */
  | { type: 'ready' }
  /** Open the n-th location of the n-th problem of the current state; indices, so the webview never names a path. */
  | { type: 'openProblem'; problem: number; location: number }
  | { type: 'rerun' };
