/**
 * Executing imports against the real embedded store on disk (node-sqlite3-wasm, files in a temp
 * folder), through the engine functions the CLI and VS Code call: apply, re-apply, the creation
 * modes, locked records, the error threshold, and what the plan hook must keep.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { nodeFileSystem } from '../../engine/src/io/nodeFileSystem';
import { previewRun } from '../../engine/src/execute/runImport';
import { dryRunWorkspaceImport } from '../../engine/src/run/dryRunWorkspaceImport';
import { loadWorkspace } from '../../engine/src/workspace';
import { openWorkspace, recordValues } from './storeHelpers';
import { copySamples, gradesWorkspace } from './workspaces';

describe('a run applies the plan', () => {
  test('term-grades on the samples: the dry run plan lands in the store, changed records hold the new values', async () => {
    const ws = await openWorkspace(copySamples());
    try {
      const before = await ws.store.records();
      assert.equal(before.length, 1320);
      const fall = before.find((r) => r.id === 'R-00107');
      assert.equal(fall?.values.mathGrade, 'C');

      const { summary } = await ws.run('term-grades');
      assert.equal(summary.status, 'Complete with issues');
      assert.deepEqual(summary.applied, { create: 444, update: 142, unchanged: 148, skip: 1 });
      assert.equal(summary.recordsChanged, 444 + 142);
      assert.equal(summary.user, 'tester');
      assert.equal(summary.type, 'manual');
      assert.ok(summary.durationMs !== null && summary.durationMs >= 0);

      const after = await ws.store.records();
      assert.equal(after.length, 1320 + 444);
      const updated = after.find((r) => r.id === 'R-00107');
      assert.equal(updated?.values.mathGrade, 'B');
      // Fields the file does not fill stay as they were.
      assert.equal(updated?.values.term, 'Fall');
      const created = after.filter((r) => r.id.startsWith(`R-${summary.id}-`));
      assert.equal(created.length, 444);
      assert.ok(created.every((r) => r.key !== undefined && r.values.term === r.key));
    } finally {
      await ws.store.close();
    }
  });

  test('running the same file again changes nothing: every update comes out unchanged', async () => {
    const ws = await openWorkspace(copySamples());
    try {
      await ws.run('term-grades');
      const snapshot = await recordValues(ws.store);
      const { summary } = await ws.run('term-grades');
      assert.deepEqual(summary.applied, { create: 0, update: 0, unchanged: 734, skip: 1 });
      assert.equal(summary.recordsChanged, 0);
      assert.deepEqual(await recordValues(ws.store), snapshot);
      assert.equal((await ws.store.changes(summary.id)).total, 0);
      // The same holds for a json import with a repeater and for an xml one.
      for (const alias of ['emergency-contacts', 'assessments']) {
        await ws.run(alias);
        const again = await ws.run(alias);
        assert.equal(again.summary.applied.create + again.summary.applied.update, 0, alias);
      }
    } finally {
      await ws.store.close();
    }
  });

  test('--person and --forms limit what a run writes', async () => {
    const ws = await openWorkspace(copySamples());
    try {
      const { summary } = await ws.run('term-grades', { person: 'P10022' });
      assert.equal(summary.parameters.person, 'P10022');
      const changes = await ws.store.changes(summary.id, { limit: 1000 });
      assert.ok(changes.total > 0);
      assert.ok(changes.items.every((c) => c.person === 'P10022'));
      const none = await ws.run('term-grades', { forms: ['no-such-form'] });
      assert.equal(none.summary.recordsChanged, 0);
    } finally {
      await ws.store.close();
    }
  });
});

describe('the plan before a run', () => {
  test('previewRun gives the counts the run then applies, against the store, and writes nothing', async () => {
    const ws = await openWorkspace(copySamples());
    try {
      const preview = await previewRun(nodeFileSystem, ws.store, ws.workspace, ws.importDoc('term-grades'));
      assert.ok(preview.ok);
      assert.deepEqual(preview.result.counts.plan['report-card'], {
        create: 444,
        update: 142,
        unchanged: 148,
        skip: 1,
      });
      assert.equal((await ws.store.records()).length, 1320);
      assert.deepEqual(await ws.store.runs(), []);
      const { summary } = await ws.run('term-grades');
      assert.deepEqual(summary.applied, preview.result.counts.plan['report-card']);
      // After the run, the preview plans against the store's new state.
      const next = await previewRun(nodeFileSystem, ws.store, ws.workspace, ws.importDoc('term-grades'));
      assert.ok(next.ok);
      assert.equal(next.result.counts.plan['report-card']?.unchanged, 734);
    } finally {
      await ws.store.close();
    }
  });
});

describe('record creation modes', () => {
  // 6 students x 2 terms = 12 record groups; students 1-3 already have their T1 record.
  const options = { students: 6, terms: 2, existing: 3 };

  test('doNotCreate updates the existing records and skips the rest (E0040)', async () => {
    const ws = await openWorkspace(gradesWorkspace(options));
    try {
      const { summary } = await ws.run('grades', { creationMode: 'doNotCreate' });
      assert.deepEqual(summary.applied, { create: 0, update: 3, unchanged: 0, skip: 9 });
      assert.equal(summary.parameters.creationMode, 'doNotCreate');
      assert.ok((summary.problemTotals.E0040 ?? 0) > 0);
      assert.equal((await ws.store.records()).length, 3);
    } finally {
      await ws.store.close();
    }
  });

  test('createMissing creates the records that do not exist and updates the others', async () => {
    const ws = await openWorkspace(gradesWorkspace(options));
    try {
      const { summary } = await ws.run('grades', { creationMode: 'createMissing' });
      assert.deepEqual(summary.applied, { create: 9, update: 3, unchanged: 0, skip: 0 });
      const records = await ws.store.records();
      assert.equal(records.length, 12);
      const p4t2 = records.find((r) => r.person === 'P4' && r.key === 'T2');
      assert.deepEqual(p4t2?.values, { score: 30, note: 'note 4-2', due: '2025-01-15', term: 'T2' });
    } finally {
      await ws.store.close();
    }
  });

  test('alwaysCreate creates a record per group even where one exists, on every run', async () => {
    const ws = await openWorkspace(gradesWorkspace(options));
    try {
      const first = await ws.run('grades', { creationMode: 'alwaysCreate' });
      assert.deepEqual(first.summary.applied, { create: 12, update: 0, unchanged: 0, skip: 0 });
      const second = await ws.run('grades', { creationMode: 'alwaysCreate' });
      assert.equal(second.summary.applied.create, 12);
      const records = await ws.store.records();
      assert.equal(records.length, 3 + 24);
      // The existing records were not touched.
      assert.equal(records.find((r) => r.id === 'E1')?.values.note, 'old');
    } finally {
      await ws.store.close();
    }
  });
});

describe('locked records', () => {
  test('a locked record is never written: its group is skipped (E0019), the others are applied', async () => {
    const ws = await openWorkspace(gradesWorkspace({ students: 3, terms: 1, existing: 3, locked: 2 }));
    try {
      const before = await ws.store.records();
      const { summary } = await ws.run('grades');
      assert.deepEqual(summary.applied, { create: 0, update: 1, unchanged: 0, skip: 2 });
      assert.equal(summary.problemTotals.E0019, 2);
      const after = await ws.store.records();
      for (const id of ['E1', 'E2']) {
        assert.deepEqual(
          after.find((r) => r.id === id),
          before.find((r) => r.id === id),
          id,
        );
      }
      assert.equal(after.find((r) => r.id === 'E3')?.values.note, 'note 3-1');
    } finally {
      await ws.store.close();
    }
  });

  test('alwaysCreate leaves a locked record alone and creates a new one beside it', async () => {
    const ws = await openWorkspace(gradesWorkspace({ students: 1, terms: 1, existing: 1, locked: 1 }));
    try {
      const { summary } = await ws.run('grades', { creationMode: 'alwaysCreate' });
      assert.equal(summary.applied.create, 1);
      const records = await ws.store.records();
      assert.equal(records.find((r) => r.id === 'E1')?.values.note, 'old');
      assert.equal(records.length, 2);
    } finally {
      await ws.store.close();
    }
  });
});

describe('the error threshold', () => {
  // 20 students x 2 terms, every 2nd row has a bad date: 20 rows with errors; the threshold is 5.
  const options = { students: 20, terms: 2, badDateEvery: 2, errorThreshold: 5 };

  test('reaching it stops the run with status Failed and applies nothing', async () => {
    const ws = await openWorkspace(gradesWorkspace(options));
    try {
      const { summary } = await ws.run('grades');
      assert.equal(summary.status, 'Failed');
      assert.equal(summary.problemTotals.E0037, 1);
      assert.equal(summary.parameters.errorThreshold, 5);
      assert.equal(summary.recordsChanged, 0);
      assert.equal((await ws.store.records()).length, 0);
      assert.equal((await ws.store.changes(summary.id)).total, 0);
      // The failed run is in the history with its problems.
      assert.equal((await ws.store.runs())[0]?.status, 'Failed');
      assert.ok((await ws.store.problems(summary.id)).items.some((p) => p.code === 'E0037'));
    } finally {
      await ws.store.close();
    }
  });

  test('ignored, the run goes on: the valid rows are applied and the run is Complete with issues', async () => {
    const ws = await openWorkspace(gradesWorkspace(options));
    try {
      const { summary } = await ws.run('grades', { ignoreErrorThreshold: true });
      assert.equal(summary.status, 'Complete with issues');
      assert.equal(summary.parameters.ignoreErrorThreshold, true);
      assert.equal(summary.counts?.rowsWithErrors, 20);
      assert.equal(summary.problemTotals.E0037, undefined);
      // The 20 rows without errors each create their record; the rows with errors write nothing.
      assert.equal((await ws.store.records()).length, 20);
      assert.equal(summary.errors, 20);
    } finally {
      await ws.store.close();
    }
  });
});

describe('the dry run keeps every plan entry for a run', () => {
  test('planEntries Infinity lists every entry with its fields; the default keeps 1000', async () => {
    // 750 students x 2 terms = 1,500 groups, past the default of 1,000 entries.
    const workspace = await loadWorkspace(nodeFileSystem, gradesWorkspace({ students: 750, terms: 2 }));
    const importDoc = workspace.imports[0];
    assert.ok(importDoc);
    const all = await dryRunWorkspaceImport(nodeFileSystem, workspace, importDoc, {
      planEntries: Number.POSITIVE_INFINITY,
    });
    const some = await dryRunWorkspaceImport(nodeFileSystem, workspace, importDoc, {});
    assert.ok(all.ok && some.ok);
    assert.equal(all.result.planTotal, 1500);
    assert.equal(all.result.plan.length, 1500);
    assert.ok(all.result.plan.every((e) => e.action === 'create' && e.fields.some((f) => f.field === 'score')));
    assert.equal(some.result.plan.length, 1000);
  });
});
