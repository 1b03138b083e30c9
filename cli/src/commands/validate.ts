import { relative } from 'node:path';
import { type OutputFormat, problemsReport } from '../output/format';
import { countBySeverity, formatProblems } from '../output/problems';
import { styleFor } from '../output/style';
import { workspaceAt } from './workspaceAt';

/** `import-studio validate [path]`: schemas and cross-file checks, without running anything. */
export async function validateCommand(options: {
  path: string;
  strict: boolean;
  format: OutputFormat;
}): Promise<number> {
  const loaded = await workspaceAt(options.path);
  if ('error' in loaded) {
    process.stderr.write(`${loaded.error}\n`);
    return 2;
  }
  const { workspace } = loaded;
  const problems = workspace.problems;
  const counts = countBySeverity(problems);
  const failed = counts.error > 0 || (options.strict && counts.warning > 0);
  if (options.format === 'github' || options.format === 'sarif') {
    process.stdout.write(problemsReport(options.format, problems, workspace.root));
    return failed ? 1 : 0;
  }
  if (options.format === 'json') {
    process.stdout.write(`${JSON.stringify({ root: workspace.root, problems, counts }, null, 2)}\n`);
    return failed ? 1 : 0;
  }
  const style = styleFor(process.stdout);
  const files = workspace.imports.length + workspace.forms.length + workspace.mappings.length;
  const name = relative(process.cwd(), workspace.root) || '.';
  if (problems.length > 0) process.stdout.write(`${formatProblems(problems, style)}\n\n`);
  const summary = `${files} files in ${name}: ${counts.error} errors, ${counts.warning} warnings`;
  process.stdout.write(`${failed ? style.red(summary) : style.green(summary)}\n`);
  return failed ? 1 : 0;
}
