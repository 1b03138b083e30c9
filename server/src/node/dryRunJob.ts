/** The messages between the server and its dry-run worker (structured-clone data only). */
import type { DryRunResponse } from '../service/requests';

export type { DryRunJob } from '../service/runDryRunJob';

export type WorkerMessage =
  { type: 'progress'; rows: number } | { type: 'done'; response: DryRunResponse } | { type: 'failed'; message: string };
