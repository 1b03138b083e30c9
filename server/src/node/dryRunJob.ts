/** The messages between the server and its dry-run worker (structured-clone data only). */
import type { WorkspaceOverrides } from '../../../engine/src/workspace/loadWorkspace';
import type { DryRunResponse } from '../service/requests';

export interface DryRunJob {
  root: string;
  importPath: string;
  importUri: string;
  /** The open documents of the workspace: [absolute path, text]. */
  overlay: [string, string][];
  /** The editor's path settings replacing importstudio.yaml's (loadWorkspace's overrides). */
  overrides: WorkspaceOverrides;
  limit?: number;
  cacheRows?: number;
}

export type WorkerMessage =
  { type: 'progress'; rows: number } | { type: 'done'; response: DryRunResponse } | { type: 'failed'; message: string };
