/**
 * Statistics of the processed columns over the sampled rows: blanks, distinct values, samples,
 * the inferred type and the date patterns that fit. Columns appear in the order first seen, as
 * the import cache lists them (csv headers first, then keys a transformation outputs).
 */
import type { Scalar } from '../model/result';
import { fittingDateFormats } from './dateFormats';
import type { ColumnProfile, InferredType } from './types';

/** Distinct values counted per column at most; past it `distinctCapped` is set. */
export const DISTINCT_CAP = 1000;
/** Sample values shown per column. */
export const SAMPLES_PER_COLUMN = 5;

const NUMERIC = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;
const BOOLEAN = /^(?:true|false)$/i;

interface Column {
  name: string;
  empty: number;
  distinct: Set<string>;
  distinctCapped: boolean;
  values: string[];
  /** Every non-blank value so far was a boolean (or true/false), a number (or numeric text). */
  allBoolean: boolean;
  allNumber: boolean;
}

/** A value of only spaces is blank, as the map stage reads it. */
export function isBlank(value: Scalar | undefined): value is null | undefined | '' {
  return value === undefined || value === null || (typeof value === 'string' && value.trim() === '');
}

export class ColumnStats {
  private readonly columns = new Map<string, Column>();
  private rows = 0;

  get rowCount(): number {
    return this.rows;
  }

  /** Declares columns before any row (csv headers), so a column blank in every row still shows. */
  addColumns(names: Iterable<string>): void {
    for (const name of names) this.column(name);
  }

  addRow(row: Readonly<Record<string, Scalar>>): void {
    for (const key in row) this.column(key);
    for (const column of this.columns.values()) {
      const value = row[column.name];
      if (isBlank(value)) {
        column.empty++;
        continue;
      }
      const text = String(value);
      column.values.push(text);
      if (!column.distinctCapped) {
        column.distinct.add(text);
        if (column.distinct.size >= DISTINCT_CAP) column.distinctCapped = true;
      }
      const trimmed = text.trim();
      if (column.allBoolean && typeof value !== 'boolean' && !BOOLEAN.test(trimmed)) column.allBoolean = false;
      if (column.allNumber && typeof value !== 'number' && !NUMERIC.test(trimmed)) column.allNumber = false;
    }
    this.rows++;
  }

  names(): string[] {
    return [...this.columns.keys()];
  }

  /** Non-blank values per column, as read (one per row at most, so bounded by the sample size). */
  values(): Record<string, string[]> {
    const out: Record<string, string[]> = Object.create(null) as Record<string, string[]>;
    for (const column of this.columns.values()) out[column.name] = column.values;
    return out;
  }

  profiles(dateFormat: string | undefined): ColumnProfile[] {
    return [...this.columns.values()].map((column, index) => {
      const fitting = column.allBoolean ? [] : fittingDateFormats(column.values, dateFormat);
      const samples: string[] = [];
      for (const value of column.distinct) {
        if (samples.length >= SAMPLES_PER_COLUMN) break;
        samples.push(value);
      }
      return {
        name: column.name,
        index,
        empty: column.empty,
        distinct: column.distinct.size,
        distinctCapped: column.distinctCapped,
        samples,
        inferredType: inferType(column, fitting),
        fittingDateFormats: fitting,
      };
    });
  }

  private column(name: string): Column {
    let column = this.columns.get(name);
    if (!column) {
      // A column first seen in a later row was blank in every row before it.
      column = {
        name,
        empty: this.rows,
        distinct: new Set(),
        distinctCapped: false,
        values: [],
        allBoolean: true,
        allNumber: true,
      };
      this.columns.set(name, column);
    }
    return column;
  }
}

function inferType(column: Column, fittingDates: readonly string[]): InferredType {
  if (column.values.length === 0) return 'empty';
  if (column.allBoolean) return 'boolean';
  // Before numbers: 20250415 is a number too, but a column of them that all read as dates is a date column.
  if (fittingDates.length > 0) return 'date';
  if (column.allNumber) return 'number';
  return 'text';
}
