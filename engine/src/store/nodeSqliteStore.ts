/**
 * The Node adapter of the store: SQLite compiled to WebAssembly (node-sqlite3-wasm, no native
 * module, so it also loads in VS Code's extension host), persisted to one file, and the owner file
 * that lets one process at a time hold it. The only store module that imports node: modules.
 *
 * Why an owner file on top of SQLite's own locking: node-sqlite3-wasm locks with a `<db>.lock`
 * directory that a killed process leaves behind, and then every later open is "database is
 * locked" forever. The owner file names the holder's pid, so a holder that died is recognised and
 * its leftovers (owner file, lock directory) are cleared; SQLite's WAL recovery then drops the
 * dead run's uncommitted writes. See ARCHITECTURE.md, "The store", for the measurements.
 *
 * The database runs in WAL mode with EXCLUSIVE locking: the rollback journal is not safe with this
 * VFS (its hot-journal check sees the opener's own lock directory, so a journal left by a kill is
 * never rolled back and the file reads as malformed), while WAL recovery needs no lock check and
 * exclusive locking needs no shared memory, which the VFS lacks.
 */
import { hostname } from 'node:os';
import { dirname } from 'node:path';
import { linkSync, mkdirSync, readFileSync, rmdirSync, unlinkSync, writeFileSync } from 'node:fs';
import { Database } from 'node-sqlite3-wasm';
import { problem } from '../errors/catalog';
import { ProblemError } from '../errors/problem';
import type { SqlConnection, SqlRow, SqlStatement, SqlValue } from './sqlConnection';
import { SqliteStore } from './sqliteStore';

/** Who holds a store: written to `<db>.owner` while a process has it open. */
export interface StoreOwner {
  pid: number;
  host: string;
  /** What the holder is doing, e.g. "import-studio run term-grades". */
  purpose: string;
  /** ISO instant the holder opened the store. */
  since: string;
}

export interface OpenStoreOptions {
  /** Shown to anyone refused meanwhile. */
  purpose: string;
  /** How long to wait for another holder to let go; 0 (the default) refuses at once with E0044. */
  waitMs?: number;
  /** ISO instant used for marking interrupted runs (tests pin it). */
  now?: () => string;
}

export interface OpenedStore {
  store: SqliteStore;
  /** Runs found Pending or Running from a process that died, now marked Failed (E0046). */
  recovered: number[];
}

const POLL_MS = 100;

/** Opens (creating if needed) the store at `file` for this process alone. */
export async function openNodeStore(file: string, options: OpenStoreOptions): Promise<OpenedStore> {
  mkdirSync(dirname(file), { recursive: true });
  const owner: StoreOwner = {
    pid: process.pid,
    host: hostname(),
    purpose: options.purpose,
    since: new Date().toISOString(),
  };
  await acquire(file, owner, options.waitMs ?? 0);
  const release = () => releaseOwner(file, owner);
  process.once('exit', release);
  let db: Database | undefined;
  try {
    // We hold the owner file, so a lock directory now is a dead holder's: clear it or SQLite is locked forever.
    removeLockDirectory(file);
    db = new Database(file);
    db.exec('PRAGMA locking_mode = EXCLUSIVE');
    const mode = db.get('PRAGMA journal_mode = WAL')?.journal_mode;
    if (mode !== 'wal') throw new Error(`journal mode is ${String(mode)}, not wal`);
    db.exec('PRAGMA synchronous = FULL');
    db.exec('PRAGMA foreign_keys = ON');
    const connection = wrap(db, () => {
      process.removeListener('exit', release);
      release();
    });
    const store = SqliteStore.prepare(connection, file);
    const recovered = store.recoverInterrupted(options.now?.() ?? new Date().toISOString());
    return { store, recovered };
  } catch (error) {
    try {
      db?.close();
    } catch {
      // Closing a database that failed to open can fail too; the owner file is what matters.
    }
    process.removeListener('exit', release);
    release();
    if (error instanceof ProblemError) throw error;
    const why = error instanceof Error ? error.message : String(error);
    throw new ProblemError(problem('E0045', `Cannot open the store '${file}': ${why}.`, [{ file }]));
  }
}

/** The live holder of the store at `file`, if any (the dashboard shows it instead of waiting). */
export function storeOwner(file: string): StoreOwner | undefined {
  const owner = readOwner(ownerPath(file));
  return owner && !isDead(owner) ? owner : undefined;
}

