/**
 * Matching and mapping of one processed row: find the person (E0016, E0017), then for each form route
 * the row to its record group (record matching, creation mode, locks) and map and validate it. A row
 * with an error in a form is not written to that form; it still counts once in rowsWithErrors.
 * When every input is a bare column the whole row runs synchronously (no promise per row).
 */
import { type ProcessedRow, SourceRow } from '../cache/processedRow';
import type { RowCellChecker } from '../read/sourceRecord';
import type { FormPlanner, Group } from '../match/recordPlanner';
import type { MatchOn } from '../model/workspace';
import type { RowMapper } from '../map/rowMapper';
import type { PersonIndex } from '../match/personIndex';
import type { RunCounts, StageTimings } from '../model/result';
import { quote, type RowReporter } from './rowReporter';

export interface FormStage {
  mapper: RowMapper;
  planner: FormPlanner;
}

export interface RowProcessorSettings {
  people: PersonIndex;
  idColumn: string;
  matchOn: MatchOn;
  ignoreLeadingZeros: boolean;
  digitsOnly: boolean;
  recordMatching: boolean;
  /** Only this personId, when set. */
  person: string | undefined;
}

/** Rows between two timed rows: performance.now() on every row would cost more than matching it. */
const TIMING_SAMPLE = 32;

export class RowProcessor {
  private readonly sync: boolean;
  private rows = 0;
  private sampled = 0;
  private sampledMatch = 0;
  private sampledMap = 0;
  /**
   * Set by readCellsBy: the mapped cells' checks (map/rowChecks.ts), made here for a row the reading
   * thread did not check, before validating it; they cost about half as much and slice nothing.
   */
  private checker: RowCellChecker | undefined;
  /** Set by readCellsBy: rows that carry cells are read by header index. */
  private byIndex = false;
  private idIndex = -1;

  constructor(
    private readonly settings: RowProcessorSettings,
    private readonly forms: FormStage[],
    private readonly reporter: RowReporter,
    private readonly counts: RunCounts,
  ) {
    this.sync = forms.every(
      (f) =>
        f.mapper.mapping.allColumns && (f.mapper.mapping.key === null || f.mapper.mapping.key.input.kind === 'column'),
    );
  }

  /**
   * The rows' columns are these headers (csv or tsv without a transformation): rows that carry
   * their cells are then read by index, never through their values object.
   */
  readCellsBy(headers: readonly string[], checker?: RowCellChecker): void {
    this.byIndex = true;
    this.checker = checker;
    this.idIndex = headers.indexOf(this.settings.idColumn);
    for (const form of this.forms) form.mapper.readCellsBy(headers);
  }

  /** Processes a row; returns a promise only when a JSONata mapping expression had to run. */
  process(row: ProcessedRow): Promise<void> | undefined {
    const timed = ++this.rows % TIMING_SAMPLE === 0;
    const started = timed ? performance.now() : 0;
    this.reporter.begin(row);
    this.counts.rowsProcessed++;
    // Rows that carry cells are read by index: `cell` for one, `cells` (all sliced) to map.
    const byCells = this.byIndex && row instanceof SourceRow && row.hasCells ? row : undefined;
    const person = this.person(row, byCells);
    const matched = timed ? performance.now() : 0;
    if (person === undefined) {
      this.finish(false);
      if (timed) this.sample(matched - started, 0);
      return undefined;
    }
    // Read now: the index's lastOrdinal is only the found person's until the next lookup.
    const ordinal = this.settings.people.lastOrdinal;
    if (!this.sync) return this.processForms(row, person, ordinal, timed, started, matched);
    let checks = row.checks ?? 0;
    // Bits come from the reading thread (any set bit says it checked the row) or from checking here, once.
    let checked = checks !== 0;
    let wrote = false;
    const forms = this.forms;
    for (let f = 0; f < forms.length; f++) {
      const form = forms[f] as FormStage;
      const mapper = form.mapper;
      const key = !this.settings.recordMatching
        ? null
        : byCells !== undefined
          ? mapper.readKeyFromCell(byCells)
          : (mapper.readKey(row.values) as string | undefined);
      const group = this.route(form, person, ordinal, key, row);
      if (group === undefined) continue;
      const errors = this.reporter.errors;
      const keep = form.planner.keepsValues(group);
      // (1 << f wraps past 31: forms past the 32nd carry no bit.)
      if (!keep && f < 32) {
        if (!checked && byCells !== undefined && this.checker !== undefined) {
          checks = byCells.checkedBy(this.checker);
          checked = true;
        }
        if ((checks & (1 << f)) !== 0) {
          // Its checks passed and there is nothing to convert: what merge does for a row it does not keep.
          form.planner.touch(group, row.row);
          wrote = true;
          continue;
        }
      }
      const cells = byCells?.cells;
      if (cells !== undefined) mapper.gatherCells(cells);
      else mapper.gather(row.values);
      mapper.validate(keep);
      if (this.reporter.errors === errors) {
        form.planner.merge(group, form.mapper.out, row.row);
        wrote = true;
      }
    }
    this.finish(wrote);
    if (timed) this.sample(matched - started, performance.now() - matched);
    return undefined;
  }

