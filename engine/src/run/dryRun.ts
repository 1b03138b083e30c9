/**
 * The dry run: read -> transform -> cache (-> sort) -> match -> map and validate -> plan, streaming.
 * Without a sort, only the first `cacheRows` rows and the record groups (bounded by the sandbox's
 * people, not by the file) are held, so memory stays flat however long the file is.
 */
import { type ProcessedRow, type Row, SourceRow } from '../cache/processedRow';
import { ImportCacheBuilder } from '../cache/importCache';
import { sortColumnProblem, sortRows } from '../cache/sortRows';
import { didYouMean, didYouMeanText } from '../cache/didYouMean';
import { problem } from '../errors/catalog';
import { ProblemError } from '../errors/problem';
import { checkMappingColumns } from '../map/columnCheck';
import { RowMapper } from '../map/rowMapper';
import { type RowCheckSpec, rowChecker, rowCheckSpec } from '../map/rowChecks';
import { FormPlanner, PlanOrder } from '../match/recordPlanner';
import type { DryRunResult, PlanCounts, RunCounts, StageTimings } from '../model/result';
import type { SourceReader, SourceRecord } from '../read/sourceRecord';
import { isGuardrailFailure } from '../transform/jsonataErrors';
import { type RecordOutcome, recordLocation, runtimeProblem, shapeProblem } from '../transform/transformation';
import type { DryRunInput } from './dryRunInput';
import { pointer } from './pointer';
import { type Prepared, prepare, type SandboxIndexes, sandboxIndexes } from './prepare';
import { ProblemSink } from './problemSink';
import { type FormStage, RowProcessor } from './rowProcessor';
import { RowReporter } from './rowReporter';

export type { DryRunInput, DryRunOptions, TransformationSource } from './dryRunInput';
export type { DryRunResult } from '../model/result';

/** Problems kept per code; the totals count every one. */
export const PROBLEMS_PER_CODE = 100;
const DEFAULT_CACHE_ROWS = 1000;
const DEFAULT_PLAN_ENTRIES = 1000;
/** How long the run may work before it lets the event loop run (abort, progress, other requests). */
const SLICE_MS = 50;

/** Returned by `take` when the run's row limit is reached. */
const STOP = Symbol('stop');

/** Stops the run with status Failed; the problem has already been recorded. */
class StopRun extends Error {}

export async function dryRun(input: DryRunInput): Promise<DryRunResult> {
  const run = new Run(input);
  return run.execute();
}

class Run {
  private readonly options: NonNullable<DryRunInput['options']>;
  private readonly sink: ProblemSink;
  private readonly counts: RunCounts = {
    recordsRead: 0,
    rowsProcessed: 0,
    rowsSkipped: 0,
    rowsWithErrors: 0,
    plan: {},
  };
  private readonly timings: StageTimings = { read: 0, transform: 0, cache: 0, match: 0, map: 0, total: 0 };
  private readonly cache: ImportCacheBuilder;
  private readonly order: PlanOrder;
  private readonly reporter: RowReporter;
  private prepared: Prepared | undefined;
  private processor: RowProcessor | undefined;
  private failed = false;
  private limited = false;
  private thresholdReached = false;
  private columnsChecked = false;
  /** Rows produced by the transformation (or read), before any sort. */
  private produced = 0;
  private lastSlice = 0;

  constructor(private readonly input: DryRunInput) {
    this.options = input.options ?? {};
    this.sink = new ProblemSink(this.options.problemsPerCode ?? PROBLEMS_PER_CODE);
    this.cache = new ImportCacheBuilder(this.options.cacheRows ?? DEFAULT_CACHE_ROWS);
    this.order = new PlanOrder(this.options.planEntries ?? DEFAULT_PLAN_ENTRIES);
    this.reporter = new RowReporter(this.sink, input.sourcePath);
  }

