import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { idNormalizer, PersonIndex } from '../../engine/src/match/personIndex';
import type { SandboxPerson } from '../../engine/src/model/workspace';
import { dryRun } from '../../engine/src/run/dryRun';
import { codes, scenarioInput } from './helpers';

const sandbox: SandboxPerson[] = [
  {
    personId: 'P1',
    localId: '00042',
    proprietaryId: 'S-0042',
    email: 'Ann.Lee@Example.org',
    firstName: 'Ann',
    lastName: 'Lee',
  },
  { personId: 'P2', localId: '7', email: 'dup@example.org', firstName: 'Bo', lastName: 'Kim' },
  { personId: 'P3', localId: '8', email: 'DUP@example.org', firstName: 'Cy', lastName: 'Roe' },
  { personId: 'P4', localId: '9', firstName: 'Di', lastName: 'Old', active: false },
  { personId: 'P5', localId: '10', firstName: 'Ed', lastName: 'Now' },
  { personId: 'P6', localId: '10', firstName: 'Fa', lastName: 'Gone', active: false },
];

describe('id normalisation', () => {
  it('trims; ignoreLeadingZeros keeps a lone zero; digitsOnly runs first', () => {
    assert.equal(idNormalizer({ matchOn: 'localId' })(' 0042 '), '0042');
    assert.equal(idNormalizer({ matchOn: 'localId', ignoreLeadingZeros: true })('0042'), '42');
    assert.equal(idNormalizer({ matchOn: 'localId', ignoreLeadingZeros: true })('000'), '0');
    assert.equal(idNormalizer({ matchOn: 'localId', digitsOnly: true })('S-0042'), '0042');
    assert.equal(idNormalizer({ matchOn: 'localId', digitsOnly: true, ignoreLeadingZeros: true })('S-0042'), '42');
  });

  it('email is case-insensitive and ignores the id options', () => {
    const normalize = idNormalizer({ matchOn: 'email', digitsOnly: true, ignoreLeadingZeros: true });
    assert.equal(normalize(' Ann.Lee@EXAMPLE.org '), 'ann.lee@example.org');
  });

  it('normalises both sides', () => {
    const index = new PersonIndex(sandbox, { matchOn: 'proprietaryId', digitsOnly: true, ignoreLeadingZeros: true });
    const match = index.match('42');
    assert.equal(match.kind, 'one');
    assert.equal(match.kind === 'one' ? match.person.personId : '', 'P1');
    assert.equal(new PersonIndex(sandbox, { matchOn: 'proprietaryId' }).match('42').kind, 'none');
  });

  it('numbers from a transformation match like text', () => {
    const index = new PersonIndex(sandbox, { matchOn: 'localId' });
    assert.equal(index.match(7).kind, 'one');
  });
});

describe('person matching in a run', () => {
  const base = {
    headers: ['ID', 'Name'],
    fields: [{ id: 'name', type: 'text' as const }],
    mapping: { name: 'Name' },
    people: sandbox,
  };

  it('matches on localId with leading zeros ignored', async () => {
    const result = await dryRun(
      scenarioInput({
        ...base,
        rows: [['42', 'Ann']],
        config: { personMatching: { idColumn: 'ID', matchOn: 'localId', ignoreLeadingZeros: true } },
      }),
    );
    assert.deepEqual(codes(result), []);
    assert.equal(result.plan[0]?.person, 'P1');
  });

  it('E0016 warning when no person has the id; the row is skipped', async () => {
    const result = await dryRun(
      scenarioInput({
        ...base,
        rows: [
          ['42', 'Ann'],
          ['', 'Nobody'],
        ],
      }),
    );
    assert.deepEqual(codes(result), ['E0016', 'E0016']);
    assert.equal(
      result.problems[0]?.message,
      "Row 1: no person has localId '42' (ignoreLeadingZeros and digitsOnly are off).",
    );
    assert.equal(result.problems[1]?.message, "Row 2: the id cell (column 'ID') is blank.");
    assert.equal(result.problems[0]?.severity, 'warning');
    assert.equal(result.counts.rowsSkipped, 2);
    assert.equal(result.counts.rowsWithErrors, 0);
    assert.equal(result.status, 'Complete with issues');
  });

  it('E0017 error when several people have the id (email, case-insensitive)', async () => {
    const result = await dryRun(
      scenarioInput({
        ...base,
        headers: ['Email', 'Name'],
        rows: [['Dup@Example.org', 'x']],
        config: { personMatching: { idColumn: 'Email', matchOn: 'email' } },
      }),
    );
    assert.deepEqual(codes(result), ['E0017']);
    assert.equal(result.problems[0]?.message, "Row 1: 2 people have email 'Dup@Example.org' (P2, P3).");
    assert.equal(result.counts.rowsWithErrors, 1);
    assert.equal(result.plan.length, 0);
  });

  it('inactive people are not matched, and do not make an id ambiguous', async () => {
    const result = await dryRun(
      scenarioInput({
        ...base,
        rows: [
          ['9', 'Di'],
          ['10', 'Ed'],
        ],
      }),
    );
    assert.deepEqual(codes(result), ['E0016']);
    assert.match(result.problems[0]?.message ?? '', /P4, who is inactive/);
    assert.deepEqual(
      result.plan.map((e) => e.person),
      ['P5'],
    );
  });

  it('E0008 when the id column is not among the processed columns (once, run fails)', async () => {
    const result = await dryRun(
      scenarioInput({
        ...base,
        headers: ['StudentID', 'Name'],
        rows: [
          ['42', 'a'],
          ['43', 'b'],
        ],
        config: { personMatching: { idColumn: 'StudentId', matchOn: 'localId' } },
      }),
    );
    assert.equal(result.status, 'Failed');
    assert.deepEqual(codes(result), ['E0008']);
    assert.equal(result.problems[0]?.message, "ID column 'StudentId' not found. Did you mean 'StudentID'?");
    assert.deepEqual(result.problems[0]?.locations, [
      { file: 'imports/test.import.yaml', pointer: '/personMatching/idColumn' },
    ]);
    assert.equal(result.counts.rowsProcessed, 0);
  });

  it('a person filter skips other people silently', async () => {
    const result = await dryRun(
      scenarioInput({
        ...base,
        rows: [
          ['7', 'Bo'],
          ['8', 'Cy'],
        ],
        options: { person: 'P3' },
      }),
    );
    assert.deepEqual(codes(result), []);
    assert.deepEqual(
      result.plan.map((e) => e.person),
      ['P3'],
    );
    assert.equal(result.counts.rowsSkipped, 1);
  });
});
