import { writeFileSync } from 'node:fs';
import { runResultsCsv } from '../../../engine/src/execute/resultsCsv';
import type { Store } from '../../../engine/src/store/store';
import { formatCachePage, formatChanges, formatRunProblems, formatRunSummary } from '../output/runReport';
import { styleFor } from '../output/style';
import { openWorkspaceStore, READ_WAIT_MS } from './storeAt';

export interface ShowCommandOptions {
  run: number;
  path: string;
  problems: boolean;
  cache: boolean;
  changes: boolean;
  filter: string | undefined;
  column: string | undefined;
  action: 'create' | 'update' | undefined;
  offset: number;
  limit: number;
  resultsCsv: string | undefined;
  original: string | undefined;
  format: 'text' | 'json';
}

/**
 * `import-studio show <run>`: one run's summary, and on request its problems, a page of its import
 * cache (filterable) and the records it changed; `--results-csv` and `--original` write the results
 * file and the original source file. Without a section flag: the summary and the first problems.
 */
export async function showCommand(options: ShowCommandOptions): Promise<number> {
  const opened = await openWorkspaceStore(options.path, `import-studio show ${options.run}`, READ_WAIT_MS);
  if ('error' in opened) {
    process.stderr.write(`${opened.error}\n`);
    return 2;
  }
  try {
    return await show(opened.store, options);
  } finally {
    await opened.store.close();
  }
}

async function show(store: Store, options: ShowCommandOptions): Promise<number> {
  const run = await store.run(options.run);
  if (!run) {
    process.stderr.write(`No run ${options.run} in the store (import-studio history lists them).\n`);
    return 2;
  }
  const written: string[] = [];
  if (options.resultsCsv) {
    writeFileSync(options.resultsCsv, (await runResultsCsv(store, run.id)) ?? '');
    written.push(`results: ${options.resultsCsv}`);
  }
  if (options.original) {
    const file = await store.file(run.id);
    if (!file) {
      process.stderr.write(`Run ${run.id} kept no copy of its source file (missing or too large when it ran).\n`);
      return 2;
    }
    writeFileSync(options.original, file.bytes);
    written.push(`original file ${file.name}: ${options.original}`);
  }
  const page = { offset: options.offset, limit: options.limit };
  const anySection = options.problems || options.cache || options.changes;
  const problems =
    options.problems || !anySection ? await store.problems(run.id, anySection ? page : { limit: 20 }) : undefined;
  const cache = options.cache
    ? await store.cache(run.id, {
        ...page,
        ...(options.filter ? { filter: options.filter } : {}),
        ...(options.column ? { column: options.column } : {}),
      })
    : undefined;
  const changes = options.changes
    ? await store.changes(run.id, { ...page, ...(options.action ? { action: options.action } : {}) })
    : undefined;
  if (options.format === 'json') {
    process.stdout.write(`${JSON.stringify({ run, problems, cache, changes }, null, 2)}\n`);
    return 0;
  }
  const style = styleFor(process.stdout);
  const width = (process.stdout.columns ?? 160) - 2;
  const blocks = [formatRunSummary(run, style)];
  if (problems) blocks.push(formatRunProblems(problems, style));
  if (cache) blocks.push(formatCachePage(cache, width, style));
  if (changes) blocks.push(formatChanges(changes, style));
  if (written.length > 0) blocks.push(written.map((w) => `Wrote ${w}`).join('\n'));
  process.stdout.write(`${blocks.join('\n\n')}\n`);
  return 0;
}
