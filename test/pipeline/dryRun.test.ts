import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { problem } from '../../engine/src/errors/catalog';
import { ProblemError } from '../../engine/src/errors/problem';
import type { SandboxRecord } from '../../engine/src/model/workspace';
import { dryRun, PROBLEMS_PER_CODE } from '../../engine/src/run/dryRun';
import { codes, problemsOf, readerOf, type Scenario, scenarioInput } from './helpers';

describe('a dry run end to end', () => {
  it('produces an exact plan from an in-memory reader', async () => {
    const records: SandboxRecord[] = [
      {
        id: 'R-1',
        form: 'iep',
        person: 'P1',
        values: { disability: 'AUT', services: ['ot'], caseManager: 'Smith', notes: 'keep me' },
        lastModified: '2025-01-10T09:00:00Z',
      },
      {
        id: 'R-2',
        form: 'iep',
        person: 'P2',
        values: { disability: 'SLD', caseManager: 'Jones' },
        lastModified: '2025-01-10T09:00:00Z',
      },
    ];
    const input = scenarioInput({
      headers: ['StudentID', 'Disability', 'Speech', 'OT', 'CaseManager', 'Start', 'Notes', 'Score'],
      rows: [
        ['1001', 'Autism', 'true', 'false', 'Smith', '9/1/2025', '', '12'],
        ['1002', 'SLD', '', '', 'Jones', '', '', ''],
        ['1003', 'Other', 'TRUE', '', 'Brown', '9/3/2025', 'new', '7.5'],
        ['1004', 'Other', '', '', 'Nobody', '', '', ''],
        ['1001', 'Autsm', '', '', '', '', '', ''],
      ],
      fields: [],
      mapping: {},
      config: { personMatching: { idColumn: 'StudentID', matchOn: 'localId' } },
      records,
      more: [
        {
          form: {
            id: 'iep',
            title: 'IEP',
            fields: [
              { id: 'disability', type: 'dropdown', options: [{ value: 'AUT', label: 'Autism' }, 'SLD', 'Other'] },
              { id: 'services', type: 'checkbox', options: ['speech', 'ot'] },
              { id: 'caseManager', type: 'text', required: true },
              { id: 'start', type: 'date' },
              { id: 'notes', type: 'textarea' },
              { id: 'score', type: 'number' },
            ],
          },
          mapping: {
            form: 'iep',
            import: 'test-import',
            fields: {
              disability: 'Disability',
              services: { speech: 'Speech', ot: 'OT' },
              caseManager: 'CaseManager',
              start: 'Start',
              notes: 'Notes',
              score: 'Score',
            },
          },
        },
      ],
    });
    input.mappings = input.mappings.slice(1);
    const result = await dryRun(input);
    assert.deepEqual(JSON.parse(JSON.stringify(result.plan)), [
      {
        form: 'iep',
        person: 'P1',
        recordId: 'R-1',
        key: null,
        rows: [1],
        rowCount: 1,
        action: 'update',
        fields: [
          { field: 'disability', before: 'AUT', after: 'AUT', changed: false },
          { field: 'services', before: ['ot'], after: ['speech'], changed: true },
          { field: 'caseManager', before: 'Smith', after: 'Smith', changed: false },
          { field: 'start', before: null, after: '2025-09-01', changed: true },
          { field: 'notes', before: 'keep me', after: 'keep me', changed: false },
          { field: 'score', before: null, after: 12, changed: true },
        ],
      },
      {
        form: 'iep',
        person: 'P2',
        recordId: 'R-2',
        key: null,
        rows: [2],
        rowCount: 1,
        action: 'unchanged',
        fields: [
          { field: 'disability', before: 'SLD', after: 'SLD', changed: false },
          { field: 'services', before: null, after: null, changed: false },
          { field: 'caseManager', before: 'Jones', after: 'Jones', changed: false },
          { field: 'start', before: null, after: null, changed: false },
          { field: 'notes', before: null, after: null, changed: false },
          { field: 'score', before: null, after: null, changed: false },
        ],
      },
      {
        form: 'iep',
        person: 'P3',
        recordId: null,
        key: null,
        rows: [3],
        rowCount: 1,
        action: 'create',
        fields: [
          { field: 'disability', before: null, after: 'Other', changed: true },
          { field: 'services', before: null, after: ['speech'], changed: true },
          { field: 'caseManager', before: null, after: 'Brown', changed: true },
          { field: 'start', before: null, after: '2025-09-03', changed: true },
          { field: 'notes', before: null, after: 'new', changed: true },
          { field: 'score', before: null, after: 7.5, changed: true },
        ],
      },
    ]);
    assert.deepEqual(codes(result), ['E0016', 'E0028', 'E0029']);
    assert.deepEqual(result.counts, {
      recordsRead: 5,
      rowsProcessed: 5,
      rowsSkipped: 1,
      rowsWithErrors: 1,
      plan: { iep: { create: 1, update: 1, unchanged: 1, skip: 0 } },
    });
    assert.equal(result.status, 'Complete with issues');
    assert.deepEqual(result.problemTotals, { E0016: 1, E0028: 1, E0029: 1 });
    assert.equal(result.cache.total, 5);
    assert.deepEqual(result.cache.columns, [
      'StudentID',
      'Disability',
      'Speech',
      'OT',
      'CaseManager',
      'Start',
      'Notes',
      'Score',
    ]);
    assert.deepEqual(result.errorThreshold, { threshold: 500, ignored: false, reached: false });
    assert.deepEqual(JSON.parse(JSON.stringify(result)), result, 'plain JSON data');
  });

  it('a clean run is Complete', async () => {
    const result = await dryRun(
      scenarioInput({
        headers: ['ID', 'N'],
        rows: [['1001', 'x']],
        fields: [{ id: 'n', type: 'text' }],
        mapping: { n: 'N' },
      }),
    );
    assert.equal(result.status, 'Complete');
    assert.deepEqual(result.problems, []);
  });
});

