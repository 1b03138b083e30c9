/**
 * The Store on SQLite, through a SqlConnection (the Node adapter gives the WebAssembly build).
 * Pure engine code: SQL in, plain data out. Every multi-statement change is one transaction.
 */
import { problem } from '../errors/catalog';
import { type Problem, ProblemError } from '../errors/problem';
import type { CachedRow, FieldChange, PlanCounts, RunCounts, Scalar } from '../model/result';
import type { SandboxPerson, SandboxRecord } from '../model/workspace';
import { SCHEMA_VERSION, schemaSql } from './schema';
import type { SqlConnection, SqlRow, SqlValue } from './sqlConnection';
import type { NewRun, RecordWrite, RunOutcome, Store, StoreSeed } from './store';
import type {
  CachePage,
  CacheQuery,
  ChangedRecord,
  ChangeQuery,
  ExecutionStatus,
  Page,
  PageQuery,
  RunFile,
  RunParameters,
  RunProblem,
  RunSummary,
  RunsQuery,
  RunType,
} from './types';

/** Writes per chunk of the apply loop; between chunks the event loop runs (progress, an editor's UI). */
const APPLY_CHUNK = 2000;
const DEFAULT_PAGE = 100;
const MAX_PAGE = 1000;

const emptyPlan = (): PlanCounts => ({ create: 0, update: 0, unchanged: 0, skip: 0 });

export class SqliteStore implements Store {
  constructor(
    private readonly db: SqlConnection,
    readonly location: string,
  ) {}

  /**
   * Creates the tables of a new store and checks the version of an existing one. Throws a
   * ProblemError (E0045) for a file that is not a store this version can read.
   */
  static prepare(db: SqlConnection, location: string): SqliteStore {
    let version: number;
    try {
      version = Number(db.get('PRAGMA user_version')?.user_version ?? 0);
    } catch (error) {
      throw unreadable(location, error);
    }
    if (version > SCHEMA_VERSION) {
      throw new ProblemError(
        problem(
          'E0045',
          `Cannot open the store '${location}': it was written by a newer Import Studio (schema ${version}, this one reads ${SCHEMA_VERSION}).`,
          [{ file: location }],
        ),
      );
    }
    try {
      if (version < SCHEMA_VERSION) {
        db.exec('BEGIN');
        db.exec(schemaSql);
        db.exec(`PRAGMA user_version = ${SCHEMA_VERSION}`);
        db.exec('COMMIT');
      }
    } catch (error) {
      if (db.inTransaction) db.exec('ROLLBACK');
      throw unreadable(location, error);
    }
    return new SqliteStore(db, location);
  }

  /**
   * Marks runs left Pending or Running as Failed (E0046). Only the process holding the store may
   * call this, and it holds it alone: a run still Running then belongs to a process that died, and
   * its uncommitted writes were already rolled back by SQLite's recovery.
   */
  recoverInterrupted(at: string): number[] {
    const stale = this.db.all("SELECT id FROM runs WHERE status IN ('Pending', 'Running') ORDER BY id");
    const ids = stale.map((r) => Number(r.id));
    if (ids.length === 0) return ids;
    this.transaction(() => {
      for (const id of ids) {
        const message = `Run ${id} was interrupted before it committed: nothing was applied.`;
        this.db.run(
          `UPDATE runs SET status = 'Failed', finished_at = ?, message = ?, errors = errors + 1,
             problem_totals = json_set(problem_totals, '$.E0046', 1),
             duration_ms = CAST((julianday(?) - julianday(COALESCE(started_at, queued_at))) * 86400000 AS INTEGER)
           WHERE id = ?`,
          [at, message, at, id],
        );
        this.db.run(
          `INSERT INTO run_problems (run_id, seq, code, severity, message) VALUES (?, 1 + (SELECT COUNT(*) FROM run_problems WHERE run_id = ?), 'E0046', 'error', ?)`,
          [id, id, message],
        );
      }
    });
    return ids;
  }

  async isSeeded(): Promise<boolean> {
    return this.db.get("SELECT value FROM meta WHERE key = 'seededAt'") !== undefined;
  }

