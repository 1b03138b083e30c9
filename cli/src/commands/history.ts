import { formatHistory } from '../output/runReport';
import { styleFor } from '../output/style';
import { openWorkspaceStore, READ_WAIT_MS } from './storeAt';

const DAY_MS = 24 * 60 * 60 * 1000;

/** `import-studio history [path]`: the runs of the last 30 days (the dashboard's Recent Activity), newest first. */
export async function historyCommand(options: {
  path: string;
  days: number;
  alias: string | undefined;
  format: 'text' | 'json';
}): Promise<number> {
  const opened = await openWorkspaceStore(options.path, 'import-studio history', READ_WAIT_MS);
  if ('error' in opened) {
    process.stderr.write(`${opened.error}\n`);
    return 2;
  }
  try {
    const since = new Date(Date.now() - options.days * DAY_MS).toISOString();
    const runs = await opened.store.runs({ since, ...(options.alias ? { alias: options.alias } : {}) });
    if (options.format === 'json') {
      process.stdout.write(`${JSON.stringify({ store: opened.file, since, runs }, null, 2)}\n`);
    } else {
      const style = styleFor(process.stdout);
      process.stdout.write(`${formatHistory(runs, options.days, (process.stdout.columns ?? 160) - 2, style)}\n`);
    }
    return 0;
  } finally {
    await opened.store.close();
  }
}
