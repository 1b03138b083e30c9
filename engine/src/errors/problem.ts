import type { ErrorCode, Severity } from './catalog';

/** A zero-based line and character position, as LSP and editors count them. */
export interface Position {
  line: number;
  character: number;
}

export interface Range {
  start: Position;
  end: Position;
}

/**
 * Where a problem is. Every location names a file (workspace-relative, forward slashes); a range
 * when one is known. Data locations also name the 1-based source line, the data row and the column.
 */
export interface Location {
  file: string;
  range?: Range;
  /** 1-based data row (the header is row 0), for problems inside the source data. */
  row?: number;
  /** The column (header) the problem is about. */
  column?: string;
  /** JSON pointer of the key in a configuration, form or mapping file. */
  pointer?: string;
}

export interface Problem {
  code: ErrorCode;
  severity: Severity;
  message: string;
  /** How to fix it, from the catalog unless the detecting code knows better. */
  fix: string;
  locations: Location[];
  /** Machine-readable details for quick fixes (suggested values, expected pattern...). */
  data?: Record<string, unknown>;
}

/**
 * Thrown where a problem stops a stage outright (a file that cannot be read, malformed XML); callers
 * turn it into a Problem of the result. Problems that leave the run going are collected, not thrown.
 */
export class ProblemError extends Error {
  constructor(readonly problem: Problem) {
    super(`${problem.code}: ${problem.message}`);
    this.name = 'ProblemError';
  }
}
