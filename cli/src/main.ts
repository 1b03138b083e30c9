/**
 * `import-studio`: the engine from the command line, for CI and scripts.
 * Exit codes: 0 fine, 1 problems found (errors; warnings too with --strict), 2 usage or I/O failure.
 */
import { parseArgs } from 'node:util';
import { dryRunCommand } from './commands/dryRun';
import { explain } from './commands/explain';
import { validateCommand } from './commands/validate';
// The store's commands (run, history, show, sandbox) are imported when used: the WebAssembly SQLite
// compiles when its module loads, ~20 MB and ~40 ms that a dry run or validate never needs.
import type { RecordCreationMode } from '../../engine/src/model/workspace';
import { type OutputFormat, VERSION } from './output/format';
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

  run <config> [options]       Execute an import against the workspace's store (.importstudio/sandbox.db,
                               seeded from the sandbox files): the dry run's plan, applied in one transaction.
      --forms a,b              Only these forms (form ids).
      --person ID              Only this person (personId).
      --creation-mode M        doNotCreate, createMissing or alwaysCreate (default: the configuration's).
      --ignore-error-threshold Go on past runOptions.errorThreshold (default 500) rows with errors.
      --progress               Progress lines on stderr even when it is not a terminal.
  run --nightly [path]         Run every import with automation.nightly on, in alias order, one run each.
  history [path] [--days N] [--import ALIAS]
                               Runs of the last N days (default 30), newest first.
  show <run> [path] [options]  One run: summary and first problems, or the sections asked for.
      --problems               Its problems.          --cache    Its import cache (--filter TEXT, --column C).
      --changes                The records it wrote (--action create|update).
      --offset N, --limit N    The page of a section (default 0 and 100).
      --results-csv FILE       Write the results file: line, code, description, message, time.
      --original FILE          Write the source file as the run read it.
  sandbox reset [path]         Rebuild the store from the sandbox files; empties the run history.

Options:
  --format F                   Output: text for people (default), json for tools; for validate and dry-run
                               also github (Actions annotations on the pull request's lines) and sarif
                               (a SARIF 2.1.0 log for code scanning: GitHub, GitLab, Azure DevOps).
  --strict                     Exit 1 on warnings too.
  -h, --help                   Show this help.
  -v, --version                Show the version.

Exit codes: 0 fine, 1 problems found (a run: Failed, or errors), 2 usage or I/O failure (a run: nothing ran,
e.g. the store is in use by another run, E0044).`;

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
  if (!isOutputFormat(format)) {
    process.stderr.write(`--format takes text, json, github or sarif, not '${format}'.\n`);
    return 2;
  }
  if (values.version) {
    process.stdout.write(`import-studio ${VERSION}\n`);
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
    case 'run': {
      if (!values.nightly && !rest[0]) {
        process.stderr.write(`run needs the path of an import configuration (or --nightly).\n\n${usage}\n`);
        return 2;
      }
      const mode = values['creation-mode'];
      if (mode !== undefined && !isCreationMode(mode)) {
        process.stderr.write(`--creation-mode takes doNotCreate, createMissing or alwaysCreate, not '${mode}'.\n`);
        return 2;
      }
      const { runCommand } = await import('./commands/run');
      return runCommand({
        path: rest[0] ?? '.',
        nightly: values.nightly ?? false,
        forms:
          values.forms === undefined
            ? undefined
            : values.forms
                .split(',')
                .map((f) => f.trim())
                .filter(Boolean),
        person: values.person,
        creationMode: mode,
        ignoreErrorThreshold: values['ignore-error-threshold'] ?? false,
        progress: values.progress ?? false,
        format: textOrJson(format),
        strict: values.strict ?? false,
      });
    }
    case 'history': {
      const days = values.days === undefined ? 30 : Number(values.days);
      if (!(Number.isInteger(days) && days > 0)) {
        process.stderr.write('--days takes a whole number above 0.\n');
        return 2;
      }
      const { historyCommand } = await import('./commands/history');
      return historyCommand({ path: rest[0] ?? '.', days, alias: values.import, format: textOrJson(format) });
    }
    case 'show': {
      const id = Number(rest[0]);
      const offset = values.offset === undefined ? 0 : Number(values.offset);
      const limit = values.limit === undefined ? 100 : Number(values.limit);
      if (!(Number.isInteger(id) && id > 0)) {
        process.stderr.write(`show needs a run number (import-studio history lists them).\n\n${usage}\n`);
        return 2;
      }
      if (!(Number.isInteger(offset) && offset >= 0) || !(Number.isInteger(limit) && limit > 0)) {
        process.stderr.write('--offset and --limit take a whole number.\n');
        return 2;
      }
      const action = values.action;
      if (action !== undefined && action !== 'create' && action !== 'update') {
        process.stderr.write(`--action takes create or update, not '${action}'.\n`);
        return 2;
      }
      const { showCommand } = await import('./commands/show');
      return showCommand({
        run: id,
        path: rest[1] ?? '.',
        problems: values.problems ?? false,
        cache: values.cache ?? false,
        changes: values.changes ?? false,
        filter: values.filter,
        column: values.column,
        action,
        offset,
        limit,
        resultsCsv: values['results-csv'],
        original: values.original,
        format: textOrJson(format),
      });
    }
    case 'sandbox': {
      if (rest[0] !== 'reset') {
        process.stderr.write(`sandbox takes one action: reset.\n\n${usage}\n`);
        return 2;
      }
      const { sandboxResetCommand } = await import('./commands/sandbox');
      return sandboxResetCommand({ path: rest[1] ?? '.', format: textOrJson(format) });
    }
    default:
      process.stderr.write(`Unknown command '${command}'.\n\n${usage}\n`);
      return 2;
  }
}

function isCreationMode(mode: string): mode is RecordCreationMode {
  return mode === 'doNotCreate' || mode === 'createMissing' || mode === 'alwaysCreate';
}

function isOutputFormat(format: string): format is OutputFormat {
  return format === 'text' || format === 'json' || format === 'github' || format === 'sarif';
}

/**
 * The run commands print text or JSON; GitHub annotations and SARIF are for problems in files
 * (validate, dry-run).
 */
function textOrJson(format: OutputFormat): 'text' | 'json' {
  return format === 'json' ? 'json' : 'text';
}

function parse(argv: readonly string[]) {
  return parseArgs({
    args: [...argv],
    allowPositionals: true,
    options: {
      limit: { type: 'string' },
      rows: { type: 'string' },
      forms: { type: 'string' },
      person: { type: 'string' },
      'creation-mode': { type: 'string' },
      'ignore-error-threshold': { type: 'boolean' },
      nightly: { type: 'boolean' },
      progress: { type: 'boolean' },
      days: { type: 'string' },
      import: { type: 'string' },
      problems: { type: 'boolean' },
      cache: { type: 'boolean' },
      changes: { type: 'boolean' },
      filter: { type: 'string' },
      column: { type: 'string' },
      action: { type: 'string' },
      offset: { type: 'string' },
      'results-csv': { type: 'string' },
      original: { type: 'string' },
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
