/** The types the webview app renders, re-exported from their one definition (type-only). */
export type { Location, Problem } from '../../engine/src/errors/problem';
export type {
  CachedRow,
  DryRunResult,
  FieldChange,
  ImportCache,
  PlanEntry,
  RunStatus,
} from '../../engine/src/model/result';
export type { FromWebview, PanelState, RunInfo, ToWebview } from '../src/panel/protocol';
