/**
 * Maps one processed row onto one form and validates it: the per-row hot path. It reuses two arrays
 * (inputs and outputs) for every row, reads bare columns without JSONata, and allocates only the
 * values it produces (an ISO date, a repeater's instances) and the problems it reports.
 *
 * Decisions where the platform is silent:
 * - Text keeps its value as written; a value of only spaces counts as blank. Typed values (number,
 *   date, option, checkbox) are trimmed first, since stray spaces are an export artefact, not data.
 * - Checkbox and radio columns accept true and false in any case, and blank; anything else (yes, 1,
 *   X) is E0021 rather than a guess. A checkbox group whose cells are all blank gives no value; one
 *   with any true/false cell gives the list of checked options (blank = unchecked, as the platform says).
 * - A radio group with no true cell gives no value (so it does not overwrite); two or more is E0020.
 * - A required field is checked on the row (E0029 when the row gives it no value), as the catalog
 *   defines it; a checkbox group counts as empty when no option is checked.
 * - Inside a repeater each nested field takes one value per instance; choice fields take one option.
 *   A nested field that is blank altogether does not count for alignment (E0039).
 */
import { cellAt, type Row } from '../cache/processedRow';
import type { JsonValue } from '../model/result';
import type { RowReporter } from '../run/rowReporter';
import { quote } from '../run/rowReporter';
import type { Guardrails } from '../transform/guardrails';
import { isGuardrailFailure, readJsonataFailure } from '../transform/jsonataErrors';
import { problem } from '../errors/catalog';
import * as Kinds from './compiledMapping';
import type { CompiledField, CompiledMapping } from './compiledMapping';
import type { DateParser } from './dateFormat';
import { decimalValue, isDecimalNumber } from './decimal';
import type { FieldInput } from './fieldInput';

// Module-local copies: an imported binding may compile to a getter call (CommonJS interop under tsx),
// which in a switch run ten times per row costs more than the validation itself.
const CELL_LIMIT = Kinds.CELL_LIMIT;
const CHECKBOX = Kinds.CHECKBOX;
const DATE = Kinds.DATE;
const NUMBER = Kinds.NUMBER;
const OPTION = Kinds.OPTION;
const RADIO = Kinds.RADIO;
const REPEATER = Kinds.REPEATER;

/** Flag values of a checkbox or radio cell. */
const BLANK = -1;
const FALSE = 0;
const TRUE = 1;
const BAD = 2;

function trimIfNeeded(s: string): string {
  return s.charCodeAt(0) <= 32 || s.charCodeAt(s.length - 1) <= 32 ? s.trim() : s;
}

export class RowMapper {
  /** The current row's input values, one per CompiledMapping.inputs entry. */
  readonly raw: unknown[];
  /** The current row's values, one per CompiledMapping.fields entry; undefined = no value (blank). */
  readonly out: (JsonValue | undefined)[];
  private readonly fields: CompiledField[];
  private readonly inputs: FieldInput[];
  private readonly columns: (string | null)[];
  /** Header index of each bare-column input (-1: not a header), once readCellsBy is called. */
  private columnIndexes: Int32Array = new Int32Array(0);
  private keyIndex = -1;

  constructor(
    readonly mapping: CompiledMapping,
    private readonly dates: DateParser | undefined,
    private readonly reporter: RowReporter,
    private readonly guardrails: Guardrails,
  ) {
    this.fields = mapping.fields;
    this.inputs = mapping.inputs;
    this.columns = mapping.inputs.map((i) => (i.kind === 'column' ? i.column : null));
    this.raw = new Array(mapping.inputs.length).fill(undefined);
    this.out = new Array(mapping.fields.length).fill(undefined);
  }

  /** The rows' columns are these headers: gatherCells and readKeyFromCells read cells by index. */
  readCellsBy(headers: readonly string[]): void {
    this.columnIndexes = Int32Array.from(this.columns, (c) => (c === null ? -1 : headers.indexOf(c)));
    const key = this.mapping.key;
    this.keyIndex = key !== null && key.input.kind === 'column' ? headers.indexOf(key.input.column) : -1;
  }

  /** gather for a row of cells in header order; only when every input is a bare column. */
  gatherCells(cells: readonly string[]): void {
    const indexes = this.columnIndexes;
    const raw = this.raw;
    for (let i = 0; i < indexes.length; i++) raw[i] = cellAt(cells, indexes[i] as number);
  }

