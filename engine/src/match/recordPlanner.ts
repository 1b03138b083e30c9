/**
 * Record selection for one form: groups rows by person (and matching key) and decides, once per
 * group, which record the group writes.
 *
 * Decisions where the platform is silent:
 * - Rows of one group (same person, and same key with record matching on) fill one record; a later
 *   row overrides an earlier one field by field, and a blank cell never overrides (nor erases an
 *   existing value: see `after` below). With a sort configured, "later" follows the sort order,
 *   which is what the platform's sort is for.
 * - alwaysCreate creates one new record per group, not one per row: rows that share a key describe
 *   the same record.
 * - A locked record is never written (E0019); with alwaysCreate a new record is created instead,
 *   since that does not touch the locked one.
 * - A blank cell does not overwrite an existing value. The platform does not say; imports here are
 *   upserts of partial exports (a nightly file rarely carries every field), staff edit the same
 *   records by hand, and an overwrite with blanks cannot be undone from the file. To clear a value,
 *   the platform's own editor is the place.
 * - A repeater's instances replace the existing instances (appending would duplicate them on every
 *   nightly re-run of the same file).
 * - On create, the matching element field holds the key; on update it is left as it is.
 */
import { detachString } from './detachString';
import type { CompiledMapping } from '../map/compiledMapping';
import type { FieldChange, JsonValue, PlanAction, PlanEntry } from '../model/result';
import type { RecordCreationMode, SandboxRecord } from '../model/workspace';
import { jsonEqual, toJsonValue } from './jsonValue';
import type { RecordIndex } from './recordIndex';

const ROWS_LISTED = 100;
/** How many distinct stored values a form's planner remembers for reuse (see FormPlanner.kept). */
const KEPT_DISTINCT = 16_384;

export interface Group {
  planner: FormPlanner;
  person: string;
  key: string | null;
  record: SandboxRecord | null;
  skip: 'E0019' | 'E0040' | null;
  /** One value per compiled field; undefined until a row gives the field a value. */
  values: (JsonValue | undefined)[];
  rows: number[];
  rowCount: number;
  /** Index in PlanOrder.groups. */
  position: number;
}

/** Shared by groups that can never be listed: they are counted, never written to (see PlanOrder). */
const UNLISTED_VALUES: readonly (JsonValue | undefined)[] = Object.freeze([]);
const UNLISTED_ROWS: readonly number[] = Object.freeze([]);

/**
 * Every group of every form in the order first touched (the plan's order), and which of them the
 * result can still list. The result builds entries for the first `keep` listed groups only, and
 * counts the rest with actionOf, which reads a group's values only when it has a sandbox record.
 * So once `keep` groups are listed, a later group without a record needs neither its values nor
 * its rows: keeping them made every row's strings (and row numbers) outlive the row in old space
 * and die there, the run's main garbage. Measured on the 1M-row bench file (100k groups, none with
 * a record): see docs/performance.md, "what each change bought".
 */
export class PlanOrder {
  readonly groups: Group[] = [];
  /** Groups at this position or later are not among the first `keep` listed groups, whatever happens next. */
  private cutoff = Number.POSITIVE_INFINITY;
  private listedCount = 0;

  constructor(readonly keep: number) {
    if (keep <= 0) this.cutoff = 0;
  }

  /** A group is listed when it has rows or is skipped: the same test as the result's. */
  static listed(group: Group): boolean {
    return group.skip !== null || group.rowCount > 0;
  }

  /** Whether the group can still be one of the listed entries the result builds. */
  mayList(group: Group): boolean {
    return group.position < this.cutoff;
  }

  /** mayList for the group about to be opened at `position`. */
  mayListAt(position: number): boolean {
    return position < this.cutoff;
  }

  /** Notes that a group became listed; listing only grows, so once the cutoff is set it stays right. */
  noteListed(): void {
    if (++this.listedCount !== this.keep || this.cutoff !== Number.POSITIVE_INFINITY) return;
    let seen = 0;
    for (const group of this.groups) {
      if (PlanOrder.listed(group) && ++seen === this.keep) {
        this.cutoff = group.position + 1;
        return;
      }
    }
  }
}

export class FormPlanner {
  /**
   * Groups by the person's ordinal (PersonIndex: dense, one per personId), then by key when record
   * matching is on. An array read instead of a Map lookup by personId: with 100k people the Map's
   * lookups missed the CPU caches on nearly every row (measured: see docs/performance.md).
   */
  private readonly byPerson: (Group | undefined)[] = [];
  private readonly byPersonKey: (Map<string, Group> | undefined)[] = [];
  /** Values stored so far, by content: see `kept`. */
  private readonly distinct = new Map<string | number, string | number>();

  constructor(
    readonly mapping: CompiledMapping,
    private readonly records: RecordIndex,
    private readonly mode: RecordCreationMode,
    /** Every group of every form, in the order first touched: the plan's order. */
    private readonly order: PlanOrder,
  ) {}

  /**
   * The group a row of `person` (with `key` when record matching is on) belongs to; `ordinal` is
   * the person's PersonIndex ordinal.
   */
  target(person: string, ordinal: number, key: string | null): Group {
    if (key === null) {
      let group = this.byPerson[ordinal];
      if (!group) {
        group = this.open(person, null, this.records.mostRecent(this.mapping.formId, person));
        this.byPerson[ordinal] = group;
      }
      return group;
    }
    let keys = this.byPersonKey[ordinal];
    if (!keys) {
      keys = new Map();
      this.byPersonKey[ordinal] = keys;
    }
    let group = keys.get(key);
    if (!group) {
      const field = this.mapping.key?.field ?? '';
      group = this.open(person, key, this.records.withKey(this.mapping.formId, person, key, field));
      keys.set(key, group);
    }
    return group;
  }

