/**
 * The store's tables. `PRAGMA user_version` holds SCHEMA_VERSION: a store written by a newer
 * Import Studio is refused (E0045) rather than misread; an older one is migrated here when the
 * schema changes (there is one version so far).
 *
 * Values are JSON text: records' field values (an object), processed rows (an array lined up with
 * the run's cache columns), changed fields. `ord` columns keep insertion order, which the record
 * planner relies on to break ties between records modified at the same instant.
 */
export const SCHEMA_VERSION = 1;

export const schemaSql = `
CREATE TABLE IF NOT EXISTS meta (
  key TEXT PRIMARY KEY,
  value TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS people (
  ord INTEGER PRIMARY KEY,
  person_id TEXT NOT NULL UNIQUE,
  data TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS records (
  ord INTEGER PRIMARY KEY,
  id TEXT NOT NULL UNIQUE,
  form TEXT NOT NULL,
  person TEXT NOT NULL,
  key TEXT,
  locked INTEGER NOT NULL DEFAULT 0,
  vals TEXT NOT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  created_by_run INTEGER,
  updated_by_run INTEGER
);
CREATE INDEX IF NOT EXISTS records_by_form_person ON records (form, person);
CREATE TABLE IF NOT EXISTS runs (
  id INTEGER PRIMARY KEY,
  alias TEXT NOT NULL,
  name TEXT NOT NULL,
  type TEXT NOT NULL,
  status TEXT NOT NULL,
  user TEXT NOT NULL,
  queued_at TEXT NOT NULL,
  started_at TEXT,
  finished_at TEXT,
  duration_ms INTEGER,
  parameters TEXT NOT NULL,
  counts TEXT,
  applied TEXT,
  records_changed INTEGER NOT NULL DEFAULT 0,
  errors INTEGER NOT NULL DEFAULT 0,
  warnings INTEGER NOT NULL DEFAULT 0,
  problem_totals TEXT NOT NULL DEFAULT '{}',
  message TEXT,
  cache_columns TEXT,
  cache_total INTEGER
);
CREATE INDEX IF NOT EXISTS runs_by_queued ON runs (queued_at);
CREATE TABLE IF NOT EXISTS run_problems (
  run_id INTEGER NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
  seq INTEGER NOT NULL,
  code TEXT NOT NULL,
  severity TEXT NOT NULL,
  message TEXT NOT NULL,
  file TEXT,
  line INTEGER,
  row_number INTEGER,
  column_name TEXT,
  PRIMARY KEY (run_id, seq)
);
CREATE TABLE IF NOT EXISTS run_cache (
  run_id INTEGER NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
  row_number INTEGER NOT NULL,
  line INTEGER NOT NULL,
  vals TEXT NOT NULL,
  PRIMARY KEY (run_id, row_number)
);
CREATE TABLE IF NOT EXISTS run_changes (
  run_id INTEGER NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
  seq INTEGER NOT NULL,
  record_id TEXT NOT NULL,
  form TEXT NOT NULL,
  person TEXT NOT NULL,
  key TEXT,
  action TEXT NOT NULL,
  fields TEXT NOT NULL,
  PRIMARY KEY (run_id, seq)
);
CREATE TABLE IF NOT EXISTS run_files (
  run_id INTEGER PRIMARY KEY REFERENCES runs (id) ON DELETE CASCADE,
  name TEXT NOT NULL,
  bytes BLOB NOT NULL
);
`;
