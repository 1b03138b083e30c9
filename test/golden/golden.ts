/**
 * Shared helpers of the golden tests: the sample workspaces, a compact digest of a dry-run result
 * and reviewed snapshots of it. The digest leaves out timings and the cache (rows are checked by
 * the counts and the plan entries) so that a snapshot changes only when the outcome does.
 */
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Location, Problem } from '../../engine/src/errors/problem';
import { nodeFileSystem } from '../../engine/src/io/nodeFileSystem';
import type { DryRunResult, PlanAction, PlanCounts, RunStatus } from '../../engine/src/model/result';
import type { ImportConfig } from '../../engine/src/model/workspace';
import { dryRunWorkspaceImport } from '../../engine/src/run/dryRunWorkspaceImport';
import { type LoadedDocument, loadWorkspace, type Workspace } from '../../engine/src/workspace';

export const samplesRoot = join(__dirname, '../../samples');
export const brokenRoot = join(samplesRoot, 'broken');
const snapshotsDir = join(__dirname, 'snapshots');

/** The `# expect-run: CODE` lines of a workspace file, in order. */
export function expectRunCodes(text: string): string[] {
  return [...text.matchAll(/^# expect-run: (E\d{4})\s*$/gm)].map((m) => m[1] ?? '');
}

/** Loads a workspace once per root per test file: loading the samples takes most of a second. */
const loaded = new Map<string, Promise<Workspace>>();
export function workspaceAt(root: string): Promise<Workspace> {
  let ws = loaded.get(root);
  if (!ws) {
    ws = loadWorkspace(nodeFileSystem, root);
    loaded.set(root, ws);
  }
  return ws;
}

/** Dry-runs an import of a loaded workspace; fails the test when the configuration cannot run. */
export async function runImport(ws: Workspace, doc: LoadedDocument<ImportConfig>): Promise<DryRunResult> {
  const run = await dryRunWorkspaceImport(nodeFileSystem, ws, doc);
  if (!run.ok) assert.fail(`${doc.relativePath} did not run: ${run.problems.map((p) => p.message).join(' | ')}`);
  return run.result;
}

/** The import of a workspace by alias; fails when there is none. */
export function importByAlias(ws: Workspace, alias: string): LoadedDocument<ImportConfig> {
  const doc = ws.imports.find((d) => d.value?.alias === alias);
  if (!doc) assert.fail(`no import with alias ${alias} in ${ws.root}`);
  return doc;
}

/** `file:line` (1-based, as editors print it) of a location, or the file alone without a range. */
export function where(location: Location): string {
  return location.range ? `${location.file}:${location.range.start.line + 1}` : location.file;
}

/** Problem totals per code as a plain record with sorted keys, for comparing with expected JSON. */
export function totals(result: DryRunResult): Record<string, number> {
  const out: Record<string, number> = {};
  for (const code of Object.keys(result.problemTotals).sort()) {
    const n = result.problemTotals[code as keyof DryRunResult['problemTotals']];
    if (n !== undefined) out[code] = n;
  }
  return out;
}

export interface PlanEntryDigest {
  action: PlanAction;
  person: string;
  recordId: string | null;
  key: string | null;
  rows: number[];
  /** The fields whose value the import changes. */
  changed: string[];
}

export interface ResultDigest {
  alias: string;
  status: RunStatus;
  counts: {
    recordsRead: number;
    rowsProcessed: number;
    rowsSkipped: number;
    rowsWithErrors: number;
    plan: Record<string, PlanCounts>;
  };
  planTotal: number;
  problemTotals: Record<string, number>;
  problems: { code: string; severity: string; at: string[] }[];
  /** The first PLAN_ENTRIES entries, in the result's order (the order records were first touched). */
  plan: PlanEntryDigest[];
}

const PLAN_ENTRIES = 20;

export function digest(result: DryRunResult): ResultDigest {
  return {
    alias: result.alias,
    status: result.status,
    counts: result.counts,
    planTotal: result.planTotal,
    problemTotals: totals(result),
    problems: result.problems.map((p: Problem) => ({
      code: p.code,
      severity: p.severity,
      at: p.locations.map(where),
    })),
    plan: result.plan.slice(0, PLAN_ENTRIES).map((e) => ({
      action: e.action,
      person: e.person,
      recordId: e.recordId,
      key: e.key,
      rows: e.rows,
      changed: e.fields.filter((f) => f.changed).map((f) => f.field),
    })),
  };
}

/**
 * Compares `value` with the reviewed snapshot `snapshots/<name>.json`. With UPDATE_GOLDEN=1 the
 * snapshot is rewritten instead (review the diff before committing it); a missing snapshot fails,
 * so a new sample cannot pass without one.
 */
export function matchSnapshot(name: string, value: ResultDigest): void {
  const path = join(snapshotsDir, `${name}.json`);
  const text = `${JSON.stringify(value, null, 2)}\n`;
  if (process.env.UPDATE_GOLDEN === '1') {
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, text);
    return;
  }
  let stored: string;
  try {
    stored = readFileSync(path, 'utf8');
  } catch {
    assert.fail(`no snapshot ${path}; run with UPDATE_GOLDEN=1 and review it`);
  }
  // Round-trip the digest through JSON so that both sides are plain data.
  assert.deepEqual(
    JSON.parse(text),
    JSON.parse(stored),
    `${name} differs from its snapshot (UPDATE_GOLDEN=1 rewrites it)`,
  );
}
