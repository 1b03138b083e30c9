/**
 * The dry-run panel's webview app. The extension posts the panel state (client/src/panel/protocol.ts);
 * this renders it with DOM APIs only: a header (status, counts, source file, time taken) and three
 * tabs, Processed rows (a virtualized grid), Mapping results (the plan by form) and Errors (a click
 * or Enter asks the extension to open the problem's location; the message carries indices only).
 */
import './style.css';
import { append, clear, display, formatMs, formatNumber, h } from './dom';
import type { DryRunResult, FromWebview, PanelState, PlanEntry, Problem, RunInfo, ToWebview } from './types';
import { VirtualTable } from './virtualTable';

interface VsCodeApi {
  postMessage(message: FromWebview): void;
  getState(): unknown;
  setState(state: unknown): void;
}
declare function acquireVsCodeApi(): VsCodeApi;

const vscode = acquireVsCodeApi();
const app = document.getElementById('app') ?? document.body;

type TabId = 'rows' | 'mapping' | 'errors';
const tabIds: TabId[] = ['rows', 'mapping', 'errors'];
const tabLabels: Record<TabId, string> = { rows: 'Processed rows', mapping: 'Mapping results', errors: 'Errors' };

/** The selected tab survives the webview being hidden and shown (its document is rebuilt then). */
let selected: TabId = (vscode.getState() as { tab?: TabId } | undefined)?.tab ?? 'rows';

const header = h('header', { class: 'run-header', 'data-testid': 'header' });
const tablist = h('div', { class: 'tabs', role: 'tablist', 'aria-label': 'Dry run views' });
const tabs = new Map<TabId, HTMLButtonElement>();
const panels = new Map<TabId, HTMLElement>();
for (const id of tabIds) {
  const tab = h(
    'button',
    {
      class: 'tab',
      role: 'tab',
      id: `tab-${id}`,
      'aria-controls': `panel-${id}`,
      'data-tab': id,
      type: 'button',
    },
    tabLabels[id],
  );
  tab.addEventListener('click', () => select(id, true));
  tab.addEventListener('keydown', (e) => onTabKey(e, id));
  tabs.set(id, tab);
  tablist.appendChild(tab);
  panels.set(
    id,
    h('section', { class: 'tab-panel', role: 'tabpanel', id: `panel-${id}`, 'aria-labelledby': `tab-${id}` }),
  );
}
const table = new VirtualTable();
append(app, [header, tablist, ...panels.values()]);
select(selected, false);

function select(id: TabId, focus: boolean): void {
  selected = id;
  vscode.setState({ tab: id });
  for (const [tabId, tab] of tabs) {
    const on = tabId === id;
    tab.setAttribute('aria-selected', String(on));
    tab.tabIndex = on ? 0 : -1;
    panels.get(tabId)?.toggleAttribute('hidden', !on);
  }
  if (focus) tabs.get(id)?.focus();
  // The grid measures its viewport; it had no size while its panel was hidden.
  if (id === 'rows') table.render();
}

/** WAI-ARIA tabs: arrows move between tabs (and select them), Home/End jump, Enter/Space select. */
function onTabKey(e: KeyboardEvent, id: TabId): void {
  const i = tabIds.indexOf(id);
  const next: Record<string, number> = {
    ArrowRight: (i + 1) % tabIds.length,
    ArrowLeft: (i + tabIds.length - 1) % tabIds.length,
    Home: 0,
    End: tabIds.length - 1,
  };
  const target = next[e.key];
  if (target !== undefined) {
    e.preventDefault();
    select(tabIds[target] ?? id, true);
  } else if (e.key === 'Enter' || e.key === ' ') {
    e.preventDefault();
    select(id, true);
  }
}

function render(state: PanelState): void {
  clear(header);
  switch (state.kind) {
    case 'empty':
      header.appendChild(h('p', { class: 'muted' }, 'Run a dry run of an import to see its results here.'));
      renderBody(undefined, []);
      return;
    case 'running':
      header.appendChild(
        h('div', { class: 'title-row' }, h('h1', {}, state.title), h('span', { class: 'status running' }, 'Running…')),
      );
      return; // keep the previous result visible until the new one lands
    case 'error':
      header.appendChild(
        h('div', { class: 'title-row' }, h('h1', {}, state.title), h('span', { class: 'status failed' }, 'Not run')),
      );
      header.appendChild(h('p', { class: 'message' }, state.message));
      // The previous result may be another import's: leaving it under this header would mislead.
      renderBody(undefined, []);
      return;
    case 'invalid':
      renderHeader(state.info, undefined, state.problems);
      renderBody(undefined, state.problems);
      return;
    case 'result':
      renderHeader(state.info, state.result, state.result.problems);
      renderBody(state.result, state.result.problems);
      return;
  }
}

function statusClass(status: string): string {
  if (status === 'Complete') return 'status complete';
  if (status === 'Failed') return 'status failed';
  return 'status issues';
}

