import { relative } from 'node:path';
import type { Problem } from '../../../engine/src/errors/problem';
import { formatGithub } from './github';
import { formatSarif } from './sarif';

export type OutputFormat = 'text' | 'json' | 'github' | 'sarif';

/** The CLI's version (package.json's), printed by --version and named in SARIF logs. */
export const VERSION = '0.1.0';

/**
 * Problems name files relative to the workspace root; GitHub (annotations and code scanning) wants
 * them relative to the repository (the current folder in a CI job), so they get the workspace's own
 * path in front.
 */
export function githubPrefix(workspaceRoot: string): string {
  const rel = relative(process.cwd(), workspaceRoot).replaceAll('\\', '/');
  return rel === '' ? '' : `${rel}/`;
}

/**
 * What validate and dry-run print for the formats made of problems alone: GitHub annotations (none
 * when there are no problems) or a SARIF log (always one, with no results when there are none).
 */
export function problemsReport(
  format: 'github' | 'sarif',
  problems: readonly Problem[],
  workspaceRoot: string,
): string {
  const prefix = githubPrefix(workspaceRoot);
  if (format === 'sarif') return `${formatSarif(problems, prefix, VERSION)}\n`;
  return problems.length > 0 ? `${formatGithub(problems, prefix)}\n` : '';
}