  /** readKey for a row that reads its cells by header index; only when the key is a bare column. */
  readKeyFromCell(row: { cell(index: number): string | undefined }): string | undefined {
    return keyText(row.cell(this.keyIndex));
  }

  /** Reads every input from the row: synchronously when all are bare columns. */
  gather(row: Row): Promise<void> | undefined {
    if (this.mapping.allColumns) {
      const columns = this.columns;
      const raw = this.raw;
      for (let i = 0; i < columns.length; i++) raw[i] = row[columns[i] as string];
      return undefined;
    }
    return this.gatherSlowly(row);
  }

  private async gatherSlowly(row: Row): Promise<void> {
    for (let i = 0; i < this.inputs.length; i++) {
      const input = this.inputs[i] as FieldInput;
      this.raw[i] = input.kind === 'column' ? row[input.column] : await this.evaluate(input, row, i);
    }
  }

  private async evaluate(input: FieldInput & { kind: 'expression' }, row: Row, slot: number): Promise<unknown> {
    try {
      return await input.expression.evaluate(row);
    } catch (error) {
      const failure = readJsonataFailure(error);
      const target = this.mapping.inputTargets[slot];
      const label = slot < 0 ? 'Matching element' : (this.mapping.inputLabels[slot] ?? 'Field');
      if (isGuardrailFailure(failure)) {
        const what =
          failure.code === 'D1012'
            ? `ran longer than ${this.guardrails.timeoutMs} ms`
            : `recursed deeper than ${this.guardrails.maxDepth} steps`;
        this.reporter.fatal = problem(
          'E0036',
          `Row ${this.reporter.row.row}, ${label.toLowerCase()}: the expression ${what}; the run stopped.`,
          [this.reporter.location(null), { file: this.mapping.path, pointer: target?.pointer ?? '' }],
        );
        this.reporter.errors++;
        return undefined;
      }
      this.reporter.report('E0036', null, () => `, ${label.toLowerCase()}: ${failure.message}`, {
        form: this.mapping.formId,
        field: target?.id,
      });
      return undefined;
    }
  }

  /** Reads the matching element's key from the row: a trimmed string, or undefined when blank. */
  readKey(row: Row): string | undefined | Promise<string | undefined> {
    const key = this.mapping.key;
    if (!key) return undefined;
    if (key.input.kind === 'column') return keyText(row[key.input.column]);
    return this.evaluate(key.input, row, -1).then(keyText);
  }

  /**
   * Whether `validate` converts values for keeping. Off, it only checks them, and `out` holds
   * placeholders for numbers and dates (their text): for a row whose plan group keeps no values
   * (RecordPlanner.keepsValues), which past the plan's first groups is nearly every row, building an
   * ISO date or a number nobody reads was wasted work.
   */
  private keep = true;

  /** Validates the gathered inputs into `out`. Returns the number of errors reported. */
  validate(keep = true): number {
    this.keep = keep;
    const before = this.reporter.errors;
    const fields = this.fields;
    const out = this.out;
    for (let i = 0; i < fields.length; i++) {
      const f = fields[i] as CompiledField;
      switch (f.kind) {
        case CHECKBOX:
          out[i] = this.checkbox(f);
          break;
        case RADIO:
          out[i] = this.radio(f);
          break;
        case REPEATER:
          out[i] = this.repeater(f);
          break;
        default:
          out[i] = this.scalar(f, this.raw[f.slot], f.id, 0);
      }
    }
    return this.reporter.errors - before;
  }

  private where(f: CompiledField, name: string, instance: number): string {
    const column = f.column === null ? '' : ` (column '${f.column}')`;
    return instance === 0 ? `, field '${name}'${column}` : `, field '${name}' instance ${instance}${column}`;
  }

  private blank(f: CompiledField, name: string, instance: number): undefined {
    if (f.required && !f.columnMissing) this.requiredEmpty(f, name, instance);
    return undefined;
  }

  private requiredEmpty(f: CompiledField, name: string, instance: number): void {
    this.reporter.report('E0029', f.column, () =>
      instance === 0
        ? `: the required field '${name}' is empty.`
        : `: the required field '${name}' of instance ${instance} is empty.`,
    );
  }

