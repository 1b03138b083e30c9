/**
 * The result counts each group's action with RecordPlanner.actionOf and builds entries only for the
 * ones it keeps; both must agree. With every entry kept, the counts are the tally of the entries.
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import { nodeFileSystem } from '../../engine/src/io/nodeFileSystem';
import type { PlanCounts } from '../../engine/src/model/result';
import { dryRunWorkspaceImport } from '../../engine/src/run/dryRunWorkspaceImport';
import { loadWorkspace } from '../../engine/src/workspace';

const samples = join(import.meta.dirname, '..', '..', 'samples');

test('plan counts equal the tally of the plan entries for every sample import', async () => {
  const workspace = await loadWorkspace(nodeFileSystem, samples);
  assert.equal(workspace.imports.length, 5);
  for (const doc of workspace.imports) {
    const run = await dryRunWorkspaceImport(nodeFileSystem, workspace, doc, { planEntries: Number.MAX_SAFE_INTEGER });
    assert.ok(run.ok);
    const tally: Record<string, PlanCounts> = {};
    for (const e of run.result.plan) {
      tally[e.form] ??= { create: 0, update: 0, unchanged: 0, skip: 0 };
      tally[e.form]![e.action]++;
    }
    assert.equal(run.result.plan.length, run.result.planTotal);
    assert.deepEqual(tally, run.result.counts.plan, doc.relativePath);
  }
});