  async execute(): Promise<DryRunResult> {
    const started = performance.now();
    this.lastSlice = started;
    this.options.signal?.throwIfAborted();
    const preparation = prepare(this.input, this.sink);
    if (!preparation.ok) {
      this.failed = true;
      return this.result(started);
    }
    const prepared = preparation.prepared;
    this.prepared = prepared;
    // Matching and mapping need the sandbox indexed; a reading thread, if one starts, reads meanwhile.
    const ready = (): void => {
      if (this.processor === undefined) this.startProcessing(prepared, sandboxIndexes(this.input));
    };

    let reader: SourceReader | undefined;
    try {
      const pathObject = prepared.transformation?.pathObject;
      this.rowChecks = prepared.transformation ? undefined : rowCheckSpec(prepared.mappings, prepared.dates?.pattern);
      reader = await this.input.openSource({
        ...(pathObject ? { pathObject } : {}),
        ...(this.rowChecks ? { rowChecks: this.rowChecks } : {}),
        meanwhile: ready,
      });
      ready();
      await this.readAll(reader, prepared);
      if (prepared.sort && !this.failed) await this.sortAndProcess(prepared);
      if (!this.failed && prepared.transformation) {
        // With a transformation the columns are known only now; a missing one is reported once.
        for (const mapping of prepared.mappings) checkMappingColumns(mapping, this.cache.columns, this.sink);
      }
    } catch (error) {
      if (error instanceof StopRun) this.failed = true;
      else if (error instanceof ProblemError) {
        this.sink.addProblem(error.problem);
        this.failed = true;
      } else throw error;
    }
    for (const p of reader?.problems ?? []) this.sink.addProblem(p);
    this.options.onProgress?.(this.counts.rowsProcessed);
    return this.result(started);
  }

  /** The row processor and its stage per form, for the prepared mappings and the sandbox's indexes. */
  private startProcessing(prepared: Prepared, indexes: SandboxIndexes): void {
    const stages: FormStage[] = prepared.mappings.map((mapping) => ({
      mapper: new RowMapper(mapping, prepared.dates, this.reporter, prepared.guardrails),
      planner: new FormPlanner(mapping, indexes.records, prepared.creationMode, this.order),
    }));
    const matching = this.input.config.personMatching;
    this.processor = new RowProcessor(
      {
        people: indexes.people,
        idColumn: matching.idColumn,
        matchOn: matching.matchOn,
        ignoreLeadingZeros: matching.ignoreLeadingZeros === true,
        digitsOnly: matching.digitsOnly === true,
        recordMatching: prepared.recordMatching,
        person: this.options.person,
      },
      stages,
      this.reporter,
      this.counts,
    );
  }

  private async readAll(reader: SourceReader, prepared: Prepared): Promise<void> {
    if (!prepared.transformation && reader.headers) {
      // The columns are the headers: check them before reading a row (and before holding rows for a sort).
      this.cache.addColumns(reader.headers);
      this.processor?.readCellsBy(reader.headers, rowChecker(this.rowChecks, reader.headers));
      this.checkSortColumn(prepared);
      this.checkColumns();
    }
    // Without headers (or with a transformation) the columns are the keys the rows bring.
    this.scanKeys = prepared.transformation !== undefined || reader.headers === undefined;
    this.limit = this.options.limit && this.options.limit > 0 ? this.options.limit : Number.POSITIVE_INFINITY;
    if (reader.batches) return this.readBatches(reader.batches);
    const iterator = reader.records[Symbol.asyncIterator]();
    try {
      for (;;) {
        const waited = performance.now();
        const next = await iterator.next();
        this.timings.read += performance.now() - waited;
        if (next.done) return;
        const taken = this.take(next.value);
        if (taken === STOP || (taken !== undefined && (await taken) === STOP)) return;
        if ((this.counts.recordsRead & 1023) === 0) await this.slice();
      }
    } finally {
      await iterator.return?.();
    }
  }

  /**
   * The same loop a chunk of records at a time: an await per chunk (~600 csv rows) instead of a
   * promise per record. Measured on the 1M-row bench file: see docs/performance.md.
   */
  private async readBatches(batches: AsyncIterable<readonly SourceRecord[]>): Promise<void> {
    const iterator = batches[Symbol.asyncIterator]();
    try {
      for (;;) {
        const waited = performance.now();
        const next = await iterator.next();
        this.timings.read += performance.now() - waited;
        if (next.done) return;
        const batch = next.value;
        for (let i = 0; i < batch.length; i++) {
          const taken = this.take(batch[i] as SourceRecord);
          if (taken === STOP || (taken !== undefined && (await taken) === STOP)) return;
          if ((this.counts.recordsRead & 1023) === 0) await this.slice();
        }
      }
    } finally {
      await iterator.return?.();
    }
  }

