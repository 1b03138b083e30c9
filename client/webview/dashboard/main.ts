/**
 * The runs dashboard's webview app (issue 6), laid out as the platform's Import Dashboard: the
 * warnings and errors of recent runs on top, the settings that govern runs, then the recent
 * activity of the last 30 days. Opening a run shows its problems, its import cache (filterable,
 * paged by the server) and the records it changed, with downloads of the results CSV and the
 * original file. DOM APIs only; the extension posts the state (client/src/runs/protocol.ts).
 */
import '../style.css';
import './dashboard.css';
import { append, clear, formatMs, formatNumber, h } from '../dom';
import type { DashboardOverview, DashboardState, FromDashboard, RunDetails, ToDashboard } from './types';
import type { RunSummary } from './types';

interface VsCodeApi {
  postMessage(message: FromDashboard): void;
}
declare function acquireVsCodeApi(): VsCodeApi;

const vscode = acquireVsCodeApi();
const app = document.getElementById('app') ?? document.body;
const post = (message: FromDashboard) => vscode.postMessage(message);

window.addEventListener('message', (event: MessageEvent<ToDashboard>) => {
  if (event.data?.type === 'state') render(event.data.state);
});
post({ type: 'ready' });

function render(state: DashboardState): void {
  clear(app);
  switch (state.kind) {
    case 'loading':
      app.appendChild(h('p', { class: 'muted', role: 'status' }, 'Reading the run history…'));
      return;
    case 'error':
      app.appendChild(h('p', { class: 'message', role: 'alert' }, state.message));
      return;
    case 'overview':
      renderOverview(state.overview);
      return;
    case 'run':
      renderRun(state.details);
      return;
  }
}

function statusClass(status: string): string {
  if (status === 'Complete') return 'status complete';
  if (status === 'Failed') return 'status failed';
  if (status === 'Running' || status === 'Pending') return 'status running';
  return 'status issues';
}

function when(iso: string | null): string {
  return iso ? new Date(iso).toLocaleString('en-US', { dateStyle: 'medium', timeStyle: 'short' }) : '–';
}

function button(label: string, onClick: () => void, attrs: Record<string, string> = {}): HTMLButtonElement {
  const b = h('button', { type: 'button', class: 'toggle', ...attrs }, label);
  b.addEventListener('click', onClick);
  return b;
}

function renderOverview(overview: DashboardOverview): void {
  const refresh = button('Refresh', () => post({ type: 'refresh' }));
  append(app, [
    h(
      'div',
      { class: 'title-row' },
      h('h1', {}, 'Import runs'),
      h('span', { class: 'muted' }, `Read ${when(overview.at)}`),
      refresh,
    ),
  ]);
  const all = overview.workspaces.flatMap((w, workspace) => w.runs.map((run) => ({ run, workspace })));

  // 1. Warnings and errors of recent runs, newest first: what needs attention.
  const issues = all.filter(({ run }) => run.errors > 0 || run.warnings > 0 || run.message !== null);
  const issueList = h('ul', { class: 'issues', 'aria-label': 'Warnings and errors' });
  for (const { run, workspace } of issues.slice(0, 20)) {
    const kind = run.status === 'Failed' || run.errors > 0 ? 'Error' : 'Warning';
    const codes = Object.entries(run.problemTotals)
      .map(([code, n]) => `${code} ×${formatNumber(n ?? 0)}`)
      .join(', ');
    const item = h(
      'li',
      { class: `issue ${kind.toLowerCase()}` },
      h('span', { class: `badge ${kind.toLowerCase()}` }, kind),
      ' ',
      h('span', { class: 'muted' }, when(run.finishedAt ?? run.queuedAt)),
      ' ',
      h('strong', {}, run.name),
      ` (run ${run.id}): `,
      run.message ?? `${formatNumber(run.errors)} error(s), ${formatNumber(run.warnings)} warning(s)`,
      codes ? h('span', { class: 'muted' }, ` — ${codes}`) : null,
    );
    item.appendChild(button('Open', () => post({ type: 'openRun', workspace, runId: run.id })));
    issueList.appendChild(item);
  }
  app.appendChild(
    h(
      'section',
      { class: 'dash-section', 'aria-labelledby': 'issues-title' },
      h('h2', { id: 'issues-title' }, 'Warnings and errors'),
      issues.length > 0 ? issueList : h('p', { class: 'muted' }, 'No warnings or errors in these runs.'),
    ),
  );

  // 2. What governs runs (read-only).
  const settings = h('dl', { class: 'facts' });
  for (const w of overview.workspaces) {
    append(settings, [h('dt', {}, `Store of ${w.name}`), h('dd', {}, w.error ? `not readable: ${w.error}` : w.store)]);
  }
  append(settings, [
    h('dt', {}, 'Imports running nightly'),
    h('dd', { 'data-testid': 'nightly' }, formatNumber(overview.nightly)),
  ]);
  app.appendChild(h('section', { class: 'dash-section' }, h('h2', {}, 'Settings'), settings));

  // 3. Recent activity.
  const body = h('tbody');
  for (const { run, workspace } of all) {
    const row = h(
      'tr',
      { class: 'run-row', tabindex: 0, 'data-run': run.id },
      h('td', {}, run.name),
      h('td', {}, when(run.queuedAt)),
      h('td', {}, run.type === 'manual' ? 'Manual' : 'Automated'),
      h('td', {}, h('span', { class: statusClass(run.status) }, run.status)),
      h('td', { class: 'num' }, formatNumber(run.counts?.rowsProcessed ?? 0)),
      h('td', { class: 'num' }, formatNumber(run.applied.create)),
      h('td', { class: 'num' }, formatNumber(run.applied.update)),
      h('td', { class: 'num' }, formatNumber(run.errors)),
      h('td', { class: 'num' }, formatNumber(run.warnings)),
      h('td', {}, run.user),
      h('td', { class: 'num' }, run.durationMs === null ? '–' : formatMs(run.durationMs)),
    );
    const open = () => post({ type: 'openRun', workspace, runId: run.id });
    row.addEventListener('click', open);
    row.addEventListener('keydown', (e) => {
      if (e.key === 'Enter' || e.key === ' ') {
        e.preventDefault();
        open();
      }
    });
    body.appendChild(row);
  }
  const headers = ['Name', 'Date', 'Type', 'Status', 'Rows', 'Created', 'Updated', 'Errors', 'Warnings', 'By', 'Took'];
  app.appendChild(
    h(
      'section',
      { class: 'dash-section' },
      h('h2', {}, `Recent activity (last ${overview.days} days)`),
      all.length === 0
        ? h('p', { class: 'muted' }, 'No runs yet. Run an import with Import Studio: Run Import, or import-studio run.')
        : h(
            'div',
            { class: 'table-scroll' },
            h(
              'table',
              { class: 'stats-table runs-table', 'aria-label': 'Recent activity' },
              h('thead', {}, h('tr', {}, ...headers.map((t) => h('th', { scope: 'col' }, t)))),
              body,
            ),
          ),
    ),
  );
}