  private async processForms(
    row: ProcessedRow,
    person: string,
    ordinal: number,
    timed: boolean,
    started: number,
    matched: number,
  ): Promise<void> {
    let wrote = false;
    for (const form of this.forms) {
      const key = this.settings.recordMatching ? await form.mapper.readKey(row.values) : null;
      if (this.reporter.fatal) return;
      const group = this.route(form, person, ordinal, key, row);
      if (group === undefined) continue;
      const errors = this.reporter.errors;
      await form.mapper.gather(row.values);
      if (this.reporter.fatal) return;
      form.mapper.validate();
      if (this.reporter.errors === errors) {
        form.planner.merge(group, form.mapper.out, row.row);
        wrote = true;
      }
    }
    this.finish(wrote);
    if (timed) this.sample(matched - started, performance.now() - matched);
  }

  private sample(match: number, map: number): void {
    this.sampled++;
    this.sampledMatch += match;
    this.sampledMap += map;
  }

  /** Writes the match and map timings, estimated from the timed rows. */
  writeTimings(timings: StageTimings): void {
    if (this.sampled === 0) return;
    const scale = this.rows / this.sampled;
    timings.match = this.sampledMatch * scale;
    timings.map = this.sampledMap * scale;
  }

  private finish(wrote: boolean): void {
    if (this.reporter.errors > 0) this.counts.rowsWithErrors++;
    else if (!wrote) this.counts.rowsSkipped++;
  }

  /**
   * The row's personId, or undefined when the row is skipped (E0016) or ambiguous (E0017). When found,
   * the index's lastOrdinal is the person's ordinal.
   */
  private person(row: ProcessedRow, byCells: SourceRow | undefined): string | undefined {
    const { idColumn, matchOn } = this.settings;
    const people = this.settings.people;
    if (byCells !== undefined) {
      // An id of digits, read where it stands: no string to slice and parse for the usual row.
      const value = byCells.cellInteger(this.idIndex);
      const ordinal = value < 0 ? -1 : people.findOrdinalOfInteger(value);
      if (ordinal >= 0) return this.personOf(ordinal);
    }
    const cell = byCells !== undefined ? byCells.cell(this.idIndex) : row.values[idColumn];
    const ordinal = people.findOrdinal(cell);
    if (ordinal >= 0) return this.personOf(ordinal);
    const match = this.settings.people.match(cell);
    switch (match.kind) {
      case 'one':
        if (this.settings.person !== undefined && match.person.personId !== this.settings.person) return undefined;
        return match.person.personId;
      case 'blank':
        this.reporter.report('E0016', idColumn, () => `: the id cell (column '${idColumn}') is blank.`);
        return undefined;
      case 'none': {
        const inactive = match.inactive;
        this.reporter.report(
          'E0016',
          idColumn,
          () =>
            inactive
              ? `: the only person with ${matchOn} ${quote(cell)} is ${inactive.personId}, who is inactive; inactive people are not matched.`
              : `: no person has ${matchOn} ${quote(cell)}${this.normalisationNote()}.`,
          { id: match.id },
        );
        return undefined;
      }
      case 'several':
        this.reporter.report(
          'E0017',
          idColumn,
          () =>
            `: ${match.people.length} people have ${matchOn} ${quote(cell)} (${match.people.map((p) => p.personId).join(', ')}).`,
          { people: match.people.map((p) => p.personId) },
        );
        return undefined;
    }
  }

  /** The personId of a found ordinal, or undefined when the run is for another person. */
  private personOf(ordinal: number): string | undefined {
    const personId = this.settings.people.personIdOf(ordinal);
    return this.settings.person !== undefined && personId !== this.settings.person ? undefined : personId;
  }

  private normalisationNote(): string {
    const { matchOn, ignoreLeadingZeros, digitsOnly } = this.settings;
    if (matchOn === 'email') return '';
    const on = [ignoreLeadingZeros ? 'ignoreLeadingZeros' : '', digitsOnly ? 'digitsOnly' : ''].filter(Boolean);
    return on.length === 0 ? ' (ignoreLeadingZeros and digitsOnly are off)' : ` (compared with ${on.join(' and ')})`;
  }

  /** The group the row writes for this form, or undefined when it writes nothing there. */
  private route(
    form: FormStage,
    person: string,
    ordinal: number,
    key: string | null | undefined,
    row: ProcessedRow,
  ): Group | undefined {
    const mapping = form.mapper.mapping;
    if (key === undefined) {
      const field = mapping.key?.field ?? '';
      this.reporter.report(
        'E0029',
        mapping.key?.input.kind === 'column' ? mapping.key.input.column : null,
        () =>
          `: the matching element '${field}' of form '${mapping.formId}' is empty, so the row cannot find its record.`,
        { form: mapping.formId, field },
      );
      return undefined;
    }
    const group = form.planner.target(person, ordinal, key);
    if (group.skip === null) return group;
    form.planner.touch(group, row.row);
    const keyText = key === null ? '' : ` with key '${key}'`;
    if (group.skip === 'E0019') {
      const recordId = group.record?.id ?? '';
      this.reporter.report(
        'E0019',
        null,
        () =>
          `: record ${recordId} of person ${person} (form ${mapping.formId}${key === null ? '' : `, key '${key}'`}) is locked.`,
        { form: mapping.formId, record: recordId },
      );
    } else {
      this.reporter.report(
        'E0040',
        null,
        () => `: person ${person} has no ${mapping.formId} record${keyText}; doNotCreate skips it.`,
        { form: mapping.formId },
      );
    }
    return undefined;
  }
}