  private scanKeys = false;
  /** The mapped cells' checks (no transformation): for the reading thread, and for rows it did not check. */
  private rowChecks: RowCheckSpec | undefined;
  private limit = Number.POSITIVE_INFINITY;

  /**
   * One source record: transformed (when there is a transformation) and its rows processed. Returns
   * STOP when the limit is reached, and a promise only when something had to be awaited (a JSONata
   * evaluation), so a plain csv row or a fast-path transformation costs no promise.
   */
  private take(record: SourceRecord): typeof STOP | Promise<unknown> | undefined {
    if (this.produced >= this.limit) {
      this.limited = true;
      return STOP;
    }
    this.counts.recordsRead++;
    const transformation = this.prepared?.transformation;
    if (!transformation) {
      this.produced++;
      const row = new SourceRow(record);
      if (this.scanKeys) this.cache.addKeys(row.values);
      return this.accept(row);
    }
    const began = performance.now();
    const ran = transformation.run(record);
    if (ran instanceof Promise) {
      return ran.then((outcome) => {
        this.timings.transform += performance.now() - began;
        return this.takeRows(record, outcome);
      });
    }
    // The path-object fast path answers synchronously: no promise per record then.
    this.timings.transform += performance.now() - began;
    return this.takeRows(record, ran);
  }

  /** The rows a transformation made of one record. */
  private takeRows(record: SourceRecord, outcome: RecordOutcome): typeof STOP | Promise<unknown> | undefined {
    this.reportTransform(record, outcome);
    return this.takeRowsFrom(record, outcome.rows, 0);
  }

  /**
   * The record's rows from `from` on, synchronously while no row's mapping awaits (the usual case);
   * a row that does (a JSONata mapping expression) continues the rest after it.
   */
  private takeRowsFrom(
    record: SourceRecord,
    rows: readonly Row[],
    from: number,
  ): typeof STOP | Promise<unknown> | undefined {
    for (let i = from; i < rows.length; i++) {
      if (this.produced >= this.limit) {
        this.limited = true;
        return STOP;
      }
      this.produced++;
      const values = rows[i] as Row;
      this.cache.addKeys(values);
      const pending = this.accept({ values, row: this.produced, line: record.line, record: record.index });
      if (pending) return pending.then(() => this.takeRowsFrom(record, rows, i + 1));
    }
    this.checkThreshold();
    return undefined;
  }

  private reportTransform(record: SourceRecord, outcome: RecordOutcome): void {
    const prepared = this.prepared as Prepared;
    const recordIsRow = this.input.config.source.format === 'csv' || this.input.config.source.format === 'tsv';
    if (outcome.failure) {
      const failure = outcome.failure;
      const location = recordLocation(this.input.sourcePath, record, recordIsRow);
      this.sink.add('E0012', () => runtimeProblem(failure, record, location, prepared.guardrails));
      this.counts.rowsWithErrors++;
      // A runaway expression would run away on every record: stop rather than spend the timeout on each.
      if (isGuardrailFailure(failure)) throw new StopRun();
    }
    for (const error of outcome.shapeErrors) {
      const location = recordLocation(this.input.sourcePath, record, recordIsRow);
      this.sink.add('E0013', () => shapeProblem(error, record, location));
      this.counts.rowsWithErrors++;
    }
  }

  /**
   * A processed row out of the transformation: kept for the sort, or processed at once. Returns a
   * promise only when a JSONata mapping expression ran, so a plain csv row costs no promise.
   */
  private accept(row: ProcessedRow): Promise<void> | undefined {
    if (this.prepared?.sort) {
      this.sorting.push(row);
      return undefined;
    }
    if (!this.columnsChecked) this.checkColumns();
    return this.process(row);
  }

  private readonly sorting: ProcessedRow[] = [];

  private async sortAndProcess(prepared: Prepared): Promise<void> {
    const spec = prepared.sort;
    if (!spec) return;
    this.checkSortColumn(prepared);
    this.checkColumns();
    const began = performance.now();
    sortRows(this.sorting, spec);
    this.timings.cache += performance.now() - began;
    for (let i = 0; i < this.sorting.length; i++) {
      const pending = this.process(this.sorting[i] as ProcessedRow);
      if (pending) await pending;
      if ((i & 1023) === 1023) await this.slice();
    }
  }

