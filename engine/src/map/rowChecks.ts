/**
 * Checks of a csv row's mapped cells made on the reading thread (read/readThread.ts), so that the
 * dry run's thread, which sets the pace of a big csv run, can leave them out.
 *
 * Past the plan's first groups nearly every row only needs to be checked, not converted
 * (RecordPlanner.keepsValues): the dry run's thread needs to know only whether RowMapper.validate
 * would report a problem. That is a pure function of the row's cells, the form's fields and the
 * configuration's date format, so the reading thread, which waits for the dry run's thread about
 * half of the time, answers it per row and form as one bit, reading each cell where it stands in the
 * chunk's text (no string per cell: slicing and hashing was more than the reading thread could take,
 * docs/performance.md).
 *
 * The bit is conservative: set only when validate would report nothing. Whatever the checks cannot
 * decide cheaply (a value with leading or trailing spaces, a quoted cell with doubled quotes, an
 * option written in another case, a field kind other than text, number, date and dropdown) leaves it
 * clear, and the dry run's thread checks that row as it always did. So the problems, their messages
 * and the counts cannot depend on whether a row was checked here.
 */
import type { FieldOption } from '../model/workspace';
import type { CompiledMapping } from './compiledMapping';
import { DATE, NUMBER, OPTION, TEXT } from './compiledMapping';
import { compileDateFormat, type DateParser } from './dateFormat';
import { OptionSet } from './optionSet';
import { isDecimalIn } from './decimal';

/** One mapped field as the reading thread checks it (structured-clone data). */
export interface FieldCheckSpec {
  column: string;
  /** TEXT, NUMBER, DATE or OPTION (compiledMapping.ts). */
  kind: number;
  required: boolean;
  maxLength: number;
  options: FieldOption[] | null;
}

/** What the reading thread checks: per form (in the dry run's order), its fields, or null for none. */
export interface RowCheckSpec {
  dateFormat: string | null;
  forms: (FieldCheckSpec[] | null)[];
  /**
   * Which chunks: 'behind' only while the dry run's thread is behind (read/readThread.ts), so each
   * thread ends up with about half of the work; 'always' every chunk (tests, which must not depend
   * on timing to see the checks used).
   */
  when: 'behind' | 'always';
}

/** Forms a row's bits can speak for (one bit each in a Uint32Array). */
export const MAX_CHECKED_FORMS = 32;

/**
 * The checks for these mappings, in their order; a form gets none (null) when a row of it cannot be
 * checked from its cells alone: a JSONata input, a checkbox, radio or repeater field.
 */
export function rowCheckSpec(mappings: readonly CompiledMapping[], dateFormat: string | undefined): RowCheckSpec {
  const forms = mappings.slice(0, MAX_CHECKED_FORMS).map((mapping): FieldCheckSpec[] | null => {
    if (!mapping.allColumns) return null;
    const fields: FieldCheckSpec[] = [];
    for (const f of mapping.fields) {
      if (f.kind !== TEXT && f.kind !== NUMBER && f.kind !== DATE && f.kind !== OPTION) return null;
      if (f.column === null || f.columnMissing) return null;
      fields.push({
        column: f.column,
        kind: f.kind,
        required: f.required,
        maxLength: f.maxLength,
        options: f.options?.options ? [...f.options.options] : null,
      });
    }
    return fields;
  });
  return { dateFormat: dateFormat ?? null, forms, when: 'behind' };
}

/** The checker of `spec` for a file with these headers, or undefined when it has no form to check. */
export function rowChecker(spec: RowCheckSpec | undefined, headers: readonly string[]): RowChecker | undefined {
  if (spec === undefined) return undefined;
  const checker = new RowChecker(spec, headers);
  return checker.active ? checker : undefined;
}

/** A field's check, resolved against the headers. */
interface FieldCheck {
  index: number;
  kind: number;
  required: boolean;
  maxLength: number;
  options: OptionSet | null;
}

