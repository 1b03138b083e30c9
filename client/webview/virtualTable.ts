/**
 * The processed-rows grid: virtualized with a fixed row height, so a cache of any size renders only
 * the rows in view (plus a few either side). ARIA grid semantics; one row is focusable at a time
 * (roving tabindex) and the arrow, Page and Home/End keys move it.
 */
import { columnStatistics } from './columnStats';
import { clear, display, formatNumber, h } from './dom';
import type { CachedRow, ImportCache } from './types';

export const rowHeight = 24;
const overscan = 8;

export class VirtualTable {
  readonly element: HTMLElement;
  private readonly viewport: HTMLElement;
  private readonly spacer: HTMLElement;
  private readonly body: HTMLElement;
  private readonly header: HTMLElement;
  private readonly status: HTMLElement;
  private cache: ImportCache = { columns: [], rows: [], total: 0 };
  /** Indices into cache.rows that pass the filter. */
  private visible: number[] = [];
  /** Position in `visible` of the focusable row. */
  private focused = 0;
  private filterText = '';
  private readonly statsToggle: HTMLButtonElement;
  private readonly statsView: HTMLElement;

  constructor() {
    const filter = h('input', {
      type: 'search',
      class: 'filter',
      placeholder: 'Filter rows',
      'aria-label': 'Filter processed rows',
    });
    filter.addEventListener('input', () => this.setFilter(filter.value));
    this.status = h('span', { class: 'muted', role: 'status' });
    this.header = h('div', { class: 'grid-row grid-header', role: 'row', 'aria-rowindex': 1 });
    this.spacer = h('div', { class: 'grid-spacer' });
    this.body = h('div', { class: 'grid-body', role: 'rowgroup' });
    this.viewport = h(
      'div',
      { class: 'grid-viewport', role: 'grid', 'aria-label': 'Processed rows', 'data-testid': 'rows-grid' },
      h('div', { role: 'rowgroup', class: 'grid-head' }, this.header),
      this.spacer,
    );
    this.spacer.appendChild(this.body);
    this.viewport.addEventListener('scroll', () => this.render());
    this.viewport.addEventListener('keydown', (e) => this.onKey(e));
    new ResizeObserver(() => this.render()).observe(this.viewport);
    this.statsToggle = h(
      'button',
      { type: 'button', class: 'toggle', 'aria-expanded': 'false', 'aria-controls': 'column-stats' },
      'Column statistics',
    );
    this.statsView = h('div', { class: 'column-stats', id: 'column-stats', hidden: true });
    this.statsToggle.addEventListener('click', () => this.toggleStats());
    this.element = h(
      'div',
      { class: 'rows-view' },
      h('div', { class: 'toolbar' }, filter, this.status, this.statsToggle),
      this.statsView,
      this.viewport,
    );
  }

  private toggleStats(): void {
    const open = this.statsView.hidden;
    this.statsView.hidden = !open;
    this.statsToggle.setAttribute('aria-expanded', String(open));
    if (open) this.renderStats();
    this.render();
  }

  /** A table of the columns: blanks, distinct values and the most frequent ones, over the rows held. */
  private renderStats(): void {
    clear(this.statsView);
    const { rows, total } = this.cache;
    const over =
      total > rows.length
        ? `Over the first ${formatNumber(rows.length)} of ${formatNumber(total)} processed rows (importStudio.dryRun.cacheRows).`
        : `Over all ${formatNumber(rows.length)} processed rows.`;
    const body = h('tbody');
    for (const c of columnStatistics(this.cache)) {
      const values = h('td', { class: 'top-values' });
      c.top.forEach((t, i) => {
        if (i > 0) values.appendChild(document.createTextNode(', '));
        values.appendChild(h('span', { class: 'value' }, t.value));
        values.appendChild(h('span', { class: 'muted' }, ` ×${formatNumber(t.count)}`));
      });
      body.appendChild(
        h(
          'tr',
          { 'data-column': c.name },
          h('th', { scope: 'row' }, c.name),
          h('td', { class: 'num', 'data-stat': 'empty' }, formatNumber(c.empty)),
          h(
            'td',
            { class: 'num', 'data-stat': 'distinct' },
            `${formatNumber(c.distinct)}${c.distinctCapped ? '+' : ''}`,
          ),
          values,
        ),
      );
    }
    this.statsView.appendChild(h('p', { class: 'muted' }, over));
    this.statsView.appendChild(
      h(
        'table',
        { class: 'stats-table', 'aria-label': 'Column statistics' },
        h(
          'thead',
          {},
          h(
            'tr',
            {},
            h('th', { scope: 'col' }, 'Column'),
            h('th', { scope: 'col' }, 'Empty'),
            h('th', { scope: 'col' }, 'Distinct'),
            h('th', { scope: 'col' }, 'Most frequent values'),
          ),
        ),
        body,
      ),
    );
  }