describe('__proto__ and other awkward column names', () => {
  it('reads, matches on and caches a __proto__ column as a plain key', async () => {
    const result = await dryRun(
      scenarioInput({
        headers: ['__proto__', 'constructor', 'toString'],
        rows: [['1001', 'ctor', 'ts']],
        config: { personMatching: { idColumn: '__proto__', matchOn: 'localId' } },
        fields: [
          { id: 'a', type: 'text' },
          { id: 'b', type: 'text' },
          { id: 'c', type: 'text' },
        ],
        mapping: { a: '`__proto__`', b: 'constructor', c: '$string(toString) & "!"' },
      }),
    );
    assert.deepEqual(codes(result), []);
    assert.deepEqual(result.cache.columns, ['__proto__', 'constructor', 'toString']);
    assert.deepEqual(result.cache.rows[0]?.values, ['1001', 'ctor', 'ts']);
    assert.deepEqual(
      result.plan[0]?.fields.map((f) => f.after),
      ['1001', 'ctor', 'ts!'],
    );
    assert.equal(({} as Record<string, unknown>).polluted, undefined);
  });

  it('a missing toString column is not found on the prototype', async () => {
    const result = await dryRun(
      scenarioInput({
        headers: ['ID'],
        rows: [['1001']],
        fields: [{ id: 'a', type: 'text' }],
        mapping: { a: 'toString' },
      }),
    );
    assert.deepEqual(codes(result), ['E0038']);
    assert.equal(result.plan[0]?.fields[0]?.after, null);
  });
});