/** Checks the rows of csv chunks against a RowCheckSpec, for the file's headers. */
export class RowChecker {
  private readonly forms: { bit: number; fields: FieldCheck[] }[] = [];
  private readonly dates: DateParser | undefined;

  constructor(spec: RowCheckSpec, headers: readonly string[]) {
    const compiled = spec.dateFormat === null ? undefined : compileDateFormat(spec.dateFormat);
    this.dates = compiled?.ok ? compiled.parser : undefined;
    spec.forms.forEach((fields, f) => {
      if (fields === null || f >= MAX_CHECKED_FORMS) return;
      const checks = fields.map((field) => ({
        index: headers.indexOf(field.column),
        kind: field.kind,
        required: field.required,
        maxLength: field.maxLength,
        options: field.options === null ? null : new OptionSet(field.options),
      }));
      // A column the file does not have: the dry run's thread reports it (E0038) and checks the rows.
      if (checks.some((c) => c.index < 0)) return;
      this.forms.push({ bit: 2 ** f, fields: checks });
    });
  }

  /** Whether any form can be checked here. */
  get active(): boolean {
    return this.forms.length > 0;
  }

  /**
   * Per row of a chunk (csv.ts CsvChunk: line, cell count, then each cell's start and end), the
   * forms whose checks all pass: bit f for the spec's form f.
   */
  check(text: string, rows: Int32Array, count: number): Uint32Array {
    const out = new Uint32Array(count);
    let k = 0;
    for (let r = 0; r < count; r++) {
      out[r] = this.checkRow(text, rows, k + 1);
      k += 2 + 2 * (rows[k + 1] as number);
    }
    return out;
  }

  /**
   * The bits of one row, whose cell count is at `rows[at]` (its cells' starts and ends follow). The
   * dry run's thread asks this of a row the reading thread did not check before validating it: the
   * checks cost about half of what validating costs, and slice nothing.
   */
  checkRow(text: string, rows: Int32Array, at: number): number {
    const forms = this.forms;
    const n = rows[at] as number;
    let bits = 0;
    for (let f = 0; f < forms.length; f++) {
      const form = forms[f] as { bit: number; fields: FieldCheck[] };
      if (this.passes(form.fields, text, rows, at + 1, n)) bits |= form.bit;
    }
    return bits;
  }

  private passes(fields: FieldCheck[], text: string, rows: Int32Array, cells: number, n: number): boolean {
    for (let i = 0; i < fields.length; i++) {
      const field = fields[i] as FieldCheck;
      // A short row's missing cell reads as blank (processedRow.ts cellAt).
      if (field.index >= n) {
        if (field.required) return false;
        continue;
      }
      const start = rows[cells + 2 * field.index] as number;
      const end = rows[cells + 2 * field.index + 1] as number;
      if (!this.cellPasses(field, text, start, end)) return false;
    }
    return true;
  }

  /** RowMapper.scalar's checks for one cell, or false when they cannot be decided here. */
  private cellPasses(field: FieldCheck, text: string, start: number, end: number): boolean {
    if (end < 0) return false; // doubled quotes to undo: left to the dry run's thread
    const length = end - start;
    if (length === 0) return !field.required;
    if (length > field.maxLength) return false;
    const first = text.charCodeAt(start);
    // Text is kept as written; only a value of nothing but spaces is blank (and only that matters when required).
    if (field.kind === TEXT) return !field.required || first > 32;
    // Typed values are trimmed first (with String.prototype.trim): left to the dry run's thread.
    if (first <= 32 || text.charCodeAt(end - 1) <= 32) return false;
    if (field.kind === NUMBER) return isDecimalIn(text, start, end);
    if (field.kind === DATE) return this.dates !== undefined && this.dates.matchesIn(text, start, end);
    return field.options !== null && field.options.hasExactIn(text, start, end);
  }
}