  /**
   * A single value for TEXT, NUMBER, DATE or OPTION. `name` is how messages call the field. No closure
   * here (the messages are built in `invalid`): a closure capturing these locals would make V8 allocate
   * a context on every call, i.e. per cell.
   */
  private scalar(f: CompiledField, v: unknown, name: string, instance: number): JsonValue | undefined {
    if (v === undefined || v === null) return this.blank(f, name, instance);
    let s: string;
    if (typeof v === 'string') {
      s = v;
    } else if (typeof v === 'number') {
      if (f.kind === NUMBER) return v;
      s = String(v);
    } else if (typeof v === 'boolean') {
      s = v ? 'true' : 'false';
    } else {
      return this.invalid('E0036', f, name, instance, v);
    }
    if (s.length === 0) return this.blank(f, name, instance);
    if (s.length > f.maxLength) return this.invalid('E0010', f, name, instance, s);
    switch (f.kind) {
      case NUMBER: {
        const t = trimIfNeeded(s);
        if (t.length === 0) return this.blank(f, name, instance);
        return !isDecimalNumber(t) ? this.invalid('E0030', f, name, instance, s) : this.keep ? decimalValue(t) : t;
      }
      case DATE: {
        const t = trimIfNeeded(s);
        if (t.length === 0) return this.blank(f, name, instance);
        if (!this.keep) return this.dates?.matches(t) === true ? t : this.invalid('E0009', f, name, instance, s);
        const iso = this.dates?.parse(t);
        return iso === undefined ? this.invalid('E0009', f, name, instance, s) : iso;
      }
      case OPTION: {
        const t = trimIfNeeded(s);
        if (t.length === 0) return this.blank(f, name, instance);
        const value = f.options?.resolve(t);
        return value === undefined ? this.invalid('E0028', f, name, instance, t) : value;
      }
      default: {
        // TEXT: kept as written, but a value of only spaces is blank.
        if (s.charCodeAt(0) <= 32 && s.trim().length === 0) return this.blank(f, name, instance);
        return s;
      }
    }
  }

  /** Reports a value the field cannot take (the cold path of `scalar`). */
  private invalid(
    code: 'E0009' | 'E0010' | 'E0028' | 'E0030' | 'E0036',
    f: CompiledField,
    name: string,
    instance: number,
    v: unknown,
  ): undefined {
    const where = this.where(f, name, instance);
    const s = typeof v === 'string' ? v : '';
    switch (code) {
      case 'E0036':
        this.reporter.report(
          code,
          f.column,
          () => `${where}: the expression gave ${Array.isArray(v) ? 'an array' : typeof v}; a field takes one value.`,
        );
        break;
      case 'E0010':
        this.reporter.report(
          code,
          f.column,
          () =>
            `${where}: the value has ${s.length.toLocaleString('en-US')} characters; at most ${f.maxLength.toLocaleString('en-US')} fit.`,
          { length: s.length, max: f.maxLength },
        );
        break;
      case 'E0030':
        this.reporter.report(code, f.column, () => `${where}: ${quote(s)} is not a number.`, { value: s });
        break;
      case 'E0009': {
        const pattern = this.dates?.pattern ?? '';
        this.reporter.report(
          code,
          f.column,
          () => `${where}: ${quote(s)} does not match the date format '${pattern}'.`,
          { value: s, expected: pattern },
        );
        break;
      }
      case 'E0028': {
        const suggestion = f.options?.suggest(s);
        const hint = suggestion === undefined ? '' : ` Did you mean '${suggestion}'?`;
        this.reporter.report(code, f.column, () => `${where}: ${quote(s)} is not an option.${hint}`, {
          value: s,
          ...(suggestion === undefined ? {} : { suggestion }),
        });
        break;
      }
    }
    return undefined;
  }

  private flag(group: CompiledField, option: CompiledField): number {
    const v = this.raw[option.slot];
    if (v === undefined || v === null) return BLANK;
    if (typeof v === 'boolean') return v ? TRUE : FALSE;
    if (typeof v === 'string') {
      const t = trimIfNeeded(v);
      if (t.length === 0) return BLANK;
      if (t === 'true' || (t.length === 4 && t.toLowerCase() === 'true')) return TRUE;
      if (t === 'false' || (t.length === 5 && t.toLowerCase() === 'false')) return FALSE;
    }
    this.badFlag(group, option, v);
    return BAD;
  }

  /** Kept out of `flag` so that `flag` allocates no closure context per cell. */
  private badFlag(group: CompiledField, option: CompiledField, v: unknown): void {
    this.reporter.report(
      'E0021',
      option.column,
      () => `, field '${group.id}' option '${option.id}': ${quote(v)} is not true, false or blank.`,
      { value: typeof v === 'string' ? v : String(v) },
    );
  }