describe('mapping configuration problems', () => {
  const base: Scenario = {
    headers: ['ID', 'LastName', 'Score'],
    rows: [['1001', 'Lee', '3']],
    fields: [
      { id: 'lastName', type: 'text', required: true },
      { id: 'score', type: 'number' },
      { id: 'services', type: 'checkbox', options: ['speech'] },
    ],
    mapping: {},
  };

  it('E0038 once per column, with did-you-mean, and no E0029 flood', async () => {
    const result = await dryRun(
      scenarioInput({
        ...base,
        rows: [
          ['1001', 'Lee', '3'],
          ['1002', 'Kim', '4'],
        ],
        mapping: { lastName: 'Last_Name', score: '$number(Scor) + 1' },
      }),
    );
    assert.deepEqual(
      result.problems.map((p) => p.message),
      [
        "Field 'lastName': column 'Last_Name' not found. Did you mean 'LastName'?",
        "Field 'score': column 'Scor' not found. Did you mean 'Score'?",
      ],
    );
    assert.deepEqual(result.problems[0]?.locations, [
      { file: 'mappings/form-a.mapping.yaml', pointer: '/fields/lastName' },
    ]);
    assert.equal(result.status, 'Complete with issues');
  });

  it('E0038 after a transformation is checked against every output column', async () => {
    const result = await dryRun(
      scenarioInput({
        ...base,
        config: { source: { format: 'json' }, transformation: { expression: '{"ID": id, "Extra": extra}' } },
        reader: () => readerOf([{ id: '1001' }, { id: '1002', extra: 'x' }]),
        fields: [
          { id: 'extra', type: 'text' },
          { id: 'missing', type: 'text' },
        ],
        mapping: { extra: 'Extra', missing: 'Nope' },
      }),
    );
    assert.deepEqual(
      result.problems.map((p) => p.message),
      ["Field 'missing': column 'Nope' not found."],
    );
  });

  it('E0025 unknown field or option, E0035 syntax error; the rest still maps', async () => {
    const result = await dryRun(
      scenarioInput({
        ...base,
        mapping: { lastNam: 'LastName', score: 'Score +', services: { speach: 'X' }, lastName: 'LastName' },
      }),
    );
    assert.deepEqual(codes(result), ['E0025', 'E0035', 'E0025']);
    assert.equal(result.problems[0]?.message, "The form 'form-a' has no field 'lastNam'. Did you mean 'lastName'?");
    assert.match(result.problems[1]?.message ?? '', /^Field 'score': syntax error at column 8: /);
    assert.equal(
      result.problems[2]?.message,
      "The form 'form-a' has no option 'speach' among the options of 'services'. Did you mean 'speech'?",
    );
    assert.deepEqual(
      result.plan[0]?.fields.map((f) => f.field),
      ['lastName'],
    );
  });

  it('E0024 for a mapping whose form does not exist', async () => {
    const input = scenarioInput({ ...base, mapping: { lastName: 'LastName' } });
    input.mappings = [
      { value: { form: 'form-b', import: 'test-import', fields: {} }, path: 'm/b.mapping.yaml' },
      ...input.mappings,
    ];
    const result = await dryRun(input);
    assert.deepEqual(codes(result), ['E0024']);
    assert.equal(result.problems[0]?.message, "Unknown form 'form-b'. Did you mean 'form-a'?");
  });

  it('options.forms limits the run to those forms', async () => {
    const input = scenarioInput({
      ...base,
      mapping: { lastName: 'LastName' },
      options: { forms: ['form-b'] },
      more: [
        {
          form: { id: 'form-b', title: 'B', fields: [{ id: 's', type: 'number' }] },
          mapping: { form: 'form-b', import: 'test-import', fields: { s: 'Score' } },
        },
      ],
    });
    const result = await dryRun(input);
    assert.deepEqual(
      result.plan.map((e) => [e.form, e.fields[0]?.after]),
      [['form-b', 3]],
    );
    assert.deepEqual(Object.keys(result.counts.plan), ['form-b']);
  });
});

