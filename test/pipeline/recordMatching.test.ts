import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { SandboxRecord } from '../../engine/src/model/workspace';
import { dryRun } from '../../engine/src/run/dryRun';
import { codes, problemsOf, type Scenario, scenarioInput } from './helpers';

const fields = [
  { id: 'term', type: 'text' as const },
  { id: 'reading', type: 'text' as const },
  { id: 'math', type: 'text' as const },
];

describe('record matching off', () => {
  const records: SandboxRecord[] = [
    { id: 'R-old', form: 'form-a', person: 'P1', values: { reading: 'C' }, lastModified: '2024-01-01T00:00:00Z' },
    {
      id: 'R-new',
      form: 'form-a',
      person: 'P1',
      values: { reading: 'B', math: 'A' },
      lastModified: '2024-06-01T00:00:00Z',
    },
    { id: 'R-other-form', form: 'form-b', person: 'P2', values: {}, lastModified: '2025-01-01T00:00:00Z' },
  ];
  const base: Scenario = {
    headers: ['ID', 'Reading', 'Math'],
    rows: [],
    fields,
    mapping: { reading: 'Reading', math: 'Math' },
    records,
  };

  it("updates the person's most recent record; blanks do not overwrite", async () => {
    const result = await dryRun(scenarioInput({ ...base, rows: [['1001', 'A', '']] }));
    assert.deepEqual(result.plan, [
      {
        form: 'form-a',
        person: 'P1',
        recordId: 'R-new',
        key: null,
        rows: [1],
        rowCount: 1,
        action: 'update',
        fields: [
          { field: 'reading', before: 'B', after: 'A', changed: true },
          { field: 'math', before: 'A', after: 'A', changed: false },
        ],
      },
    ]);
  });

  it('unchanged when every value is already there', async () => {
    const result = await dryRun(scenarioInput({ ...base, rows: [['1001', 'B', 'A']] }));
    assert.equal(result.plan[0]?.action, 'unchanged');
    assert.deepEqual(result.counts.plan['form-a'], { create: 0, update: 0, unchanged: 1, skip: 0 });
  });

  it('several rows of one person: later rows override earlier ones field by field', async () => {
    const result = await dryRun(
      scenarioInput({
        ...base,
        rows: [
          ['1001', 'A', 'B'],
          ['1001', 'C', ''],
          ['1001', '', ''],
        ],
      }),
    );
    assert.equal(result.plan.length, 1);
    assert.deepEqual(result.plan[0]?.rows, [1, 2, 3]);
    assert.deepEqual(
      result.plan[0]?.fields.map((f) => f.after),
      ['C', 'B'],
    );
  });

  it('createMissing (default) creates for a person without a record', async () => {
    const result = await dryRun(scenarioInput({ ...base, rows: [['1002', 'A', 'B']] }));
    assert.equal(result.plan[0]?.action, 'create');
    assert.equal(result.plan[0]?.recordId, null);
    assert.deepEqual(result.plan[0]?.fields[0], { field: 'reading', before: null, after: 'A', changed: true });
  });

  it('doNotCreate skips with E0040 (info); the run stays Complete', async () => {
    const result = await dryRun(
      scenarioInput({ ...base, rows: [['1002', 'A', 'B']], options: { creationMode: 'doNotCreate' } }),
    );
    assert.deepEqual(codes(result), ['E0040']);
    assert.equal(result.problems[0]?.severity, 'info');
    assert.equal(result.problems[0]?.message, 'Row 1: person P2 has no form-a record; doNotCreate skips it.');
    assert.equal(result.plan[0]?.action, 'skip');
    assert.equal(result.plan[0]?.reason, 'E0040');
    assert.equal(result.counts.rowsSkipped, 1);
    assert.equal(result.status, 'Complete');
  });

  it('the configuration gives the mode when the options do not', async () => {
    const result = await dryRun(
      scenarioInput({
        ...base,
        rows: [['1002', 'A', 'B']],
        config: { runOptions: { recordCreationMode: 'doNotCreate' } },
      }),
    );
    assert.equal(result.plan[0]?.action, 'skip');
  });

  it('alwaysCreate creates even when a record exists', async () => {
    const result = await dryRun(
      scenarioInput({ ...base, rows: [['1001', 'A', 'B']], options: { creationMode: 'alwaysCreate' } }),
    );
    assert.equal(result.plan[0]?.action, 'create');
    assert.equal(result.plan[0]?.recordId, null);
  });

  it('locked records are never written (E0019 warning, skip)', async () => {
    const locked: SandboxRecord[] = [
      { id: 'R-9', form: 'form-a', person: 'P1', values: {}, locked: true, lastModified: '2024-01-01T00:00:00Z' },
    ];
    const result = await dryRun(scenarioInput({ ...base, records: locked, rows: [['1001', 'A', 'B']] }));
    assert.deepEqual(codes(result), ['E0019']);
    assert.equal(result.problems[0]?.message, 'Row 1: record R-9 of person P1 (form form-a) is locked.');
    assert.deepEqual(
      result.plan.map((e) => [e.action, e.recordId, e.reason]),
      [['skip', 'R-9', 'E0019']],
    );
    assert.equal(result.status, 'Complete with issues');
    const created = await dryRun(
      scenarioInput({
        ...base,
        records: locked,
        rows: [['1001', 'A', 'B']],
        options: { creationMode: 'alwaysCreate' },
      }),
    );
    assert.equal(created.plan[0]?.action, 'create', 'alwaysCreate does not touch the locked record');
  });
});