  private checkbox(f: CompiledField): JsonValue | undefined {
    const members = f.members as CompiledField[];
    let checked: string[] | undefined;
    let answered = false;
    for (let i = 0; i < members.length; i++) {
      const option = members[i] as CompiledField;
      const flag = this.flag(f, option);
      if (flag === TRUE) {
        if (checked === undefined) checked = [];
        checked.push(option.id);
      }
      if (flag === TRUE || flag === FALSE) answered = true;
    }
    if (checked === undefined && f.required && !members.every((m) => m.columnMissing)) {
      this.reporter.report('E0029', null, () => `: the required field '${f.id}' has no option checked.`);
    }
    if (!answered) return undefined;
    // Members are in the form's option order, so the list is too.
    return checked ?? [];
  }

  private radio(f: CompiledField): JsonValue | undefined {
    const members = f.members as CompiledField[];
    let chosen: string | undefined;
    let second: string | undefined;
    for (let i = 0; i < members.length; i++) {
      const option = members[i] as CompiledField;
      if (this.flag(f, option) !== TRUE) continue;
      if (chosen === undefined) chosen = option.id;
      else if (second === undefined) second = option.id;
    }
    if (second !== undefined) {
      const first = chosen;
      this.reporter.report(
        'E0020',
        null,
        () => `, field '${f.id}': options '${first}' and '${second}' are both true.`,
        {
          options: [first, second],
        },
      );
      return undefined;
    }
    if (chosen === undefined) {
      if (f.required && !members.every((m) => m.columnMissing)) {
        this.reporter.report('E0029', null, () => `: the required field '${f.id}' has no option true.`);
      }
      return undefined;
    }
    return chosen;
  }

  private repeater(f: CompiledField): JsonValue | undefined {
    const members = f.members as CompiledField[];
    const parts: (string[] | undefined)[] = new Array(members.length);
    let count = 0;
    let misaligned = false;
    for (let i = 0; i < members.length; i++) {
      const m = members[i] as CompiledField;
      const v = this.raw[m.slot];
      parts[i] = undefined;
      if (v === undefined || v === null || v === '') continue;
      if (typeof v === 'object') {
        this.reporter.report(
          'E0036',
          m.column,
          () =>
            `, field '${f.id}.${m.id}': the expression gave ${Array.isArray(v) ? 'an array' : 'an object'}; join the instances with tabs.`,
        );
        continue;
      }
      const s = String(v);
      if (s.length > CELL_LIMIT) {
        this.reporter.report(
          'E0010',
          m.column,
          () =>
            `, field '${f.id}.${m.id}': the value has ${s.length.toLocaleString('en-US')} characters; at most 4,000 fit.`,
          { length: s.length, max: CELL_LIMIT },
        );
        continue;
      }
      const values = s.split('\t');
      if (count !== 0 && values.length !== count) misaligned = true;
      if (values.length > count) count = values.length;
      parts[i] = values;
    }
    if (misaligned) {
      this.reporter.report(
        'E0039',
        null,
        () =>
          `, repeater '${f.id}': ${members
            .map((m, i) => `${m.id} has ${parts[i]?.length ?? 0} value${parts[i]?.length === 1 ? '' : 's'}`)
            .join(', ')}.`,
      );
    }
    if (count > f.maxLimit) {
      this.reporter.report(
        'E0022',
        null,
        () => `, repeater '${f.id}': ${count} instances; maxLimit is ${f.maxLimit}.`,
        {
          instances: count,
          maxLimit: f.maxLimit,
        },
      );
      return undefined;
    }
    if (count === 0) {
      if (f.required && !members.every((m) => m.columnMissing)) {
        this.reporter.report('E0029', null, () => `: the required repeater '${f.id}' has no instances.`);
      }
      return undefined;
    }
    const instances: JsonValue[] = [];
    for (let k = 0; k < count; k++) {
      const instance = Object.create(null) as Record<string, JsonValue>;
      for (let i = 0; i < members.length; i++) {
        const m = members[i] as CompiledField;
        const value = this.scalar(m, parts[i]?.[k], `${f.id}.${m.id}`, k + 1);
        if (value !== undefined) instance[m.id] = value;
      }
      instances.push(instance);
    }
    return instances;
  }
}

function keyText(v: unknown): string | undefined {
  if (v === undefined || v === null) return undefined;
  if (typeof v === 'object') return undefined;
  const s = String(v).trim();
  return s.length === 0 ? undefined : s;
}