  async reset(seed: StoreSeed): Promise<void> {
    this.transaction(() => {
      for (const table of [
        'run_files',
        'run_changes',
        'run_cache',
        'run_problems',
        'runs',
        'records',
        'people',
        'meta',
      ]) {
        this.db.exec(`DELETE FROM ${table}`);
      }
      const person = this.db.prepare('INSERT INTO people (person_id, data) VALUES (?, ?)');
      const record = this.db.prepare(
        'INSERT INTO records (id, form, person, key, locked, vals, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
      );
      try {
        for (const p of seed.people) person.run([p.personId, JSON.stringify(p)]);
        for (const r of seed.records) {
          record.run([
            r.id,
            r.form,
            r.person,
            r.key ?? null,
            r.locked === true ? 1 : 0,
            JSON.stringify(r.values),
            r.lastModified,
            r.lastModified,
          ]);
        }
      } finally {
        person.finalize();
        record.finalize();
      }
      this.db.run("INSERT INTO meta (key, value) VALUES ('seededAt', ?)", [seed.at]);
    });
  }

  async people(): Promise<SandboxPerson[]> {
    return this.db.all('SELECT data FROM people ORDER BY ord').map((r) => JSON.parse(text(r.data)) as SandboxPerson);
  }

  async records(): Promise<SandboxRecord[]> {
    return this.db
      .all('SELECT id, form, person, key, locked, vals, updated_at FROM records ORDER BY ord')
      .map((r): SandboxRecord => {
        const record: SandboxRecord = {
          id: text(r.id),
          form: text(r.form),
          person: text(r.person),
          values: JSON.parse(text(r.vals)) as Record<string, unknown>,
          lastModified: text(r.updated_at),
        };
        if (r.key !== null) record.key = text(r.key);
        if (r.locked === 1) record.locked = true;
        return record;
      });
  }

