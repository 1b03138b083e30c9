/** The types the dashboard app renders, re-exported from their one definition (type-only). */
export type { RunSummary } from '../../../engine/src/store/types';
export type {
  DashboardOverview,
  DashboardState,
  FromDashboard,
  RunDetails,
  ToDashboard,
} from '../../src/runs/protocol';