function ownerPath(file: string): string {
  return `${file}.owner`;
}

async function acquire(file: string, owner: StoreOwner, waitMs: number): Promise<void> {
  const path = ownerPath(file);
  const temp = `${path}.${process.pid}.tmp`;
  const deadline = Date.now() + waitMs;
  writeFileSync(temp, JSON.stringify(owner));
  try {
    for (;;) {
      try {
        // link() is atomic and refuses an existing name: the owner file appears whole or not at all.
        linkSync(temp, path);
        return;
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      }
      const holder = readOwner(path);
      if (holder === undefined || isDead(holder)) {
        clearStale(path, holder);
        continue;
      }
      if (Date.now() >= deadline) throw busy(file, holder);
      await new Promise<void>((resolve) => setTimeout(resolve, POLL_MS));
    }
  } finally {
    unlinkSync(temp);
  }
}

function busy(file: string, holder: StoreOwner): ProblemError {
  const where = holder.host === hostname() ? `pid ${holder.pid}` : `pid ${holder.pid} on ${holder.host}`;
  return new ProblemError(
    problem(
      'E0044',
      `The store ${file} is in use by '${holder.purpose}' (${where}) since ${holder.since}.`,
      [{ file }],
      {
        data: { owner: holder },
      },
    ),
  );
}

function readOwner(path: string): StoreOwner | undefined {
  try {
    const parsed = JSON.parse(readFileSync(path, 'utf8')) as Partial<StoreOwner>;
    if (typeof parsed.pid !== 'number' || typeof parsed.host !== 'string') return undefined;
    return {
      pid: parsed.pid,
      host: parsed.host,
      purpose: String(parsed.purpose ?? ''),
      since: String(parsed.since ?? ''),
    };
  } catch {
    return undefined;
  }
}

/** Dead only when provably so: a holder on another host (a shared folder) is never taken over. */
function isDead(owner: StoreOwner): boolean {
  if (owner.host !== hostname()) return false;
  if (owner.pid === process.pid) return false;
  try {
    process.kill(owner.pid, 0);
    return false;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ESRCH';
  }
}

/**
 * Removes a dead holder's owner file, re-reading it first so that a live process that took the
 * store over in the meantime keeps it (the window left is the few microseconds between the read
 * and the unlink; two processes taking over the same dead holder at that instant is the one race
 * this design accepts).
 */
function clearStale(path: string, seen: StoreOwner | undefined): void {
  const now = readOwner(path);
  if (JSON.stringify(now) !== JSON.stringify(seen)) return;
  try {
    unlinkSync(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
}

function releaseOwner(file: string, owner: StoreOwner): void {
  const path = ownerPath(file);
  const current = readOwner(path);
  if (current?.pid !== owner.pid || current.since !== owner.since) return;
  try {
    unlinkSync(path);
  } catch {
    // Already gone: nothing to release.
  }
}

function removeLockDirectory(file: string): void {
  try {
    rmdirSync(`${file}.lock`);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
}

type WasmValue = number | bigint | string | Uint8Array | null;

function fromWasm(row: Record<string, WasmValue>): SqlRow {
  const out: SqlRow = {};
  for (const [key, value] of Object.entries(row)) out[key] = typeof value === 'bigint' ? Number(value) : value;
  return out;
}

function wrap(db: Database, onClose: () => void): SqlConnection {
  const params = (values: readonly SqlValue[] | undefined) => (values ? [...values] : undefined);
  return {
    exec: (sql) => db.exec(sql),
    run(sql, values) {
      const r = db.run(sql, params(values));
      return { changes: r.changes, lastInsertRowid: Number(r.lastInsertRowid) };
    },
    all: (sql, values) => db.all(sql, params(values)).map((r) => fromWasm(r as Record<string, WasmValue>)),
    get(sql, values) {
      const r = db.get(sql, params(values));
      return r ? fromWasm(r as Record<string, WasmValue>) : undefined;
    },
    prepare(sql): SqlStatement {
      const statement = db.prepare(sql);
      return {
        run: (values) => ({ changes: statement.run([...values]).changes }),
        finalize: () => statement.finalize(),
      };
    },
    get inTransaction() {
      return db.inTransaction;
    },
    close() {
      try {
        db.close();
      } finally {
        onClose();
      }
    },
  };
}
