import { relative, resolve } from 'node:path';
import { nodeFileSystem } from '../../../engine/src/io/nodeFileSystem';
import { nodeReadThread } from '../../../engine/src/io/nodeReadThread';
import { dryRunWorkspaceImport } from '../../../engine/src/run/dryRunWorkspaceImport';
import { formatDryRun } from '../output/dryRunReport';
import { type OutputFormat, problemsReport } from '../output/format';
import { formatProblems } from '../output/problems';
import { styleFor } from '../output/style';
import { workspaceAt } from './workspaceAt';

export interface DryRunCommandOptions {
  config: string;
  limit: number | undefined;
  rows: number;
  format: OutputFormat;
  strict: boolean;
}

/** `import-studio dry-run <config>`: the engine's dry run of one import, in the terminal or as JSON. */
export async function dryRunCommand(options: DryRunCommandOptions): Promise<number> {
  const loaded = await workspaceAt(options.config);
  if ('error' in loaded) {
    process.stderr.write(`${loaded.error}\n`);
    return 2;
  }
  const { workspace } = loaded;
  const absolute = resolve(options.config).replaceAll('\\', '/');
  const importDoc = workspace.imports.find((d) => d.path === absolute);
  if (!importDoc) {
    process.stderr.write(`${options.config} is not an import configuration of the workspace (a *.import.yaml file).\n`);
    return 2;
  }
  const style = styleFor(process.stdout);
  const progress = progressLine();
  const run = await dryRunWorkspaceImport(nodeFileSystem, workspace, importDoc, {
    ...(options.limit !== undefined ? { limit: options.limit } : {}),
    ...(progress ? { onProgress: progress.update } : {}),
    readThread: nodeReadThread(),
  });
  progress?.done();
  if (!run.ok) {
    if (options.format === 'json') {
      process.stdout.write(`${JSON.stringify({ status: 'Failed', problems: run.problems }, null, 2)}\n`);
    } else if (options.format === 'github' || options.format === 'sarif') {
      process.stdout.write(problemsReport(options.format, run.problems, workspace.root));
    } else {
      process.stdout.write(
        `${formatProblems(run.problems, style)}\n\nThe configuration is not valid; nothing was run.\n`,
      );
    }
    return 1;
  }
  const { result } = run;
  if (options.format === 'json') {
    process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
  } else if (options.format === 'github' || options.format === 'sarif') {
    process.stdout.write(problemsReport(options.format, result.problems, workspace.root));
  } else {
    const source = importDoc.value?.source;
    const sourcePath = relative(process.cwd(), `${workspace.sftpRoot}/${source?.file ?? ''}`);
    const report = formatDryRun(
      result,
      {
        configPath: relative(process.cwd(), importDoc.path),
        sourcePath: `${sourcePath} (${source?.format}, ${source?.encoding ?? 'utf-8'}, ${source?.dateFormat})`,
        name: importDoc.value?.name ?? '',
        rows: options.rows,
        width: (process.stdout.columns ?? 120) - 2,
      },
      style,
    );
    process.stdout.write(`${report}\n`);
  }
  const hasErrors = result.status === 'Failed' || result.problems.some((p) => p.severity === 'error');
  const hasWarnings = result.problems.some((p) => p.severity === 'warning');
  return hasErrors || (options.strict && hasWarnings) ? 1 : 0;
}

/** A progress line on stderr for long runs, only when stderr is a terminal (CI logs stay clean). */
function progressLine(): { update: (rows: number) => void; done: () => void } | undefined {
  if (!process.stderr.isTTY) return undefined;
  let shown = false;
  return {
    update(rows) {
      shown = true;
      process.stderr.write(`\r  ${rows.toLocaleString('en-US')} rows…`);
    },
    done() {
      if (shown) process.stderr.write('\r\u001b[K');
    },
  };
}
