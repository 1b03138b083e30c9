/**
 * Checks a transformation's output against the processed-row contract: an object, or an array of
 * flat objects whose values are strings, numbers, booleans or null. Keys whose value is undefined
 * are left out (JSONata drops them from object constructors too). A bad output row is rejected
 * alone; the record's other rows go on.
 */
import { emptyRow, type Row } from '../cache/processedRow';

export interface ShapeError {
  /** 1-based index of the row in the output (1 for a single object). */
  outputRow: number;
  /** The offending key, when the row is an object. */
  key?: string;
  reason: string;
}

export interface ShapedOutput {
  rows: Row[];
  errors: ShapeError[];
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'function') return 'a function';
  if (typeof value === 'object') return 'an object';
  return `a ${typeof value}`;
}

function toRow(item: unknown, outputRow: number, errors: ShapeError[]): Row | undefined {
  if (typeof item !== 'object' || item === null || Array.isArray(item)) {
    errors.push({ outputRow, reason: `is ${describe(item)}, not an object of columns` });
    return undefined;
  }
  const row = emptyRow();
  const source = item as Record<string, unknown>;
  for (const key of Object.keys(source)) {
    const value = source[key];
    if (value === undefined) continue;
    if (value === null || typeof value === 'string' || typeof value === 'boolean') {
      row[key] = value;
    } else if (typeof value === 'number' && Number.isFinite(value)) {
      row[key] = value;
    } else {
      errors.push({ outputRow, key, reason: `holds ${describe(value)}; a processed column must hold a scalar` });
      return undefined;
    }
  }
  return row;
}

export function shapeOutput(output: unknown): ShapedOutput {
  const errors: ShapeError[] = [];
  const rows: Row[] = [];
  if (output === undefined) return { rows, errors };
  if (Array.isArray(output)) {
    for (let i = 0; i < output.length; i++) {
      const row = toRow(output[i], i + 1, errors);
      if (row) rows.push(row);
    }
    return { rows, errors };
  }
  if (typeof output !== 'object' || output === null) {
    errors.push({ outputRow: 1, reason: `is ${describe(output)}, not an object or an array of objects` });
    return { rows, errors };
  }
  const row = toRow(output, 1, errors);
  if (row) rows.push(row);
  return { rows, errors };
}
