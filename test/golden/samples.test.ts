/**
 * Golden dry runs of the good samples: each import's counts and problem totals must equal
 * samples/.tools/expected-dry-run.json (what the generator built the data to give), and a digest
 * of each result must equal its reviewed snapshot in snapshots/<alias>.json (UPDATE_GOLDEN=1
 * rewrites the snapshots).
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import type { PlanCounts } from '../../engine/src/model/result';
import { digest, expectRunCodes, matchSnapshot, runImport, samplesRoot, totals, workspaceAt } from './golden';

interface Expectation {
  recordsRead: number;
  rowsProcessed: number;
  plan: Record<string, PlanCounts>;
  problems: Record<string, number>;
}
const expected = JSON.parse(readFileSync(join(samplesRoot, '.tools/expected-dry-run.json'), 'utf8')) as Record<
  string,
  Expectation
>;

/** The aliases the expectations name; the first test checks that they are exactly the workspace's imports. */
const aliases = Object.keys(expected).sort();

describe('golden: samples/ dry runs', () => {
  it('loads the good workspace without problems, with one expectation per import', async () => {
    const ws = await workspaceAt(samplesRoot);
    assert.deepEqual(
      ws.problems.map((p) => `${p.code} ${p.message}`),
      [],
    );
    const imported = ws.imports.map((d) => d.value?.alias ?? d.relativePath).sort();
    assert.deepEqual(imported, aliases);
  });

  for (const alias of aliases) {
    it(`${alias}: counts and problems equal expected-dry-run.json, digest equals its snapshot`, async () => {
      const ws = await workspaceAt(samplesRoot);
      const doc = ws.imports.find((d) => d.value?.alias === alias);
      assert.ok(doc, `no import ${alias}`);
      const result = await runImport(ws, doc);
      const want = expected[alias]!;
      assert.equal(result.counts.recordsRead, want.recordsRead, 'recordsRead');
      assert.equal(result.counts.rowsProcessed, want.rowsProcessed, 'rowsProcessed');
      assert.deepEqual(result.counts.plan, want.plan, 'plan per form');
      assert.deepEqual(totals(result), want.problems, 'problem totals per code');
      assert.equal(result.limited, false, 'the samples run in full (dryRun.rowLimit 0)');
      // The `# expect-run:` lines of the import file name the same codes the expectation counts.
      assert.deepEqual([...new Set(expectRunCodes(doc.text))].sort(), Object.keys(want.problems).sort());
      matchSnapshot(alias, digest(result));
    });
  }
});