describe('JSONata mapping expressions', () => {
  it('evaluates per row; E0036 on a runtime error or a non-scalar', async () => {
    const result = await dryRun(
      scenarioInput({
        headers: ['ID', 'First', 'Last', 'Score'],
        rows: [
          ['1001', 'Ann', 'Lee', '3'],
          ['1002', 'Bo', 'Kim', 'n/a'],
        ],
        fields: [
          { id: 'name', type: 'text' },
          { id: 'score', type: 'number' },
          { id: 'parts', type: 'text' },
        ],
        mapping: { name: 'First & " " & Last', score: '$number(Score)', parts: '[First, Last]' },
      }),
    );
    assert.deepEqual(codes(result), ['E0036', 'E0036', 'E0036']);
    assert.match(
      result.problems[0]?.message ?? '',
      /^Row 1, field 'parts': the expression gave an array; a field takes one value\.$/,
    );
    assert.match(result.problems[1]?.message ?? '', /^Row 2, field 'score': /);
    assert.equal(result.counts.rowsWithErrors, 2);
  });

  it('a runaway mapping expression stops the run in bounded time', async () => {
    const started = Date.now();
    const result = await dryRun(
      scenarioInput({
        headers: ['ID', 'N'],
        rows: [
          ['1001', 'x'],
          ['1002', 'y'],
        ],
        fields: [{ id: 'n', type: 'text' }],
        mapping: { n: '($f := function($x){$f($x)}; $f(N))' },
        options: { guardrails: { timeoutMs: 100 } },
      }),
    );
    assert.ok(Date.now() - started < 2000);
    assert.equal(result.status, 'Failed');
    assert.deepEqual(codes(result), ['E0036']);
    assert.match(result.problems[0]?.message ?? '', /ran longer than 100 ms; the run stopped/);
    assert.equal(result.counts.rowsProcessed, 1);
  });
});

describe('error threshold', () => {
  const base: Scenario = {
    headers: ['ID', 'Score'],
    rows: Array.from({ length: 10 }, (_, i) => [String(1001 + (i % 3)), i < 6 ? 'bad' : '1']),
    fields: [{ id: 'score', type: 'number' }],
    mapping: { score: 'Score' },
  };

  it('stops with Failed and E0037 when that many rows have errors', async () => {
    const result = await dryRun(scenarioInput({ ...base, config: { runOptions: { errorThreshold: 3 } } }));
    assert.equal(result.status, 'Failed');
    assert.equal(result.counts.rowsWithErrors, 3);
    assert.equal(result.counts.rowsProcessed, 3);
    assert.deepEqual(codes(result), ['E0030', 'E0030', 'E0030', 'E0037']);
    assert.equal(
      problemsOf(result, 'E0037')[0]?.message,
      'Stopped after 3 rows with errors (errorThreshold 3), at row 3.',
    );
    assert.deepEqual(result.errorThreshold, { threshold: 3, ignored: false, reached: true });
  });

  it('goes on when the threshold is ignored (option or configuration)', async () => {
    const byOption = await dryRun(
      scenarioInput({
        ...base,
        config: { runOptions: { errorThreshold: 3 } },
        options: { ignoreErrorThreshold: true },
      }),
    );
    assert.equal(byOption.status, 'Complete with issues');
    assert.equal(byOption.counts.rowsWithErrors, 6);
    const byConfig = await dryRun(
      scenarioInput({ ...base, config: { runOptions: { errorThreshold: 3, ignoreErrorThreshold: true } } }),
    );
    assert.equal(byConfig.counts.rowsProcessed, 10);
  });

  it('warnings do not count', async () => {
    const result = await dryRun(
      scenarioInput({
        ...base,
        rows: [
          ['9', '1'],
          ['9', '1'],
          ['9', '1'],
        ],
        config: { runOptions: { errorThreshold: 1 } },
      }),
    );
    assert.equal(result.status, 'Complete with issues');
    assert.equal(result.counts.rowsProcessed, 3);
  });
});

