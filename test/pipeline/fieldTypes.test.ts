import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { dryRun } from '../../engine/src/run/dryRun';
import { afterValues, codes, problemsOf, scenarioInput } from './helpers';

describe('text fields', () => {
  it('keeps text as written and treats spaces-only as blank', async () => {
    const result = await dryRun(
      scenarioInput({
        headers: ['ID', 'Name', 'Notes'],
        rows: [['1001', '  Ann Lee ', '   ']],
        fields: [
          { id: 'name', type: 'text' },
          { id: 'notes', type: 'textarea' },
        ],
        mapping: { name: 'Name', notes: 'Notes' },
      }),
    );
    assert.deepEqual(codes(result), []);
    assert.deepEqual(afterValues(result), { name: '  Ann Lee ', notes: null });
    assert.equal(result.status, 'Complete');
  });

  it('E0010 over 4,000 characters and over maxLength', async () => {
    const result = await dryRun(
      scenarioInput({
        headers: ['ID', 'Notes', 'Code'],
        rows: [
          ['1001', 'x'.repeat(4001), 'abc'],
          ['1002', 'x'.repeat(4000), 'abcd'],
        ],
        fields: [
          { id: 'notes', type: 'textarea' },
          { id: 'code', type: 'text', maxLength: 3 },
        ],
        mapping: { notes: 'Notes', code: 'Code' },
      }),
    );
    const e = problemsOf(result, 'E0010');
    assert.equal(e.length, 2);
    assert.match(
      e[0]?.message ?? '',
      /^Row 1, field 'notes' \(column 'Notes'\): the value has 4,001 characters; at most 4,000 fit\.$/,
    );
    assert.match(e[1]?.message ?? '', /^Row 2, field 'code' .*4 characters; at most 3 fit/);
    assert.deepEqual(e[0]?.locations[0], {
      file: 'sftp/data/test.csv',
      range: { start: { line: 1, character: 0 }, end: { line: 1, character: 0 } },
      row: 1,
      column: 'Notes',
    });
    assert.equal(result.counts.rowsWithErrors, 2);
    assert.equal(result.plan.length, 0, 'rows with errors write nothing');
  });
});

describe('number fields', () => {
  it('parses numbers strictly (E0030)', async () => {
    const result = await dryRun(
      scenarioInput({
        headers: ['ID', 'Score'],
        rows: [
          ['1001', ' 85.5 '],
          ['1002', '8O'],
          ['1003', '0x1F'],
        ],
        fields: [{ id: 'score', type: 'number' }],
        mapping: { score: 'Score' },
      }),
    );
    assert.deepEqual(afterValues(result), { score: 85.5 });
    assert.deepEqual(
      problemsOf(result, 'E0030').map((p) => p.message),
      [
        "Row 2, field 'score' (column 'Score'): '8O' is not a number.",
        "Row 3, field 'score' (column 'Score'): '0x1F' is not a number.",
      ],
    );
  });

  it('accepts signs, decimals and exponents', async () => {
    const result = await dryRun(
      scenarioInput({
        headers: ['ID', 'A', 'B', 'C'],
        rows: [['1001', '-3', '.5', '1e3']],
        fields: [
          { id: 'a', type: 'number' },
          { id: 'b', type: 'number' },
          { id: 'c', type: 'number' },
        ],
        mapping: { a: 'A', b: 'B', c: 'C' },
      }),
    );
    assert.deepEqual(afterValues(result), { a: -3, b: 0.5, c: 1000 });
  });
});

describe('date fields', () => {
  it('parses with the configured format and stores ISO (E0009 names row, column, value, pattern)', async () => {
    const result = await dryRun(
      scenarioInput({
        headers: ['ID', 'DOB'],
        rows: [
          ['1001', '4/13/2011'],
          ['1002', '13/04/2011'],
          ['1003', '2/29/2023'],
        ],
        fields: [{ id: 'dob', type: 'date' }],
        mapping: { dob: 'DOB' },
      }),
    );
    assert.deepEqual(afterValues(result), { dob: '2011-04-13' });
    const e = problemsOf(result, 'E0009');
    assert.equal(
      e[0]?.message,
      "Row 2, field 'dob' (column 'DOB'): '13/04/2011' does not match the date format 'M/d/yyyy'.",
    );
    assert.deepEqual(e[0]?.data, { value: '13/04/2011', expected: 'M/d/yyyy' });
    assert.equal(e.length, 2, 'Feb 29 2023 fails too');
  });

  it('a bad date format stops a run that maps dates (E0043)', async () => {
    const result = await dryRun(
      scenarioInput({
        config: { source: { dateFormat: 'mm/dd/yyyy' } },
        headers: ['ID', 'DOB'],
        rows: [['1001', '4/13/2011']],
        fields: [{ id: 'dob', type: 'date' }],
        mapping: { dob: 'DOB' },
      }),
    );
    assert.equal(result.status, 'Failed');
    assert.deepEqual(codes(result), ['E0043']);
    assert.deepEqual(result.problems[0]?.locations, [
      { file: 'imports/test.import.yaml', pointer: '/source/dateFormat' },
    ]);
  });
});