  private open(person: string, key: string | null, existing: SandboxRecord | undefined): Group {
    let record: SandboxRecord | null = existing ?? null;
    let skip: Group['skip'] = null;
    if (this.mode === 'alwaysCreate') record = null;
    else if (record?.locked === true) skip = 'E0019';
    else if (record === null && this.mode === 'doNotCreate') skip = 'E0040';
    const position = this.order.groups.length;
    // Past the cutoff a group without a record is only counted: no values or rows to keep.
    const unlisted = record === null && !this.order.mayListAt(position);
    const group: Group = {
      planner: this,
      person,
      key,
      record,
      skip,
      values: unlisted
        ? (UNLISTED_VALUES as (JsonValue | undefined)[])
        : new Array(this.mapping.fields.length).fill(undefined),
      rows: unlisted ? (UNLISTED_ROWS as number[]) : [],
      rowCount: 0,
      position,
    };
    this.order.groups.push(group);
    if (skip !== null) this.order.noteListed();
    return group;
  }

  /** Notes that a row reached the group (merged, or skipped with it). */
  touch(group: Group, row: number): void {
    if (group.rowCount++ === 0 && group.skip === null) this.order.noteListed();
    if (group.rows.length < ROWS_LISTED && group.rows !== UNLISTED_ROWS && this.order.mayList(group)) {
      group.rows.push(row);
    }
  }

  /**
   * Whether `merge` would keep the values of a row of this group. Its values are read only for an
   * entry (the first `keep` listed groups) or to compare with a record; so the mapper need not
   * convert the values of other groups' rows, only check them.
   */
  keepsValues(group: Group): boolean {
    return group.values !== UNLISTED_VALUES && (group.record !== null || this.order.mayList(group));
  }

  /** Copies a valid row's values into its group: non-blank values override earlier rows. */
  merge(group: Group, out: readonly (JsonValue | undefined)[], row: number): void {
    const values = group.values;
    if (!this.keepsValues(group)) {
      this.touch(group, row);
      return;
    }
    for (let i = 0; i < out.length; i++) {
      const v = out[i];
      // An equal value is not stored again: the stored one has lived long enough to be in old space,
      // and replacing it with an equal copy would leave the copy to die there too (a file with many
      // rows per person grew the heap by ~2 MB per million rows that way; docs/performance.md).
      if (v === undefined || v === values[i]) continue;
      values[i] = this.kept(v);
    }
    this.touch(group, row);
  }

  /**
   * The value to store for `v`: an earlier stored value equal to it when there is one. A group's values
   * live in old space (they wait for the person's next row), so each value that replaces one there
   * leaves garbage that only a full collection frees; a file with many rows per person grew the heap by
   * ~1.4 MB per million rows even with equal values skipped (docs/performance.md). Dates, grades and
   * numbers of a real file take few distinct values, so reusing them ends that; at most KEPT_DISTINCT
   * are remembered, so unique values (notes, e-mails) cost a bounded ~1 MB.
   */
  private kept(v: JsonValue): JsonValue {
    // A Map takes -0 and 0 for one key; neither needs reusing (0 is a small integer, -0 is rare).
    if ((typeof v !== 'string' && typeof v !== 'number') || v === 0) return v;
    const known = this.distinct.get(v);
    if (known !== undefined) return known;
    // The group outlives the row: detach strings so they do not pin the chunk they were cut from.
    const value = typeof v === 'string' ? detachString(v) : v;
    if (this.distinct.size < KEPT_DISTINCT) this.distinct.set(value, value);
    return value;
  }

  /**
   * The group's action, without building its entry: the result counts every group but keeps only
   * the first entries, and at a district's scale (100k people) building every field's before/after
   * cost more than the whole mapping stage. Must agree with entry(group).action.
   */
  actionOf(group: Group): PlanAction {
    if (group.skip !== null) return 'skip';
    const record = group.record;
    if (record === null) return 'create';
    for (let i = 0; i < this.mapping.fields.length; i++) {
      const value = group.values[i];
      if (value === undefined) continue; // a blank never overwrites, so the field stays as it was
      const id = (this.mapping.fields[i] as { id: string }).id;
      const was = Object.hasOwn(record.values, id) ? toJsonValue(record.values[id]) : null;
      if (!jsonEqual(was, value)) return 'update';
    }
    return 'unchanged';
  }

  entry(group: Group): PlanEntry {
    const base = {
      form: this.mapping.formId,
      person: group.person,
      recordId: group.record?.id ?? null,
      key: group.key,
      rows: group.rows,
      rowCount: group.rowCount,
    };
    if (group.skip !== null) return { ...base, action: 'skip', fields: [], reason: group.skip };
    const before = (id: string): JsonValue =>
      group.record && Object.hasOwn(group.record.values, id) ? toJsonValue(group.record.values[id]) : null;
    const fields: FieldChange[] = [];
    let changed = false;
    const keyField = group.record === null && group.key !== null ? this.mapping.key?.field : undefined;
    for (let i = 0; i < this.mapping.fields.length; i++) {
      const id = (this.mapping.fields[i] as { id: string }).id;
      if (id === keyField) continue;
      const was = before(id);
      const value = group.values[i];
      const after = value === undefined ? was : value;
      const differs = !jsonEqual(was, after);
      if (differs) changed = true;
      fields.push({ field: id, before: was, after, changed: differs });
    }
    if (keyField !== undefined && group.key !== null) {
      fields.push({ field: keyField, before: null, after: group.key, changed: true });
    }
    const action: PlanAction = group.record === null ? 'create' : changed ? 'update' : 'unchanged';
    return { ...base, action, fields };
  }
}
