/**
 * Per-column statistics of the processed rows the panel holds: blanks, distinct values and the
 * most frequent values. Computed here, over the rows the result carries (importStudio.dryRun.cacheRows,
 * 1,000 by default), so the engine's hot loop pays nothing for them; the view says over how many.
 */
import { display } from './dom';
import type { ImportCache } from './types';

/** Distinct values counted per column at most: enough to tell "an id" from "a code list". */
export const DISTINCT_CAP = 10_000;
const TOP_VALUES = 5;

export interface ColumnStatistics {
  name: string;
  /** Rows where the cell is absent, null or only spaces (blank, as the map stage reads it). */
  empty: number;
  distinct: number;
  /** More distinct values than DISTINCT_CAP: `distinct` is a lower bound. */
  distinctCapped: boolean;
  /** The most frequent non-blank values, most frequent first (ties in the order first seen). */
  top: { value: string; count: number }[];
}

export function columnStatistics(cache: ImportCache): ColumnStatistics[] {
  return cache.columns.map((name, index) => {
    const counts = new Map<string, number>();
    let empty = 0;
    let capped = false;
    for (const row of cache.rows) {
      const text = display(row.values[index]);
      if (text.trim() === '') {
        empty++;
        continue;
      }
      const seen = counts.get(text);
      if (seen !== undefined) counts.set(text, seen + 1);
      else if (counts.size < DISTINCT_CAP) counts.set(text, 1);
      else capped = true;
    }
    const top = [...counts]
      .map(([value, count]) => ({ value, count }))
      .sort((a, b) => b.count - a.count)
      .slice(0, TOP_VALUES);
    return { name, empty, distinct: counts.size, distinctCapped: capped, top };
  });
}