describe('dropdown and single radio fields', () => {
  const fields = [
    {
      id: 'disability',
      type: 'dropdown' as const,
      options: [{ value: 'AUT', label: 'Autism' }, { value: 'SLD', label: 'Specific learning disability' }, 'Other'],
    },
  ];
  it('matches values, labels case-insensitively, and stores the value', async () => {
    const result = await dryRun(
      scenarioInput({
        headers: ['ID', 'D'],
        rows: [
          ['1001', 'autism'],
          ['1002', 'SLD'],
          ['1003', 'other'],
        ],
        fields,
        mapping: { disability: 'D' },
      }),
    );
    assert.deepEqual(codes(result), []);
    assert.deepEqual(afterValues(result, 'P1'), { disability: 'AUT' });
    assert.deepEqual(afterValues(result, 'P2'), { disability: 'SLD' });
    assert.deepEqual(afterValues(result, 'P3'), { disability: 'Other' });
  });

  it('E0028 with did-you-mean', async () => {
    const result = await dryRun(
      scenarioInput({ headers: ['ID', 'D'], rows: [['1001', 'Autsm']], fields, mapping: { disability: 'D' } }),
    );
    const [e] = problemsOf(result, 'E0028');
    assert.equal(
      e?.message,
      "Row 1, field 'disability' (column 'D'): 'Autsm' is not an option. Did you mean 'Autism'?",
    );
    assert.equal(e?.data?.suggestion, 'Autism');
  });

  it('a radio mapped with one expression takes an option', async () => {
    const result = await dryRun(
      scenarioInput({
        headers: ['ID', 'G'],
        rows: [['1001', 'k']],
        fields: [{ id: 'grade', type: 'radio', options: ['K', '1', '2'] }],
        mapping: { grade: 'G' },
      }),
    );
    assert.deepEqual(afterValues(result), { grade: 'K' });
  });
});

describe('checkbox groups', () => {
  const fields = [{ id: 'services', type: 'checkbox' as const, options: ['speech', 'ot', 'pt'] }];
  const mapping = { services: { pt: 'PT', speech: 'Speech', ot: 'OT' } };
  it('true/false any case and blank; the checked options in form order', async () => {
    const result = await dryRun(
      scenarioInput({
        headers: ['ID', 'Speech', 'OT', 'PT'],
        rows: [
          ['1001', 'TRUE', 'false', 'True'],
          ['1002', '', '', ''],
          ['1003', 'false', '', ''],
        ],
        fields,
        mapping,
      }),
    );
    assert.deepEqual(codes(result), []);
    assert.deepEqual(afterValues(result, 'P1'), { services: ['speech', 'pt'] });
    assert.deepEqual(afterValues(result, 'P2'), { services: null }, 'all blank gives no value');
    assert.deepEqual(afterValues(result, 'P3'), { services: [] }, 'an explicit false unchecks');
  });

  it('E0021 for anything else (yes, 1, X)', async () => {
    const result = await dryRun(
      scenarioInput({
        headers: ['ID', 'Speech', 'OT', 'PT'],
        rows: [['1001', 'yes', '1', 'X']],
        fields,
        mapping,
      }),
    );
    assert.deepEqual(codes(result), ['E0021', 'E0021', 'E0021']);
    assert.equal(
      result.problems[0]?.message,
      "Row 1, field 'services' option 'speech': 'yes' is not true, false or blank.",
    );
    assert.equal(result.problems[2]?.message, "Row 1, field 'services' option 'pt': 'X' is not true, false or blank.");
    assert.equal(result.problems[2]?.locations[0]?.column, 'PT');
  });

  it('a required checkbox group needs one option checked (E0029)', async () => {
    const result = await dryRun(
      scenarioInput({
        headers: ['ID', 'Speech', 'OT', 'PT'],
        rows: [['1001', 'false', '', '']],
        fields: [{ ...fields[0], id: 'services', type: 'checkbox', required: true }],
        mapping,
      }),
    );
    assert.deepEqual(codes(result), ['E0029']);
  });

  it('a single expression for a checkbox group is E0041', async () => {
    const result = await dryRun(
      scenarioInput({ headers: ['ID', 'S'], rows: [['1001', 'true']], fields, mapping: { services: 'S' } }),
    );
    assert.deepEqual(codes(result), ['E0041']);
    assert.equal(result.status, 'Complete with issues');
    assert.deepEqual(result.plan[0]?.fields, [], 'the mapping still runs, with nothing to fill');
  });
});