describe('problems, reading and control', () => {
  it('caps kept problems per code and keeps totals', async () => {
    const n = PROBLEMS_PER_CODE + 20;
    const result = await dryRun(
      scenarioInput({
        headers: ['ID', 'Score'],
        rows: Array.from({ length: n }, () => ['1001', 'bad']),
        fields: [{ id: 'score', type: 'number' }],
        mapping: { score: 'Score' },
        options: { ignoreErrorThreshold: true },
      }),
    );
    assert.equal(problemsOf(result, 'E0030').length, PROBLEMS_PER_CODE);
    assert.equal(result.problemTotals.E0030, n);
    assert.equal(result.counts.rowsWithErrors, n);
  });

  it("adds the reader's problems and turns a ProblemError into a Failed result", async () => {
    const ragged = problem('E0031', 'Line 3 has 1 cell; the header has 2.', [{ file: 'sftp/data/test.csv' }]);
    const malformed = problem('E0015', 'Malformed csv at line 4.', [{ file: 'sftp/data/test.csv' }]);
    const result = await dryRun(
      scenarioInput({
        headers: ['ID', 'N'],
        rows: [],
        reader: () =>
          readerOf(
            [
              { ID: '1001', N: 'a' },
              { ID: '1002', N: 'b' },
            ],
            {
              headers: ['ID', 'N'],
              problems: [ragged],
              throwAfter: { count: 1, error: new ProblemError(malformed) },
            },
          ),
        fields: [{ id: 'n', type: 'text' }],
        mapping: { n: 'N' },
      }),
    );
    assert.equal(result.status, 'Failed');
    assert.deepEqual(codes(result), ['E0015', 'E0031']);
    assert.equal(result.plan.length, 1, 'the rows before the failure are planned');
  });

  it('openSource failing with E0001 fails the run', async () => {
    const input = scenarioInput({ headers: [], rows: [], fields: [], mapping: {} });
    input.openSource = async () => {
      throw new ProblemError(problem('E0001', "Cannot read file 'x'.", [{ file: 'x' }]));
    };
    const result = await dryRun(input);
    assert.equal(result.status, 'Failed');
    assert.deepEqual(codes(result), ['E0001']);
  });

  it('rejects with the reason when aborted, and reports progress', async () => {
    const many = Array.from({ length: 20000 }, (_, i) => [String(1001 + (i % 3)), 'x']);
    const controller = new AbortController();
    const progress: number[] = [];
    const input = scenarioInput({
      headers: ['ID', 'N'],
      rows: many,
      fields: [{ id: 'n', type: 'text' }],
      mapping: { n: '$uppercase(N)' },
      options: {
        signal: controller.signal,
        onProgress: (n) => {
          progress.push(n);
          controller.abort(new Error('stop'));
        },
      },
    });
    await assert.rejects(dryRun(input), /stop/);
    assert.ok(progress.length >= 1 && (progress[0] ?? 0) > 0 && (progress[0] ?? 0) < 20000, String(progress));
  });

  it('an already aborted signal rejects at once', async () => {
    const input = scenarioInput({ headers: ['ID'], rows: [['1001']], fields: [], mapping: {} });
    input.options = { signal: AbortSignal.abort() };
    await assert.rejects(dryRun(input), { name: 'AbortError' });
  });

  it('keeps only planEntries entries; the counts cover all', async () => {
    const result = await dryRun(
      scenarioInput({
        headers: ['ID', 'N'],
        rows: [
          ['1001', 'a'],
          ['1002', 'b'],
          ['1003', 'c'],
        ],
        fields: [{ id: 'n', type: 'text' }],
        mapping: { n: 'N' },
        options: { planEntries: 2 },
      }),
    );
    assert.equal(result.plan.length, 2);
    assert.equal(result.planTotal, 3);
    assert.deepEqual(result.counts.plan['form-a'], { create: 3, update: 0, unchanged: 0, skip: 0 });
  });

  it('works without reader headers (columns from the rows)', async () => {
    const result = await dryRun(
      scenarioInput({
        headers: [],
        rows: [],
        reader: () => readerOf([{ ID: '1001', N: 'a' }]),
        fields: [{ id: 'n', type: 'text' }],
        mapping: { n: 'N' },
      }),
    );
    assert.deepEqual(codes(result), []);
    assert.deepEqual(result.cache.columns, ['ID', 'N']);
  });
});
