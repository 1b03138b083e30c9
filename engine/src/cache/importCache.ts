/**
 * The import cache of a run: the processed columns (headers, or every key the transformation
 * output, in the order first seen) and the first `keep` rows. Only those rows are held, so an
 * unsorted run's memory stays flat however long the file is.
 */
import type { CachedRow, ImportCache, Scalar } from '../model/result';
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
    if (this.kept.length < this.keep) this.kept.push(row);
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