describe('radio groups mapped per option', () => {
  const fields = [{ id: 'grade', type: 'radio' as const, options: ['K', '1'], required: true }];
  const mapping = { grade: { K: 'IsK', '1': 'Is1' } };
  it('exactly one true gives the option; none gives no value; two is E0020', async () => {
    const result = await dryRun(
      scenarioInput({
        headers: ['ID', 'IsK', 'Is1'],
        rows: [
          ['1001', '', 'true'],
          ['1002', 'true', 'TRUE'],
          ['1003', '', ''],
        ],
        fields,
        mapping,
      }),
    );
    assert.deepEqual(afterValues(result), { grade: '1' });
    assert.equal(problemsOf(result, 'E0020')[0]?.message, "Row 2, field 'grade': options 'K' and '1' are both true.");
    assert.equal(problemsOf(result, 'E0029')[0]?.message, "Row 3: the required field 'grade' has no option true.");
    assert.equal(result.counts.rowsWithErrors, 2);
  });
});

describe('repeaters', () => {
  const fields = [
    {
      id: 'contacts',
      type: 'repeater' as const,
      maxLimit: 3,
      fields: [
        { id: 'name', type: 'text' as const, required: true },
        { id: 'phone', type: 'text' as const },
        { id: 'since', type: 'date' as const },
      ],
    },
  ];
  const mapping = { contacts: { name: 'Names', phone: 'Phones', since: 'Since' } };
  it('splits on tabs and lines instances up', async () => {
    const result = await dryRun(
      scenarioInput({
        headers: ['ID', 'Names', 'Phones', 'Since'],
        rows: [['1001', 'Maria Garcia\tLuis Garcia', '555-1\t555-2', '1/2/2020\t']],
        fields,
        mapping,
      }),
    );
    assert.deepEqual(codes(result), []);
    assert.deepEqual(JSON.parse(JSON.stringify(afterValues(result))), {
      contacts: [
        { name: 'Maria Garcia', phone: '555-1', since: '2020-01-02' },
        { name: 'Luis Garcia', phone: '555-2' },
      ],
    });
  });

  it('E0039 when counts differ (warning, the row still imports)', async () => {
    const result = await dryRun(
      scenarioInput({
        headers: ['ID', 'Names', 'Phones', 'Since'],
        rows: [['1001', 'A\tB\tC', '1\t2', '']],
        fields,
        mapping,
      }),
    );
    assert.deepEqual(codes(result), ['E0039']);
    assert.equal(
      result.problems[0]?.message,
      "Row 1, repeater 'contacts': name has 3 values, phone has 2 values, since has 0 values.",
    );
    assert.equal(result.problems[0]?.severity, 'warning');
    assert.equal((afterValues(result).contacts as unknown[]).length, 3);
    assert.equal(result.status, 'Complete with issues');
  });

  it('E0022 over maxLimit; nested errors name the instance', async () => {
    const result = await dryRun(
      scenarioInput({
        headers: ['ID', 'Names', 'Phones', 'Since'],
        rows: [
          ['1001', 'A\tB\tC\tD', '', ''],
          ['1002', 'A\t', '', '2/30/2020\t'],
        ],
        fields,
        mapping,
      }),
    );
    assert.equal(problemsOf(result, 'E0022')[0]?.message, "Row 1, repeater 'contacts': 4 instances; maxLimit is 3.");
    assert.deepEqual(
      problemsOf(result, 'E0029').map((p) => p.message),
      ["Row 2: the required field 'contacts.name' of instance 2 is empty."],
    );
    assert.match(
      problemsOf(result, 'E0009')[0]?.message ?? '',
      /^Row 2, field 'contacts.since' instance 1 \(column 'Since'\)/,
    );
  });
});

describe('required fields', () => {
  it('E0029 when the row gives no value', async () => {
    const result = await dryRun(
      scenarioInput({
        headers: ['ID', 'CM'],
        rows: [
          ['1001', ''],
          ['1002', 'Smith'],
        ],
        fields: [{ id: 'caseManager', type: 'text', required: true }],
        mapping: { caseManager: 'CM' },
      }),
    );
    assert.deepEqual(
      problemsOf(result, 'E0029').map((p) => p.message),
      ["Row 1: the required field 'caseManager' is empty."],
    );
    assert.equal(result.plan.length, 1);
  });
});