const planLabels = { create: 'to create', update: 'to update', unchanged: 'unchanged', skip: 'skipped' } as const;

function renderHeader(info: RunInfo, result: DryRunResult | undefined, problems: Problem[]): void {
  // When the shown run finished: lets a reader (and the UI test) tell a re-run's result from the last one.
  header.dataset.finished = info.finishedAt;
  const status = result ? result.status : 'Failed';
  const rerun = h('button', { class: 'rerun', type: 'button', title: 'Run the dry run again' }, 'Run again');
  rerun.addEventListener('click', () => vscode.postMessage({ type: 'rerun' }));
  header.appendChild(
    h(
      'div',
      { class: 'title-row' },
      h('h1', {}, info.title),
      h('span', { class: statusClass(status), 'data-testid': 'status' }, status),
      rerun,
    ),
  );
  const facts: [string, string][] = [['Configuration', info.configFile]];
  if (info.sourceFile !== undefined) facts.push(['Source file', info.sourceFile]);
  facts.push(['Time taken', formatMs(result ? result.timings.total : info.elapsedMs)]);
  header.appendChild(
    h('dl', { class: 'facts' }, ...facts.flatMap(([k, v]) => [h('dt', {}, k), h('dd', { title: v }, v)])),
  );
  if (!result) {
    header.appendChild(
      h('p', { class: 'message' }, `The import cannot run: ${problems.length} problem(s) in its configuration.`),
    );
    return;
  }
  const c = result.counts;
  const errors = problems.filter((p) => p.severity === 'error').length;
  const counts: [string, number, string][] = [
    [c.recordsRead === 1 ? 'record read' : 'records read', c.recordsRead, 'read'],
    [c.rowsProcessed === 1 ? 'row processed' : 'rows processed', c.rowsProcessed, 'processed'],
    [c.rowsSkipped === 1 ? 'row skipped' : 'rows skipped', c.rowsSkipped, 'skipped'],
    [c.rowsWithErrors === 1 ? 'row with errors' : 'rows with errors', c.rowsWithErrors, 'errors'],
  ];
  const plan = { create: 0, update: 0, unchanged: 0, skip: 0 };
  for (const p of Object.values(c.plan)) {
    plan.create += p.create;
    plan.update += p.update;
    plan.unchanged += p.unchanged;
    plan.skip += p.skip;
  }
  header.appendChild(
    h(
      'ul',
      { class: 'counts', 'aria-label': 'Counts' },
      ...counts.map(([label, n, key]) =>
        h('li', { 'data-count': key }, h('span', { class: 'count' }, formatNumber(n)), ' ', label),
      ),
      ...(['create', 'update', 'unchanged', 'skip'] as const).map((a) =>
        h(
          'li',
          { 'data-count': a },
          h('span', { class: `count action-${a}` }, formatNumber(plan[a])),
          ' ',
          planLabels[a],
        ),
      ),
    ),
  );
  const notes: string[] = [];
  if (result.limited) notes.push('Stopped at the row limit before the end of the source.');
  if (result.errorThreshold.reached)
    notes.push(`The error threshold (${result.errorThreshold.threshold}) was reached.`);
  if (errors === 0 && problems.length > 0) notes.push(`${problems.length} warning(s), no errors.`);
  for (const note of notes) header.appendChild(h('p', { class: 'message' }, note));
}

function renderBody(result: DryRunResult | undefined, problems: Problem[]): void {
  table.setData(result ? result.cache : { columns: [], rows: [], total: 0 });
  const rowsPanel = panels.get('rows');
  if (rowsPanel && !rowsPanel.contains(table.element)) rowsPanel.appendChild(table.element);
  renderPlan(result);
  renderProblems(result, problems);
  const errorsTab = tabs.get('errors');
  if (errorsTab) errorsTab.textContent = `Errors (${formatNumber(problemCount(result, problems))})`;
}

function problemCount(result: DryRunResult | undefined, problems: Problem[]): number {
  if (!result) return problems.length;
  return Object.values(result.problemTotals).reduce((a, b) => a + (b ?? 0), 0);
}

function renderPlan(result: DryRunResult | undefined): void {
  const panel = panels.get('mapping');
  if (!panel) return;
  clear(panel);
  if (!result || result.plan.length === 0) {
    panel.appendChild(h('p', { class: 'muted' }, 'No records would be written.'));
    return;
  }
  if (result.planTotal > result.plan.length) {
    panel.appendChild(
      h(
        'p',
        { class: 'muted' },
        `Showing the first ${formatNumber(result.plan.length)} of ${formatNumber(result.planTotal)} records.`,
      ),
    );
  }
  const byForm = new Map<string, PlanEntry[]>();
  for (const entry of result.plan) byForm.set(entry.form, [...(byForm.get(entry.form) ?? []), entry]);
  for (const [form, entries] of byForm) {
    const counts = result.counts.plan[form];
    const summary = counts
      ? `${counts.create} create · ${counts.update} update · ${counts.unchanged} unchanged · ${counts.skip} skip`
      : '';
    const list = h('div', { class: 'plan-list', role: 'list' });
    for (const entry of entries) list.appendChild(planEntry(entry));
    panel.appendChild(
      h(
        'details',
        { class: 'plan-form', open: true },
        h('summary', {}, h('span', { class: 'form-id' }, form), ' ', h('span', { class: 'muted' }, summary)),
        list,
      ),
    );
  }
}

