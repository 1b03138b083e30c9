/**
 * What the language server knows about an import's data: the processed columns of the first rows
 * of its sample file (after the transformation, when there is one), with statistics. Completion
 * offers these columns, hover shows their values, data-aware diagnostics check the configuration
 * against them, and the dry-run panel shows the same statistics.
 */
import type { Problem, Range } from '../errors/problem';

export type InferredType = 'empty' | 'number' | 'date' | 'boolean' | 'text';

export interface ColumnProfile {
  name: string;
  /** 0-based position among the processed columns. */
  index: number;
  /** Rows of the sample whose value is blank or null. */
  empty: number;
  /** Distinct non-blank values seen (counting stops at `distinctCap`; `distinctCapped` says so). */
  distinct: number;
  distinctCapped: boolean;
  /** Up to 5 distinct non-blank values, in order of first appearance. */
  samples: string[];
  inferredType: InferredType;
  /** For date-like columns: the date patterns (yyyy, MM, M, dd, d, yy) that parse every non-blank value. */
  fittingDateFormats: string[];
  /**
   * csv and tsv only: where the column's header cell is in the source file (0-based, on the header
   * line), for go-to-definition from a column name to its header.
   */
  headerRange?: Range;
}

export interface DataProfile {
  /** Workspace-relative path of the source file. */
  sourcePath: string;
  /** Key that changes when the file or the configuration changes (size, mtime, config text hash). */
  cacheKey: string;
  /** Processed rows profiled (at most the sample size asked for). */
  rowsProfiled: number;
  /** True when the file has more rows than were profiled. */
  truncated: boolean;
  columns: ColumnProfile[];
  /** Non-blank values per column, as read, for data-aware checks (at most the sample size). */
  values: Record<string, string[]>;
  /** Problems met while reading or transforming the sample (E0001, E0003, E0011...). */
  problems: Problem[];
  /** The encoding the bytes look like when it differs from the configured one (E0026 hint). */
  detectedEncoding?: string;
}