  private checkSortColumn(prepared: Prepared): void {
    const missing = prepared.sort && sortColumnProblem(prepared.sort, this.cache.columns, this.input.configPath);
    if (missing) {
      this.sink.addProblem(missing);
      throw new StopRun();
    }
  }

  private process(row: ProcessedRow): Promise<void> | undefined {
    this.cache.add(row);
    const pending = this.processor?.process(row);
    if (pending) return pending.then(() => this.afterRow());
    this.afterRow();
    return undefined;
  }

  private afterRow(): void {
    if (this.reporter.fatal) {
      this.sink.addProblem(this.reporter.fatal);
      throw new StopRun();
    }
    this.checkThreshold();
  }

  private checkThreshold(): void {
    const prepared = this.prepared;
    if (!prepared || prepared.ignoreThreshold || this.counts.rowsWithErrors < prepared.threshold) return;
    this.thresholdReached = true;
    const rows = this.counts.rowsWithErrors;
    this.sink.add('E0037', () =>
      problem(
        'E0037',
        `Stopped after ${rows.toLocaleString('en-US')} rows with errors (errorThreshold ${prepared.threshold}), at row ${this.counts.rowsProcessed.toLocaleString('en-US')}.`,
        [{ file: this.input.configPath, pointer: pointer('runOptions', 'errorThreshold') }],
      ),
    );
    throw new StopRun();
  }

  /** E0008 (stops the run) and, for csv headers, E0038: once, when the processed columns are first known. */
  private checkColumns(): void {
    if (this.columnsChecked) return;
    this.columnsChecked = true;
    const columns = this.cache.columns;
    const idColumn = this.input.config.personMatching.idColumn;
    if (!columns.has(idColumn)) {
      const suggestion = didYouMean(idColumn, columns);
      this.sink.add('E0008', () =>
        problem(
          'E0008',
          `ID column '${idColumn}' not found.${didYouMeanText(suggestion)}`,
          [{ file: this.input.configPath, pointer: pointer('personMatching', 'idColumn') }],
          suggestion === undefined ? undefined : { data: { suggestion } },
        ),
      );
      throw new StopRun();
    }
    if (!this.prepared?.transformation) {
      for (const mapping of this.prepared?.mappings ?? []) checkMappingColumns(mapping, columns, this.sink);
    }
  }

  /** Lets the event loop run now and then: abort signals, progress, other requests of the server. */
  private async slice(): Promise<void> {
    const now = performance.now();
    if (now - this.lastSlice < SLICE_MS) return;
    this.options.onProgress?.(this.prepared?.sort ? this.produced : this.counts.rowsProcessed);
    await new Promise<void>((resolve) => setTimeout(resolve, 0));
    this.lastSlice = performance.now();
    this.options.signal?.throwIfAborted();
  }

  private result(started: number): DryRunResult {
    const planCounts: Record<string, PlanCounts> = {};
    for (const mapping of this.prepared?.mappings ?? []) {
      planCounts[mapping.formId] = { create: 0, update: 0, unchanged: 0, skip: 0 };
    }
    const keep = this.order.keep;
    const plan: DryRunResult['plan'] = [];
    let planTotal = 0;
    for (const group of this.order.groups) {
      if (!PlanOrder.listed(group)) continue;
      const counts = planCounts[group.planner.mapping.formId];
      if (counts) counts[group.planner.actionOf(group)]++;
      planTotal++;
      if (plan.length < keep) plan.push(group.planner.entry(group));
    }
    this.counts.plan = planCounts;
    this.processor?.writeTimings(this.timings);
    this.timings.total = performance.now() - started;
    const sink = this.sink;
    const status =
      this.failed || this.thresholdReached
        ? 'Failed'
        : sink.errors + sink.warnings > 0
          ? 'Complete with issues'
          : 'Complete';
    return {
      status,
      alias: this.input.config.alias,
      counts: this.counts,
      cache: this.cache.result(),
      plan,
      planTotal,
      problems: sink.kept,
      problemTotals: sink.totals,
      problemsPerCode: sink.perCode,
      timings: this.timings,
      errorThreshold: {
        threshold: this.prepared?.threshold ?? this.input.config.runOptions?.errorThreshold ?? 500,
        ignored: this.prepared?.ignoreThreshold ?? false,
        reached: this.thresholdReached,
      },
      limited: this.limited,
    };
  }
}