function planEntry(entry: PlanEntry): HTMLElement {
  const title = h(
    'div',
    { class: 'plan-title' },
    h('span', { class: `action action-${entry.action}` }, entry.action),
    h('span', {}, 'person ', h('strong', {}, entry.person)),
    entry.key !== null && h('span', {}, 'key ', h('strong', {}, entry.key)),
    h('span', { class: 'muted' }, entry.recordId ? `record ${entry.recordId}` : 'new record'),
    h('span', { class: 'muted' }, `row${entry.rowCount === 1 ? '' : 's'} ${entry.rows.join(', ')}`),
    entry.reason !== undefined && h('span', { class: 'muted' }, `(${entry.reason})`),
  );
  const fields = h('table', { class: 'fields' });
  for (const f of entry.fields) {
    fields.appendChild(
      h(
        'tr',
        { class: f.changed ? 'changed' : 'same' },
        h('th', { scope: 'row' }, f.field),
        h('td', { class: 'before' }, display(f.before)),
        h('td', { class: 'arrow', 'aria-label': f.changed ? 'changes to' : 'stays' }, f.changed ? '→' : '='),
        h('td', { class: 'after' }, display(f.after)),
      ),
    );
  }
  return h('div', { class: 'plan-entry', role: 'listitem', tabindex: 0 }, title, entry.fields.length > 0 && fields);
}

function renderProblems(result: DryRunResult | undefined, problems: Problem[]): void {
  const panel = panels.get('errors');
  if (!panel) return;
  clear(panel);
  if (problems.length === 0) {
    panel.appendChild(h('p', { class: 'muted' }, 'No problems.'));
    return;
  }
  if (result) {
    const cut = Object.entries(result.problemTotals).filter(
      ([code, n]) => (n ?? 0) > problems.filter((p) => p.code === code).length,
    );
    if (cut.length > 0) {
      panel.appendChild(
        h(
          'p',
          { class: 'muted' },
          `Showing the first ${result.problemsPerCode} of each code: ` +
            cut.map(([code, n]) => `${code} ${formatNumber(n ?? 0)} in all`).join(', '),
        ),
      );
    }
  }
  const columns = ['Code', 'Severity', 'Message', 'Row', 'Column', 'File'];
  const body = h('tbody', {});
  const rows: HTMLTableRowElement[] = [];
  problems.forEach((p, i) => {
    const where = p.locations[0];
    const tr = h(
      'tr',
      {
        class: `problem severity-${p.severity}`,
        tabindex: i === 0 ? 0 : -1,
        'data-problem': i,
        title: where ? `Open ${where.file}` : p.fix,
      },
      h('td', { class: 'code' }, p.code),
      h('td', {}, p.severity),
      h('td', { class: 'msg' }, p.message, h('div', { class: 'fix muted' }, p.fix)),
      h('td', { class: 'num' }, where?.row !== undefined ? String(where.row) : ''),
      h('td', {}, where?.column ?? ''),
      h('td', { class: 'file' }, where ? where.file + (where.range ? `:${where.range.start.line + 1}` : '') : ''),
    );
    const open = (): void => {
      if (where) vscode.postMessage({ type: 'openProblem', problem: i, location: 0 });
    };
    tr.addEventListener('click', open);
    tr.addEventListener('keydown', (e) => {
      const move = e.key === 'ArrowDown' ? 1 : e.key === 'ArrowUp' ? -1 : 0;
      if (e.key === 'Enter' || e.key === ' ') {
        e.preventDefault();
        open();
      } else if (move !== 0) {
        e.preventDefault();
        const next = rows[i + move];
        if (next) {
          tr.tabIndex = -1;
          next.tabIndex = 0;
          next.focus();
        }
      }
    });
    rows.push(tr);
    body.appendChild(tr);
  });
  panel.appendChild(
    h(
      'table',
      { class: 'problems', role: 'grid', 'aria-label': 'Problems', 'data-testid': 'problems' },
      h('thead', {}, h('tr', {}, ...columns.map((c) => h('th', { scope: 'col' }, c)))),
      body,
    ),
  );
}

window.addEventListener('message', (event: MessageEvent<ToWebview>) => {
  if (event.data?.type === 'state') render(event.data.state);
});
render({ kind: 'empty' });
vscode.postMessage({ type: 'ready' });
