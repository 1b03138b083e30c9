/**
 * `import-studio`: the engine from the command line, for CI and scripts.
 * Exit codes: 0 fine, 1 problems found (errors; warnings too with --strict), 2 usage or I/O failure.
 */
import { parseArgs } from 'node:util';
import { dryRunCommand } from './commands/dryRun';
import { explain } from './commands/explain';
import { validateCommand } from './commands/validate';
import { styleFor } from './output/style';

const usage = `Usage: import-studio <command> [options]

Commands:
  validate [path]              Check a workspace (schemas and cross-file rules) without running anything.
                               path: the workspace folder or a file in it (default: the current folder).
  dry-run <config> [options]   Run an import against its sample file and the sandbox; write nothing.
      --limit N                Process at most N rows.
      --json                   Print the whole result as JSON (for tools); same as --format json.
      --rows N                 Processed rows to show in the terminal (default 10).
  explain [code]               What an error code means and how to fix it (all codes without one).

Options:
  --format text|json|github    Output: for people (default), for tools, or GitHub Actions annotations
                               that show each problem on its line in a pull request.
  --strict                     Exit 1 on warnings too.
  -h, --help                   Show this help.
  -v, --version                Show the version.

Exit codes: 0 fine, 1 problems found, 2 usage or I/O failure.`;

export async function main(argv: readonly string[]): Promise<number> {
  let parsed: ReturnType<typeof parse>;
  try {
    parsed = parse(argv);
  } catch (e) {
    process.stderr.write(`${(e as Error).message}\n\n${usage}\n`);
    return 2;
  }
  const { values, positionals } = parsed;
  const [command, ...rest] = positionals;
  const out = styleFor(process.stdout);
  const format = values.json ? 'json' : (values.format ?? 'text');
  if (format !== 'text' && format !== 'json' && format !== 'github') {
    process.stderr.write(`--format takes text, json or github, not '${format}'.\n`);
    return 2;
  }
  if (values.version) {
    process.stdout.write('import-studio 0.1.0\n');
    return 0;
  }
  if (values.help || !command) {
    process.stdout.write(`${usage}\n`);
    return command || values.help ? 0 : 2;
  }
  switch (command) {
    case 'explain': {
      const { text, exitCode } = explain(rest, out);
      (exitCode === 0 ? process.stdout : process.stderr).write(`${text}\n`);
      return exitCode;
    }
    case 'validate':
      return validateCommand({ path: rest[0] ?? '.', strict: values.strict ?? false, format });
    case 'dry-run': {
      if (!rest[0]) {
        process.stderr.write(`dry-run needs the path of an import configuration.\n\n${usage}\n`);
        return 2;
      }
      const limit = values.limit === undefined ? undefined : Number(values.limit);
      const rows = values.rows === undefined ? 10 : Number(values.rows);
      if ((limit !== undefined && !(Number.isInteger(limit) && limit > 0)) || !(Number.isInteger(rows) && rows >= 0)) {
        process.stderr.write('--limit and --rows take a whole number.\n');
        return 2;
      }
      return dryRunCommand({
        config: rest[0],
        limit,
        rows,
        format,
        strict: values.strict ?? false,
      });
    }
    default:
      process.stderr.write(`Unknown command '${command}'.\n\n${usage}\n`);
      return 2;
  }
}

function parse(argv: readonly string[]) {
  return parseArgs({
    args: [...argv],
    allowPositionals: true,
    options: {
      limit: { type: 'string' },
      rows: { type: 'string' },
      json: { type: 'boolean' },
      format: { type: 'string' },
      strict: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
      version: { type: 'boolean', short: 'v' },
    },
  });
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(
      `import-studio: internal error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
    process.exitCode = 2;
  },
);