function renderRun(details: RunDetails): void {
  const { run } = details;
  const back = button('← All runs', () => post({ type: 'back' }));
  const results = button('Download results CSV', () => post({ type: 'download', what: 'results' }));
  const original = details.originalFile
    ? button(`Download ${details.originalFile}`, () => post({ type: 'download', what: 'original' }))
    : null;
  append(app, [
    h(
      'div',
      { class: 'title-row' },
      back,
      h('h1', {}, `${run.name}: run ${run.id}`),
      h('span', { class: statusClass(run.status), 'data-testid': 'run-status' }, run.status),
    ),
    summary(run),
    h('div', { class: 'toolbar' }, results, original),
  ]);
  if (run.message) app.appendChild(h('p', { class: 'message' }, run.message));
  app.appendChild(problemsSection(details));
  app.appendChild(cacheSection(details));
  app.appendChild(changesSection(details));
}

function summary(run: RunSummary): HTMLElement {
  const facts: [string, string][] = [
    ['Type', run.type === 'manual' ? 'Manual' : 'Automated'],
    ['By', run.user],
    ['Queued', when(run.queuedAt)],
    ['Finished', when(run.finishedAt)],
    ['Took', run.durationMs === null ? '–' : formatMs(run.durationMs)],
    ['Configuration', run.parameters.config],
    ['Record creation', run.parameters.creationMode],
    [
      'Error threshold',
      `${formatNumber(run.parameters.errorThreshold)}${run.parameters.ignoreErrorThreshold ? ' (ignored)' : ''}`,
    ],
  ];
  if (run.parameters.forms) facts.push(['Forms', run.parameters.forms.join(', ')]);
  if (run.parameters.person) facts.push(['Person', run.parameters.person]);
  const c = run.counts;
  const counts: [string, number][] = [
    ['rows processed', c?.rowsProcessed ?? 0],
    ['rows with errors', c?.rowsWithErrors ?? 0],
    ['created', run.applied.create],
    ['updated', run.applied.update],
    ['unchanged', run.applied.unchanged],
    ['skipped', run.applied.skip],
  ];
  return h(
    'div',
    {},
    h('dl', { class: 'facts' }, ...facts.flatMap(([k, v]) => [h('dt', {}, k), h('dd', {}, v)])),
    h(
      'ul',
      { class: 'counts', 'aria-label': 'Counts' },
      ...counts.map(([label, n]) =>
        h('li', { 'data-count': label }, h('span', { class: 'count' }, formatNumber(n)), ' ', label),
      ),
    ),
  );
}

