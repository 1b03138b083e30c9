/**
 * The little of an SQLite connection the store uses, so that sqliteStore.ts stays pure engine code
 * and the Node adapter (nodeSqliteStore.ts) is the only file that knows the WebAssembly build.
 * Synchronous, as SQLite is: one call is one statement run to completion.
 */
export type SqlValue = string | number | null | Uint8Array;
export type SqlRow = Record<string, SqlValue>;

export interface SqlStatement {
  run(params: readonly SqlValue[]): { changes: number };
  finalize(): void;
}

export interface SqlConnection {
  /** Runs one or more statements without parameters. */
  exec(sql: string): void;
  run(sql: string, params?: readonly SqlValue[]): { changes: number; lastInsertRowid: number };
  all(sql: string, params?: readonly SqlValue[]): SqlRow[];
  get(sql: string, params?: readonly SqlValue[]): SqlRow | undefined;
  /** A statement run many times (the apply loop); the caller finalizes it. */
  prepare(sql: string): SqlStatement;
  readonly inTransaction: boolean;
  close(): void;
}