  setData(cache: ImportCache): void {
    this.cache = cache;
    clear(this.header);
    this.header.appendChild(h('div', { class: 'cell cell-num', role: 'columnheader' }, 'Row'));
    cache.columns.forEach((c) =>
      this.header.appendChild(h('div', { class: 'cell', role: 'columnheader', title: c }, c)),
    );
    this.viewport.setAttribute('aria-colcount', String(cache.columns.length + 1));
    this.viewport.style.setProperty('--columns', String(cache.columns.length));
    if (!this.statsView.hidden) this.renderStats();
    this.applyFilter();
  }

  private setFilter(text: string): void {
    this.filterText = text.trim().toLowerCase();
    this.applyFilter();
  }

  private applyFilter(): void {
    const needle = this.filterText;
    const rows = this.cache.rows;
    this.visible = [];
    for (let i = 0; i < rows.length; i++) {
      const row = rows[i];
      if (row && (needle === '' || matches(row, needle))) this.visible.push(i);
    }
    this.focused = Math.min(this.focused, Math.max(0, this.visible.length - 1));
    const shown = this.visible.length;
    const kept = rows.length;
    const total = this.cache.total;
    this.status.textContent =
      (needle ? `${shown.toLocaleString('en-US')} of ` : '') +
      `${kept.toLocaleString('en-US')} rows` +
      (total > kept ? ` (the first of ${total.toLocaleString('en-US')} processed)` : '');
    this.viewport.setAttribute('aria-rowcount', String(shown + 1));
    this.spacer.style.height = `${shown * rowHeight}px`;
    this.render();
  }

  /** Renders the rows in view; called on scroll, resize, filter and data changes. */
  render(): void {
    const height = this.viewport.clientHeight || 400;
    const first = Math.max(0, Math.floor(this.viewport.scrollTop / rowHeight) - overscan);
    const last = Math.min(this.visible.length, Math.ceil((this.viewport.scrollTop + height) / rowHeight) + overscan);
    const hadFocus = this.body.contains(document.activeElement);
    clear(this.body);
    this.body.style.transform = `translateY(${first * rowHeight}px)`;
    for (let v = first; v < last; v++) {
      const row = this.cache.rows[this.visible[v] ?? -1];
      if (!row) continue;
      const el = h(
        'div',
        {
          class: 'grid-row',
          role: 'row',
          'aria-rowindex': v + 2,
          tabindex: v === this.focused ? 0 : -1,
          'data-index': v,
          title: `Row ${row.row}, line ${row.line} of the source file`,
        },
        h('div', { class: 'cell cell-num', role: 'gridcell' }, String(row.row)),
      );
      row.values.forEach((value) => {
        const text = display(value);
        el.appendChild(h('div', { class: 'cell', role: 'gridcell', title: text }, text));
      });
      el.addEventListener('click', () => this.focusRow(v));
      this.body.appendChild(el);
    }
    if (hadFocus) this.rowElement(this.focused)?.focus({ preventScroll: true });
  }

  private rowElement(v: number): HTMLElement | null {
    return this.body.querySelector<HTMLElement>(`[data-index="${v}"]`);
  }

  private focusRow(v: number): void {
    if (this.visible.length === 0) return;
    this.focused = Math.max(0, Math.min(this.visible.length - 1, v));
    const top = this.focused * rowHeight;
    const view = this.viewport.clientHeight - rowHeight; // the sticky header covers one row
    if (top < this.viewport.scrollTop) this.viewport.scrollTop = top;
    else if (top + rowHeight > this.viewport.scrollTop + view) this.viewport.scrollTop = top + rowHeight - view;
    this.render();
    this.rowElement(this.focused)?.focus({ preventScroll: true });
  }

  private onKey(e: KeyboardEvent): void {
    const page = Math.max(1, Math.floor(this.viewport.clientHeight / rowHeight) - 1);
    const moves: Record<string, number> = {
      ArrowDown: this.focused + 1,
      ArrowUp: this.focused - 1,
      PageDown: this.focused + page,
      PageUp: this.focused - page,
      Home: 0,
      End: this.visible.length - 1,
    };
    const target = moves[e.key];
    if (target === undefined) return;
    e.preventDefault();
    this.focusRow(target);
  }
}

function matches(row: CachedRow, needle: string): boolean {
  if (String(row.row) === needle) return true;
  return row.values.some((v) => display(v).toLowerCase().includes(needle));
}
