/**
 * The configured row sort (platform codes E0004 and E0005). Sorting needs every row, so a sorted run
 * keeps all processed rows until the sort; an unsorted run never does.
 *
 * Decisions where the platform is silent: values that read as numbers compare as numbers (so '10'
 * follows '9'), other values compare by code point (locale-independent, so a dry run sorts the same
 * everywhere), numbers come before text when ascending (after it when descending), and blank cells
 * come last in both directions. The sort is
 * stable: rows with equal values keep their file order.
 */
import { problem } from '../errors/catalog';
import type { Problem } from '../errors/problem';
import type { ImportConfig } from '../model/workspace';
import { didYouMean, didYouMeanText } from './didYouMean';
import type { ProcessedRow } from './processedRow';

export interface SortSpec {
  column: string;
  descending: boolean;
}

/** The sort of a configuration, or E0004 when it is incomplete or invalid; undefined when none is set. */
export function readSort(config: ImportConfig, configPath: string): SortSpec | Problem | undefined {
  const sort = config.sort as { column?: unknown; direction?: unknown } | undefined | null;
  if (sort === undefined || sort === null) return undefined;
  if (typeof sort.column !== 'string' || sort.column.length === 0) {
    return problem('E0004', "Invalid sort configuration: 'column' is missing.", [
      { file: configPath, pointer: '/sort' },
    ]);
  }
  if (sort.direction !== 'ascending' && sort.direction !== 'descending') {
    return problem('E0004', "Invalid sort configuration: 'direction' must be ascending or descending.", [
      { file: configPath, pointer: sort.direction === undefined ? '/sort' : '/sort/direction' },
    ]);
  }
  return { column: sort.column, descending: sort.direction === 'descending' };
}

export function sortColumnProblem(
  spec: SortSpec,
  columns: ReadonlySet<string>,
  configPath: string,
): Problem | undefined {
  if (columns.has(spec.column)) return undefined;
  const suggestion = didYouMean(spec.column, columns);
  return problem(
    'E0005',
    `Unable to find column to sort on: '${spec.column}'.${didYouMeanText(suggestion)}`,
    [{ file: configPath, pointer: '/sort/column' }],
    suggestion === undefined ? undefined : { data: { suggestion } },
  );
}

const NUMERIC = /^\s*[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?\s*$/;

/** Sorts in place. Keys are computed once per row, not per comparison. */
export function sortRows(rows: ProcessedRow[], spec: SortSpec): void {
  const n = rows.length;
  // 0 = number, 1 = text, 2 = blank.
  const kinds = new Uint8Array(n);
  const numbers = new Float64Array(n);
  const texts: string[] = new Array(n);
  for (let i = 0; i < n; i++) {
    const v = (rows[i] as ProcessedRow).values[spec.column];
    texts[i] = '';
    if (v === undefined || v === null || v === '') kinds[i] = 2;
    else if (typeof v === 'number') numbers[i] = v;
    else if (typeof v === 'string' && NUMERIC.test(v)) numbers[i] = Number(v);
    else {
      kinds[i] = 1;
      texts[i] = String(v);
    }
  }
  const sign = spec.descending ? -1 : 1;
  const order = Array.from({ length: n }, (_, i) => i);
  order.sort((a, b) => {
    const ka = kinds[a] as number;
    const kb = kinds[b] as number;
    if (ka === 2 || kb === 2) return ka === kb ? 0 : ka === 2 ? 1 : -1;
    if (ka !== kb) return (ka - kb) * sign;
    if (ka === 0) {
      const d = (numbers[a] as number) - (numbers[b] as number);
      return d === 0 ? 0 : d < 0 ? -sign : sign;
    }
    const ta = texts[a] as string;
    const tb = texts[b] as string;
    return ta === tb ? 0 : ta < tb ? -sign : sign;
  });
  const copy = rows.slice();
  for (let i = 0; i < n; i++) rows[i] = copy[order[i] as number] as ProcessedRow;
}
