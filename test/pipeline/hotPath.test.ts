/**
 * The per-row fast paths give what the general paths give: csv rows read by header index (the
 * reader's cells) against rows read by key, rows whose values are only checked (groups past the
 * plan's kept entries) against rows whose values are kept, the hand-written number scanner against
 * its regular expression, and number-keyed person ids against the text they stand for.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { SourceRow } from '../../engine/src/cache/processedRow';
import { compileDateFormat } from '../../engine/src/map/dateFormat';
import { decimalValue, isDecimalIn, isDecimalNumber } from '../../engine/src/map/decimal';
import { PersonIndex } from '../../engine/src/match/personIndex';
import type { SandboxPerson, SandboxRecord } from '../../engine/src/model/workspace';
import { dryRun, type DryRunResult } from '../../engine/src/run/dryRun';
import { open, source, tempRoot, write } from '../read/helpers';
import { type Scenario, scenarioInput } from './helpers';

const headers = ['ID', '__proto__', 'Name', 'Born', 'Score', 'Level', 'Term'];
const rows = [
  ['1001', 'x', 'Ann', '1/2/2010', '3.5', 'High', 'Fall'],
  ['1002', 'y', 'Bo', '2/30/2010', '4', 'high', 'Fall'],
  ['1003', 'z', ' ', '12/31/2011', '1e3', 'Low', 'Spring'],
  ['1001', '', 'Ann B', '', '-0.25', '', 'Fall'],
  ['1002', 'q', 'Bo', '3/3/2012', 'ten', 'Mid'],
  ['9999', 'r', 'Nobody', '1/1/2010', '1', 'Low', 'Fall'],
  ['', 's', 'Blank', '1/1/2010', '1', 'Low', 'Fall'],
  ['1003', 't', 'Cy', '5/6/2013', '+.5', 'Low', 'Spring', 'extra'],
];

function scenario(extra: Partial<Scenario> = {}): Scenario {
  return {
    headers,
    rows,
    fields: [
      { id: 'name', type: 'text', required: true },
      { id: 'born', type: 'date' },
      { id: 'score', type: 'number' },
      { id: 'level', type: 'dropdown', options: ['Low', 'Mid', 'High'] },
      { id: 'term', type: 'text' },
      { id: 'proto', type: 'text' },
    ],
    mapping: { name: 'Name', born: 'Born', score: 'Score', level: 'Level', term: 'Term', proto: '`__proto__`' },
    ...extra,
  };
}

async function run(s: Scenario, fileRoot?: { root: string; file: string }): Promise<DryRunResult> {
  const input = scenarioInput(s);
  if (fileRoot) input.openSource = () => open(fileRoot.root, source(fileRoot.file, 'csv'));
  const result = await dryRun(input);
  return { ...result, timings: { read: 0, transform: 0, cache: 0, match: 0, map: 0, total: 0 } };
}

function csvFile(s: Scenario): { root: string; file: string } {
  const root = tempRoot();
  const file = write(root, 'test.csv', [s.headers, ...s.rows].map((r) => r.join(',')).join('\n'));
  return { root, file };
}

describe('csv rows read by header index', () => {
  it('give the result rows read by key give', async () => {
    const s = scenario();
    const byKey = await run(s);
    const byIndex = await run(s, csvFile(s));
    // Ragged-row warnings come from the real reader only.
    const withoutRagged = (r: DryRunResult) => ({
      ...r,
      problems: r.problems.filter((p) => p.code !== 'E0031'),
      problemTotals: { ...r.problemTotals, E0031: undefined },
    });
    assert.deepEqual(
      JSON.parse(JSON.stringify(withoutRagged(byIndex))),
      JSON.parse(JSON.stringify(withoutRagged(byKey))),
    );
    assert.ok(byKey.counts.rowsWithErrors > 0 && byKey.plan.length > 0);
  });

  it('with record matching (the key read by index) and a missing mapped column', async () => {
    const s = scenario({
      mapping: { name: 'Name', born: 'Born', score: 'Score', level: 'Level', term: 'Term', proto: 'Missing' },
      matchingElement: { field: 'term', expression: 'Term' },
      config: { recordMatching: true },
    });
    const byKey = await run(s);
    const byIndex = await run(s, csvFile(s));
    const strip = (r: DryRunResult) =>
      JSON.parse(JSON.stringify({ ...r, problems: r.problems.filter((p) => p.code !== 'E0031'), problemTotals: {} }));
    assert.deepEqual(strip(byIndex), strip(byKey));
  });
});

describe('rows whose values nobody keeps are only checked', () => {
  // Past the first kept entry, only groups with a sandbox record keep values (to compare with it).
  const records: SandboxRecord[] = [
    { id: 'R1', form: 'form-a', person: 'P1', values: { name: 'Ann B' }, lastModified: '2024-01-01' },
    { id: 'R2', form: 'form-a', person: 'P2', values: { name: 'Bo', score: 8 }, lastModified: '2024-01-01' },
    {
      id: 'R3',
      form: 'form-a',
      person: 'P3',
      values: { name: 'Cy', born: '2013-05-06', score: 0.5, level: 'Low', term: 'Spring', proto: 't' },
      lastModified: '2024-01-01',
    },
  ];
  const more = [...rows, ['1002', 'w', 'Bo', '3/3/2012', '7', 'Mid', 'Fall']];

  it('groups with a record still compare converted values; the counts do not depend on the entries kept', async () => {
    const one = await run(scenario({ rows: more, records, options: { planEntries: 1 } }));
    const all = await run(scenario({ rows: more, records, options: { planEntries: 1000 } }));
    assert.deepEqual(one.counts.plan, { 'form-a': { create: 0, update: 2, unchanged: 1, skip: 0 } });
    assert.deepEqual(one.counts, all.counts);
    assert.deepEqual(one.problems, all.problems);
    assert.equal(one.plan.length, 1);
    assert.deepEqual(one.plan[0], all.plan[0]);
    const p2 = all.plan.find((e) => e.person === 'P2');
    assert.deepEqual(
      p2?.fields.filter((f) => f.changed).map((f) => [f.field, f.after]),
      [
        ['born', '2012-03-03'],
        ['score', 7],
        ['level', 'Mid'],
        ['term', 'Fall'],
        ['proto', 'w'],
      ],
    );
  });
});

describe('number scanner', () => {
  const pattern = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;
  const samples = [
    '',
    '0',
    '-0',
    '+.5',
    '.',
    '5.',
    '1e3',
    '1e',
    '1e+',
    '1E-2',
    '--1',
    '1.2.3',
    ' 1',
    '0x10',
    '12345678901234567',
    '3.99',
    '83.7',
    '-0.25',
  ];

  it('accepts what the regular expression accepts, and converts as Number does', () => {
    for (const s of samples) {
      assert.equal(isDecimalNumber(s), pattern.test(s), s);
      if (pattern.test(s)) assert.ok(Object.is(decimalValue(s), Number(s)), s);
    }
  });

  it('answers the same for a cell standing inside a text (the reading thread checks cells in place)', () => {
    // Neighbours that would extend a number if the bounds were not kept: digits, a point, an exponent.
    for (const s of samples) {
      for (const [before, after] of [
        ['1', '5'],
        ['', '.5'],
        ['x,', 'e3'],
        ['+', ''],
      ] as const) {
        const text = `${before}${s}${after}`;
        assert.equal(isDecimalIn(text, before.length, before.length + s.length), pattern.test(s), `${s} in ${text}`);
      }
    }
  });
});

describe('dates checked without building them', () => {
  it('matches agrees with parse', () => {
    const compiled = compileDateFormat('M/d/yyyy');
    assert.ok(compiled.ok);
    for (const v of ['1/2/2010', '2/30/2010', '2/29/2012', '2/29/2013', '12/31/0099', '13/1/2010', '1/1/10']) {
      assert.equal(compiled.parser.matches(v), compiled.parser.parse(v) !== undefined, v);
      assert.equal(compiled.parser.matchesIn(`9${v}1`, 1, 1 + v.length), compiled.parser.matches(v), `${v} in text`);
    }
    assert.equal(compiled.parser.parse('12/31/0099'), '0099-12-31');
  });
});

describe('person ids keyed by number', () => {
  const people: SandboxPerson[] = [
    { personId: 'P1', localId: '42', firstName: 'A', lastName: 'A' },
    { personId: 'P2', localId: '0042', firstName: 'B', lastName: 'B' },
    { personId: 'P3', localId: '9007199254740993', firstName: 'C', lastName: 'C' },
    { personId: 'P4', localId: '9007199254740992', firstName: 'D', lastName: 'D' },
    { personId: 'P5', localId: ' 7 ', firstName: 'E', lastName: 'E' },
    { personId: 'P6', localId: '1000000', firstName: 'F', lastName: 'F' },
  ];

  it('an id with leading zeros is not the number it spells, unless ignoreLeadingZeros', () => {
    const plain = new PersonIndex(people, { matchOn: 'localId' });
    assert.equal(plain.find('42')?.personId, 'P1');
    assert.equal(plain.find('0042')?.personId, 'P2');
    assert.equal(plain.find(' 0042 ')?.personId, 'P2');
    assert.equal(plain.find(42)?.personId, 'P1');
    const zeros = new PersonIndex(people, { matchOn: 'localId', ignoreLeadingZeros: true });
    assert.equal(zeros.match('0042').kind, 'several');
    assert.equal(zeros.findOrdinal('42'), -1);
  });

  it('long ids stay text, so ids past 2^53 are not confused', () => {
    const index = new PersonIndex(people, { matchOn: 'localId' });
    assert.equal(index.find('9007199254740993')?.personId, 'P3');
    assert.equal(index.find('9007199254740992')?.personId, 'P4');
    assert.equal(index.find('7')?.personId, 'P5');
    assert.equal(index.find('1000000')?.personId, 'P6');
    assert.equal(index.find('1000001'), undefined);
    assert.equal(index.find('-1'), undefined);
  });

  it('an id cell read as an integer where it stands finds whom the sliced cell finds', async () => {
    const ids = ['42', '0042', '7', ' 7', '1000000', '"1000000"', '"10""0"', '9007199254740993', '', '0', '4.2'];
    const root = tempRoot();
    const file = write(root, 'ids.csv', ['ID,Name', ...ids.map((id) => `${id},x`)].join('\n'));
    const reader = await open(root, source(file, 'csv'));
    const index = new PersonIndex(people, { matchOn: 'localId' });
    let read = 0;
    for await (const record of reader.records) {
      const row = new SourceRow(record);
      const cell = row.cell(0);
      const value = row.cellInteger(0);
      // Only a canonical integer is read as a number; every other cell goes the way of its text.
      assert.equal(value >= 0, cell !== undefined && /^(0|[1-9]\d{0,14})$/.test(cell), `'${cell}'`);
      if (value >= 0) assert.equal(index.findOrdinalOfInteger(value), index.findOrdinal(cell), `'${cell}'`);
      assert.equal(row.cellInteger(5), -1, 'past the row');
      read++;
    }
    assert.equal(read, ids.length);
  });

  it('ordinals are dense and shared by a personId listed twice', () => {
    const twice: SandboxPerson[] = [
      { personId: 'P1', localId: '1', firstName: 'A', lastName: 'A' },
      { personId: 'P1', localId: '2', firstName: 'A', lastName: 'A' },
      { personId: 'P2', localId: '3', firstName: 'B', lastName: 'B' },
    ];
    const index = new PersonIndex(twice, { matchOn: 'localId' });
    const a = index.findOrdinal('2');
    const b = index.findOrdinal('3');
    assert.equal(index.findOrdinal('1'), a);
    assert.deepEqual([a, b], [0, 1]);
    assert.equal(index.personIdOf(a), 'P1');
    assert.equal(index.personIdOf(b), 'P2');
  });
});
