import { relative } from 'node:path';

export type OutputFormat = 'text' | 'json' | 'github';

/**
 * Problems name files relative to the workspace root; GitHub wants them relative to the repository
 * (the current folder in a CI job), so annotations get the workspace's own path in front.
 */
export function githubPrefix(workspaceRoot: string): string {
  const rel = relative(process.cwd(), workspaceRoot).replaceAll('\\', '/');
  return rel === '' ? '' : `${rel}/`;
}
