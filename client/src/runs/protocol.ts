/**
 * The messages between the runs dashboard (extension side, dashboardPanel.ts) and its webview app
 * (client/webview/dashboard). Plain JSON only; both sides import this file as types only.
 */
import type { RunDetailsResponse } from '../../../server/src/service/requests';
import type { CacheQuery, ChangeQuery, PageQuery, RunSummary } from '../../../engine/src/store/types';

export type RunDetails = Extract<RunDetailsResponse, { ok: true }>;

/** One workspace's history (a window may hold several workspaces). */
export interface WorkspaceRuns {
  /** The workspace folder's name. */
  name: string;
  /** The store file, workspace-relative; empty when the store could not be read. */
  store: string;
  runs: RunSummary[];
  /** Why the history could not be read (store held by a run, unreadable). */
  error?: string;
}

export interface DashboardOverview {
  workspaces: WorkspaceRuns[];
  /** Imports with automation.nightly on. */
  nightly: number;
  /** Days of history shown. */
  days: number;
  /** ISO instant the overview was read. */
  at: string;
}

export type DashboardState =
  | { kind: 'loading' }
  | { kind: 'overview'; overview: DashboardOverview }
  | { kind: 'run'; workspace: number; details: RunDetails }
  | { kind: 'error'; message: string };

export type ToDashboard = { type: 'state'; state: DashboardState };

export type FromDashboard =
  | { type: 'ready' }
  | { type: 'refresh' }
  | { type: 'back' }
  | { type: 'openRun'; workspace: number; runId: number }
  /** Another page (or filter) of the shown run's problems, cache or changes. */
  | { type: 'page'; problems?: PageQuery; cache?: CacheQuery; changes?: ChangeQuery }
  | { type: 'download'; what: 'results' | 'original' };