describe('record matching on', () => {
  const records: SandboxRecord[] = [
    {
      id: 'R-fall',
      form: 'form-a',
      person: 'P1',
      key: 'Fall',
      values: { term: 'Fall', reading: 'B' },
      lastModified: '2024-10-01T00:00:00Z',
    },
    {
      id: 'R-winter',
      form: 'form-a',
      person: 'P1',
      values: { term: 'Winter', reading: 'C' },
      lastModified: '2025-01-01T00:00:00Z',
    },
    {
      id: 'R-spring',
      form: 'form-a',
      person: 'P1',
      key: 'Spring',
      values: { term: 'Spring' },
      locked: true,
      lastModified: '2025-04-01T00:00:00Z',
    },
  ];
  const base: Scenario = {
    config: { recordMatching: true },
    headers: ['ID', 'Term', 'Reading', 'Math'],
    rows: [],
    fields,
    mapping: { reading: 'Reading', math: 'Math' },
    matchingElement: { field: 'term', expression: 'Term' },
    records,
  };

  it('routes rows by key; same person and key form one group', async () => {
    const result = await dryRun(
      scenarioInput({
        ...base,
        rows: [
          ['1001', 'Fall', 'A', ''],
          ['1001', 'Winter', 'A', '1'],
          ['1001', 'Fall', '', '2'],
          ['1001', 'Summer', 'B', '3'],
        ],
      }),
    );
    assert.deepEqual(codes(result), []);
    assert.deepEqual(
      result.plan.map((e) => [e.key, e.action, e.recordId, e.rows]),
      [
        ['Fall', 'update', 'R-fall', [1, 3]],
        ['Winter', 'update', 'R-winter', [2]],
        ['Summer', 'create', null, [4]],
      ],
    );
    assert.deepEqual(result.plan[0]?.fields, [
      { field: 'reading', before: 'B', after: 'A', changed: true },
      { field: 'math', before: null, after: '2', changed: true },
    ]);
    assert.deepEqual(
      result.plan[2]?.fields.find((f) => f.field === 'term'),
      { field: 'term', before: null, after: 'Summer', changed: true },
      'a created record holds its key',
    );
  });

  it('a computed key (JSONata) works like a column', async () => {
    const result = await dryRun(
      scenarioInput({
        ...base,
        matchingElement: { field: 'term', expression: '$trim(Term) & ""' },
        rows: [['1001', ' Fall ', 'A', '']],
      }),
    );
    assert.deepEqual(
      result.plan.map((e) => [e.key, e.recordId]),
      [['Fall', 'R-fall']],
    );
  });

  it('doNotCreate skips a missing key with E0040; locked key with E0019', async () => {
    const result = await dryRun(
      scenarioInput({
        ...base,
        rows: [
          ['1001', 'Summer', 'A', ''],
          ['1001', 'Spring', 'A', ''],
        ],
        options: { creationMode: 'doNotCreate' },
      }),
    );
    assert.deepEqual(codes(result), ['E0040', 'E0019']);
    assert.equal(
      result.problems[0]?.message,
      "Row 1: person P1 has no form-a record with key 'Summer'; doNotCreate skips it.",
    );
    assert.equal(
      result.problems[1]?.message,
      "Row 2: record R-spring of person P1 (form form-a, key 'Spring') is locked.",
    );
  });

  it('alwaysCreate creates one record per group', async () => {
    const result = await dryRun(
      scenarioInput({
        ...base,
        rows: [
          ['1001', 'Fall', 'A', ''],
          ['1001', 'Fall', '', '1'],
        ],
        options: { creationMode: 'alwaysCreate' },
      }),
    );
    assert.deepEqual(
      result.plan.map((e) => [e.key, e.action, e.recordId, e.rowCount]),
      [['Fall', 'create', null, 2]],
    );
  });

  it('a blank key is an error for the row (E0029)', async () => {
    const result = await dryRun(scenarioInput({ ...base, rows: [['1001', '', 'A', '']] }));
    assert.deepEqual(codes(result), ['E0029']);
    assert.match(result.problems[0]?.message ?? '', /matching element 'term' of form 'form-a' is empty/);
  });

  it('E0018 when the mapping has no matching element', async () => {
    const { matchingElement: _, ...rest } = base;
    const result = await dryRun(scenarioInput({ ...rest, rows: [['1001', 'Fall', 'A', '']] }));
    assert.deepEqual(codes(result), ['E0018']);
    assert.deepEqual(result.problems[0]?.locations, [{ file: 'mappings/form-a.mapping.yaml', pointer: '' }]);
    assert.equal(result.status, 'Failed', 'the only mapping cannot run');
  });

  it('a second form keeps running when one form lacks its matching element', async () => {
    const { matchingElement: _, ...rest } = base;
    const result = await dryRun(
      scenarioInput({
        ...rest,
        rows: [['1001', 'Fall', 'A', '']],
        more: [
          {
            form: {
              id: 'form-b',
              title: 'B',
              fields: [
                { id: 'term', type: 'text' },
                { id: 'r', type: 'text' },
              ],
            },
            mapping: {
              form: 'form-b',
              import: 'test-import',
              fields: { r: 'Reading' },
              matchingElement: { field: 'term', expression: 'Term' },
            },
          },
        ],
      }),
    );
    assert.deepEqual(codes(result), ['E0018']);
    assert.equal(result.status, 'Complete with issues');
    assert.deepEqual(
      result.plan.map((e) => [e.form, e.action]),
      [['form-b', 'create']],
    );
    assert.equal(problemsOf(result, 'E0018').length, 1);
  });
});