/** Prev / next for a page the server cut; `go` asks for another offset. */
function pager(page: { total: number; offset: number; limit: number }, noun: string, go: (offset: number) => void) {
  const from = page.total === 0 ? 0 : page.offset + 1;
  const to = Math.min(page.total, page.offset + page.limit);
  const prev = button('Previous', () => go(Math.max(0, page.offset - page.limit)));
  const next = button('Next', () => go(page.offset + page.limit));
  prev.disabled = page.offset === 0;
  next.disabled = to >= page.total;
  return h(
    'div',
    { class: 'pager' },
    h(
      'span',
      { class: 'muted', role: 'status' },
      `${formatNumber(from)}–${formatNumber(to)} of ${formatNumber(page.total)} ${noun}`,
    ),
    prev,
    next,
  );
}

function problemsSection(details: RunDetails): HTMLElement {
  const page = details.problems;
  const body = h('tbody');
  // Errors first, then warnings: what stopped rows before what was only skipped.
  const rank = { error: 0, warning: 1, info: 2 } as const;
  const items = [...page.items].sort((a, b) => rank[a.severity] - rank[b.severity] || a.seq - b.seq);
  for (const p of items) {
    body.appendChild(
      h(
        'tr',
        { class: `problem ${p.severity}` },
        h('td', { class: 'code' }, p.code),
        h('td', {}, p.severity),
        h('td', {}, p.message),
        h('td', { class: 'num' }, p.line === null ? '' : formatNumber(p.line)),
        h('td', {}, p.column ?? ''),
        h('td', {}, p.file ?? ''),
      ),
    );
  }
  return h(
    'section',
    { class: 'dash-section' },
    h('h2', {}, 'Problems'),
    page.total === 0
      ? h('p', { class: 'muted' }, 'No problems.')
      : h(
          'table',
          { class: 'stats-table', 'aria-label': 'Problems of the run' },
          h(
            'thead',
            {},
            h(
              'tr',
              {},
              ...['Code', 'Severity', 'Message', 'Line', 'Column', 'File'].map((t) => h('th', { scope: 'col' }, t)),
            ),
          ),
          body,
        ),
    page.total > page.limit ? pager(page, 'problems', (offset) => post({ type: 'page', problems: { offset } })) : null,
  );
}

function cacheSection(details: RunDetails): HTMLElement {
  const page = details.cache;
  const filter = h('input', {
    type: 'search',
    class: 'filter',
    placeholder: 'Filter rows',
    'aria-label': 'Filter the import cache',
  });
  filter.value = lastFilter;
  filter.addEventListener('keydown', (e) => {
    if (e.key === 'Enter') {
      lastFilter = filter.value;
      post({ type: 'page', cache: { offset: 0, filter: filter.value } });
    }
  });
  const body = h('tbody');
  for (const row of page.items) {
    body.appendChild(
      h(
        'tr',
        {},
        h('td', { class: 'num' }, String(row.row)),
        ...row.values.map((v) => h('td', {}, v === null ? '' : typeof v === 'string' ? v : JSON.stringify(v))),
      ),
    );
  }
  return h(
    'section',
    { class: 'dash-section' },
    h('h2', {}, 'Import cache'),
    h('div', { class: 'toolbar' }, filter, h('span', { class: 'muted' }, 'Enter to filter')),
    h(
      'div',
      { class: 'table-scroll' },
      h(
        'table',
        { class: 'stats-table cache-table', 'aria-label': 'Import cache of the run' },
        h(
          'thead',
          {},
          h('tr', {}, h('th', { scope: 'col' }, 'Row'), ...page.columns.map((c) => h('th', { scope: 'col' }, c))),
        ),
        body,
      ),
    ),
    pager(page, 'rows', (offset) => post({ type: 'page', cache: { offset, filter: lastFilter } })),
  );
}

let lastFilter = '';

function changesSection(details: RunDetails): HTMLElement {
  const page = details.changes;
  const list = h('div', { class: 'changes' });
  for (const record of page.items) {
    const fields = h('table', { class: 'stats-table fields' });
    for (const f of record.fields.filter((x) => x.changed)) {
      fields.appendChild(
        h(
          'tr',
          {},
          h('th', { scope: 'row' }, f.field),
          h(
            'td',
            { class: 'before' },
            f.before === null ? '' : typeof f.before === 'string' ? f.before : JSON.stringify(f.before),
          ),
          h('td', {}, '→'),
          h(
            'td',
            { class: 'after' },
            f.after === null ? '' : typeof f.after === 'string' ? f.after : JSON.stringify(f.after),
          ),
        ),
      );
    }
    list.appendChild(
      h(
        'div',
        { class: 'plan-entry', 'data-action': record.action },
        h(
          'div',
          {},
          h('span', { class: `action-${record.action}` }, record.action === 'create' ? 'Created' : 'Updated'),
          ` ${record.form} · person ${record.person}${record.key === null ? '' : ` · ${record.key}`} · record ${record.recordId}`,
        ),
        fields,
      ),
    );
  }
  return h(
    'section',
    { class: 'dash-section' },
    h('h2', {}, 'Records changed'),
    page.total === 0 ? h('p', { class: 'muted' }, 'The run changed no record.') : list,
    page.total > page.limit ? pager(page, 'records', (offset) => post({ type: 'page', changes: { offset } })) : null,
  );
}