  async queueRun(run: NewRun): Promise<number> {
    const result = this.db.run(
      `INSERT INTO runs (alias, name, type, status, user, queued_at, started_at, parameters, applied)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      [
        run.alias,
        run.name,
        run.type,
        run.status,
        run.user,
        run.at,
        run.status === 'Running' ? run.at : null,
        JSON.stringify(run.parameters),
        JSON.stringify(emptyPlan()),
      ],
    );
    return result.lastInsertRowid;
  }

  async startRun(id: number, at: string): Promise<void> {
    const { changes } = this.db.run(
      "UPDATE runs SET status = 'Running', started_at = ? WHERE id = ? AND status = 'Pending'",
      [at, id],
    );
    if (changes !== 1) throw new Error(`Run ${id} is not pending.`);
  }

  async finishRun(id: number, outcome: RunOutcome, onProgress?: (done: number, total: number) => void): Promise<void> {
    const db = this.db;
    db.exec('BEGIN IMMEDIATE');
    try {
      await this.applyWrites(id, outcome.writes, outcome.finishedAt, onProgress);
      this.insertProblems(id, outcome.problems);
      if (outcome.cache) this.insertCache(id, outcome.cache.rows);
      if (outcome.file)
        db.run('INSERT INTO run_files (run_id, name, bytes) VALUES (?, ?, ?)', [
          id,
          outcome.file.name,
          outcome.file.bytes,
        ]);
      const { changes } = db.run(
        `UPDATE runs SET status = ?, finished_at = ?, duration_ms = ?, counts = ?, applied = ?, records_changed = ?,
           errors = ?, warnings = ?, problem_totals = ?, message = ?, cache_columns = ?, cache_total = ?
         WHERE id = ? AND status = 'Running'`,
        [
          outcome.status,
          outcome.finishedAt,
          Math.round(outcome.durationMs),
          outcome.counts ? JSON.stringify(outcome.counts) : null,
          JSON.stringify(outcome.applied),
          outcome.writes.length,
          outcome.errors,
          outcome.warnings,
          JSON.stringify(outcome.problemTotals),
          outcome.message,
          outcome.cache ? JSON.stringify(outcome.cache.columns) : null,
          outcome.cache ? outcome.cache.total : null,
          id,
        ],
      );
      if (changes !== 1) throw new Error(`Run ${id} is not running.`);
      db.exec('COMMIT');
    } catch (error) {
      if (db.inTransaction) db.exec('ROLLBACK');
      throw error;
    }
  }

  private async applyWrites(
    runId: number,
    writes: readonly RecordWrite[],
    at: string,
    onProgress: ((done: number, total: number) => void) | undefined,
  ): Promise<void> {
    const create = this.db.prepare(
      `INSERT INTO records (id, form, person, key, locked, vals, created_at, updated_at, created_by_run, updated_by_run)
       VALUES (?, ?, ?, ?, 0, ?, ?, ?, ?, ?)`,
    );
    // `locked = 0`: the planner never updates a locked record; if it ever did, the run fails whole.
    const update = this.db.prepare(
      'UPDATE records SET vals = ?, updated_at = ?, updated_by_run = ? WHERE id = ? AND locked = 0',
    );
    const change = this.db.prepare(
      'INSERT INTO run_changes (run_id, seq, record_id, form, person, key, action, fields) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
    );
    try {
      onProgress?.(0, writes.length);
      for (let i = 0; i < writes.length; i++) {
        const w = writes[i] as RecordWrite;
        const vals = JSON.stringify(w.values);
        if (w.action === 'create') create.run([w.id, w.form, w.person, w.key, vals, at, at, runId, runId]);
        else if (update.run([vals, at, runId, w.id]).changes !== 1) {
          throw new Error(`Record ${w.id} is locked or gone: the run was not applied.`);
        }
        change.run([runId, i + 1, w.id, w.form, w.person, w.key, w.action, JSON.stringify(w.changed)]);
        if ((i + 1) % APPLY_CHUNK === 0) {
          onProgress?.(i + 1, writes.length);
          await new Promise<void>((resolve) => setTimeout(resolve, 0));
        }
      }
      onProgress?.(writes.length, writes.length);
    } finally {
      create.finalize();
      update.finalize();
      change.finalize();
    }
  }

  private insertProblems(runId: number, problems: readonly Problem[]): void {
    const insert = this.db.prepare(
      `INSERT INTO run_problems (run_id, seq, code, severity, message, file, line, row_number, column_name)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    try {
      problems.forEach((p, i) => {
        const at = p.locations[0];
        insert.run([
          runId,
          i + 1,
          p.code,
          p.severity,
          p.message,
          at?.file ?? null,
          at?.range ? at.range.start.line + 1 : null,
          at?.row ?? null,
          at?.column ?? null,
        ]);
      });
    } finally {
      insert.finalize();
    }
  }

  private insertCache(runId: number, rows: readonly CachedRow[]): void {
    const insert = this.db.prepare('INSERT INTO run_cache (run_id, row_number, line, vals) VALUES (?, ?, ?, ?)');
    try {
      for (const r of rows) insert.run([runId, r.row, r.line, JSON.stringify(r.values)]);
    } finally {
      insert.finalize();
    }
  }

  async runs(query: RunsQuery = {}): Promise<RunSummary[]> {
    const where: string[] = [];
    const params: SqlValue[] = [];
    if (query.since !== undefined) {
      where.push('queued_at >= ?');
      params.push(query.since);
    }
    if (query.alias !== undefined) {
      where.push('alias = ?');
      params.push(query.alias);
    }
    const sql = `SELECT * FROM runs ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY id DESC LIMIT ?`;
    return this.db.all(sql, [...params, query.limit ?? -1]).map(summaryOf);
  }

  async run(id: number): Promise<RunSummary | undefined> {
    const row = this.db.get('SELECT * FROM runs WHERE id = ?', [id]);
    return row ? summaryOf(row) : undefined;
  }

  async problems(id: number, query: PageQuery = {}): Promise<Page<RunProblem>> {
    const { offset, limit } = paging(query);
    const total = count(this.db.get('SELECT COUNT(*) AS n FROM run_problems WHERE run_id = ?', [id]));
    const items = this.db
      .all('SELECT * FROM run_problems WHERE run_id = ? ORDER BY seq LIMIT ? OFFSET ?', [id, limit, offset])
      .map((r): RunProblem => ({
        seq: Number(r.seq),
        code: text(r.code) as RunProblem['code'],
        severity: text(r.severity) as RunProblem['severity'],
        message: text(r.message),
        file: nullableText(r.file),
        line: nullableNumber(r.line),
        row: nullableNumber(r.row_number),
        column: nullableText(r.column_name),
      }));
    return { items, total, offset, limit };
  }

  async cache(id: number, query: CacheQuery = {}): Promise<CachePage> {
    const { offset, limit } = paging(query);
    const run = this.db.get('SELECT cache_columns FROM runs WHERE id = ?', [id]);
    const columns = run?.cache_columns ? (JSON.parse(text(run.cache_columns)) as string[]) : [];
    const where = ['run_id = ?'];
    const params: SqlValue[] = [id];
    const filter = query.filter?.trim();
    if (filter) {
      const index = query.column === undefined ? -1 : columns.indexOf(query.column);
      if (query.column !== undefined && index < 0) return { columns, items: [], total: 0, offset, limit };
      // json_each walks the row's values; CAST makes numbers and booleans searchable as text.
      where.push(
        `EXISTS (SELECT 1 FROM json_each(run_cache.vals) AS v WHERE ${index >= 0 ? 'v.key = ? AND ' : ''}instr(lower(CAST(v.value AS TEXT)), lower(?)) > 0)`,
      );
      if (index >= 0) params.push(index);
      params.push(filter);
    }
    const clause = where.join(' AND ');
    const total = count(this.db.get(`SELECT COUNT(*) AS n FROM run_cache WHERE ${clause}`, params));
    const items = this.db
      .all(`SELECT row_number, line, vals FROM run_cache WHERE ${clause} ORDER BY row_number LIMIT ? OFFSET ?`, [
        ...params,
        limit,
        offset,
      ])
      .map((r): CachedRow => ({
        row: Number(r.row_number),
        line: Number(r.line),
        values: JSON.parse(text(r.vals)) as Scalar[],
      }));
    return { columns, items, total, offset, limit };
  }

  async changes(id: number, query: ChangeQuery = {}): Promise<Page<ChangedRecord>> {
    const { offset, limit } = paging(query);
    const where = ['run_id = ?'];
    const params: SqlValue[] = [id];
    for (const [column, value] of [
      ['action', query.action],
      ['form', query.form],
      ['person', query.person],
    ] as const) {
      if (value === undefined) continue;
      where.push(`${column} = ?`);
      params.push(value);
    }
    const clause = where.join(' AND ');
    const total = count(this.db.get(`SELECT COUNT(*) AS n FROM run_changes WHERE ${clause}`, params));
    const items = this.db
      .all(`SELECT * FROM run_changes WHERE ${clause} ORDER BY seq LIMIT ? OFFSET ?`, [...params, limit, offset])
      .map((r): ChangedRecord => ({
        recordId: text(r.record_id),
        form: text(r.form),
        person: text(r.person),
        key: nullableText(r.key),
        action: text(r.action) as ChangedRecord['action'],
        fields: JSON.parse(text(r.fields)) as FieldChange[],
      }));
    return { items, total, offset, limit };
  }

  async file(id: number): Promise<RunFile | undefined> {
    const row = this.db.get('SELECT name, bytes FROM run_files WHERE run_id = ?', [id]);
    if (!row || !(row.bytes instanceof Uint8Array)) return undefined;
    return { name: text(row.name), bytes: row.bytes };
  }

  async close(): Promise<void> {
    this.db.close();
  }

  private transaction(body: () => void): void {
    this.db.exec('BEGIN IMMEDIATE');
    try {
      body();
      this.db.exec('COMMIT');
    } catch (error) {
      if (this.db.inTransaction) this.db.exec('ROLLBACK');
      throw error;
    }
  }
}

function unreadable(location: string, error: unknown): ProblemError {
  const why = error instanceof Error ? error.message : String(error);
  return new ProblemError(problem('E0045', `Cannot open the store '${location}': ${why}.`, [{ file: location }]));
}

function paging(query: PageQuery): { offset: number; limit: number } {
  const offset = Math.max(0, Math.floor(query.offset ?? 0));
  const limit = Math.min(MAX_PAGE, Math.max(1, Math.floor(query.limit ?? DEFAULT_PAGE)));
  return { offset, limit };
}

function summaryOf(r: SqlRow): RunSummary {
  return {
    id: Number(r.id),
    alias: text(r.alias),
    name: text(r.name),
    type: text(r.type) as RunType,
    status: text(r.status) as ExecutionStatus,
    user: text(r.user),
    queuedAt: text(r.queued_at),
    startedAt: nullableText(r.started_at),
    finishedAt: nullableText(r.finished_at),
    durationMs: nullableNumber(r.duration_ms),
    parameters: JSON.parse(text(r.parameters)) as RunParameters,
    counts: r.counts === null ? null : (JSON.parse(text(r.counts)) as RunCounts),
    applied: r.applied === null ? emptyPlan() : (JSON.parse(text(r.applied)) as PlanCounts),
    recordsChanged: Number(r.records_changed),
    errors: Number(r.errors),
    warnings: Number(r.warnings),
    problemTotals: JSON.parse(text(r.problem_totals)) as RunSummary['problemTotals'],
    message: nullableText(r.message),
  };
}

function text(v: SqlValue | undefined): string {
  return v === null || v === undefined ? '' : typeof v === 'string' ? v : String(v);
}

function nullableText(v: SqlValue | undefined): string | null {
  return v === null || v === undefined ? null : text(v);
}

function nullableNumber(v: SqlValue | undefined): number | null {
  return v === null || v === undefined ? null : Number(v);
}

function count(row: SqlRow | undefined): number {
  return Number(row?.n ?? 0);
}
