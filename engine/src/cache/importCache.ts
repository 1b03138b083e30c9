/**
 * The import cache of a run: the processed columns (headers, or every key the transformation
 * output, in the order first seen) and the first `keep` rows. Only those rows are held, so an
 * unsorted run's memory stays flat however long the file is.
 */
import type { CachedRow, ImportCache, Scalar } from '../model/result';
import { detachString } from '../match/detachString';
import { nullObject } from '../read/nullObject';
import type { ProcessedRow, Row } from './processedRow';

export class ImportCacheBuilder {
  readonly columns = new Set<string>();
  private readonly kept: ProcessedRow[] = [];
  total = 0;

  constructor(private readonly keep: number) {}

  addColumns(names: Iterable<string>): void {
    for (const name of names) this.columns.add(name);
  }

  /** Records the keys of a transformation's row (csv headers are added once, not per row). */
  addKeys(row: Row): void {
    for (const key in row) if (!this.columns.has(key)) this.columns.add(key);
  }

  add(row: ProcessedRow): void {
    this.total++;
    if (this.kept.length < this.keep) this.kept.push(keptRow(row));
  }

  result(): ImportCache {
    const columns = [...this.columns];
    const rows: CachedRow[] = this.kept.map((r) => ({
      row: r.row,
      line: r.line,
      values: columns.map((c): Scalar => {
        const v = r.values[c];
        return v === undefined ? null : v;
      }),
    }));
    return { columns, rows, total: this.total };
  }
}

/**
 * The row as the cache keeps it: its values copied with detached strings (match/detachString.ts),
 * so the kept rows do not pin the chunks their cells were cut from.
 */
function keptRow(row: ProcessedRow): ProcessedRow {
  const source = row.values;
  const values = nullObject<Scalar>();
  for (const key in source) {
    const v = source[key] as Scalar;
    values[key] = typeof v === 'string' ? detachString(v) : v;
  }
  return { values, row: row.row, line: row.line, record: row.record };
}
