/**
 * The reading thread's checks of mapped cells (map/rowChecks.ts) against the mapper itself: a row's
 * bit may be set only when RowMapper.validate reports nothing for that row (no error, no warning),
 * since the dry run's thread then leaves validate out. Rows come from a real csv scan, so the cells
 * are checked where they stand in the chunk's text, quotes, CRLF and ragged rows included.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { SourceRow } from '../../engine/src/cache/processedRow';
import { compileMapping } from '../../engine/src/map/compileMapping';
import type { CompiledMapping } from '../../engine/src/map/compiledMapping';
import { compileDateFormat } from '../../engine/src/map/dateFormat';
import { RowChecker, rowCheckSpec } from '../../engine/src/map/rowChecks';
import { RowMapper } from '../../engine/src/map/rowMapper';
import type { FormDefinition, MappingFile, SandboxPerson } from '../../engine/src/model/workspace';
import { dryRun, type DryRunResult } from '../../engine/src/run/dryRun';
import { open, source, tempRoot, write } from '../read/helpers';
import { type Scenario, scenarioInput } from './helpers';
import { csvRecords, readCsvChunks } from '../../engine/src/read/csv';
import { defaultLimits } from '../../engine/src/read/limits';
import { ProblemSink } from '../../engine/src/run/problemSink';
import { RowReporter } from '../../engine/src/run/rowReporter';
import { defaultGuardrails } from '../../engine/src/transform/guardrails';

const form: FormDefinition = {
  id: 'f',
  title: 'F',
  fields: [
    { id: 'name', type: 'text', required: true, maxLength: 12 },
    { id: 'note', type: 'textarea' },
    { id: 'born', type: 'date', required: true },
    { id: 'score', type: 'number' },
    {
      id: 'school',
      type: 'dropdown',
      options: [{ value: 'S1', label: 'North High' }, { value: 'S2', label: 'South High' }, 'Other'],
    },
    { id: 'count', type: 'number', required: true },
  ],
};

const mappingFile: MappingFile = {
  form: 'f',
  import: 'x',
  fields: { name: 'Name', note: 'Note', born: 'Born', score: 'Score', school: 'School', count: 'Count' },
};

function compiled(file: MappingFile, definition: FormDefinition = form): CompiledMapping {
  const result = compileMapping(
    { value: file, path: 'm.mapping.yaml' },
    { [definition.id]: definition },
    false,
    defaultGuardrails,
    new ProblemSink(100),
  );
  assert.ok(result.ok);
  return result.mapping;
}

/** Values meant to sit near every edge of the checks: spaces, case, signs, calendars, quotes, lengths. */
const tricky = {
  text: [
    'Ann',
    '',
    ' ',
    '  Ann',
    'Ann ',
    'exactly12chr',
    'thirteen char',
    '\u00a0',
    'say "hi"',
    'a,b',
    'two\nlines',
    '\t',
  ],
  date: [
    '3/4/2020',
    '12/31/1999',
    '2/29/2024',
    '2/29/2023',
    '02/30/2020',
    '13/1/2020',
    ' 3/4/2020',
    '3/4/2020 ',
    '',
    '3-4-2020',
    '3/4/20',
    '١/4/2020',
  ],
  number: ['12', '-3.5', '+.5', '1e5', '1e', '.', '5.', '', ' 7', '7 ', '0x1', 'NaN', '1,5', '"2"'],
  option: [
    'S1',
    'S2',
    'North High',
    'north high',
    'NORTH HIGH',
    'Other',
    'other',
    ' S1',
    'S1 ',
    '',
    'S3',
    'South',
    'South High ',
  ],
};

function pick<T>(values: readonly T[], random: () => number): T {
  return values[Math.floor(random() * values.length)] as T;
}

function csvCell(value: string): string {
  return /[",\n\r]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}

/** A csv text of `rows` rows; every 17th is short, every 19th long; line ends CRLF when asked. */
function csvText(rows: number, seed: number, newline: string): string {
  let state = seed;
  const random = (): number => {
    state = (state * 1103515245 + 12345) & 0x7fffffff;
    return state / 0x80000000;
  };
  const lines = ['Name,Note,Born,Score,School,Count'];
  for (let i = 0; i < rows; i++) {
    const plain = random() < 0.5; // half the rows valid by construction, so the bits have work to do
    const cells = plain
      ? ['Ann', 'fine', '3/4/2020', '12', pick(['S1', 'North High', 'Other'], random), '4']
      : [
          pick(tricky.text, random),
          pick(tricky.text, random),
          pick(tricky.date, random),
          pick(tricky.number, random),
          pick(tricky.option, random),
          pick(tricky.number, random),
        ];
    const written = cells.map(csvCell);
    if (i % 17 === 0) written.length = 2 + (i % 3);
    if (i % 19 === 0) written.push('extra');
    lines.push(written.join(','));
  }
  return lines.join(newline) + newline;
}

async function* texts(text: string, size: number): AsyncGenerator<string, void, undefined> {
  for (let i = 0; i < text.length; i += size) yield text.slice(i, i + size);
}

/** Per row: the checker's bits, and the number of problems RowMapper.validate reported. */
async function checkedAndValidated(
  text: string,
  mappings: CompiledMapping[],
): Promise<{ bits: number[]; reports: number[][] }> {
  const { headers, chunks } = await readCsvChunks(texts(text, 997), {
    format: 'csv',
    file: 'x.csv',
    limits: defaultLimits,
  });
  const spec = rowCheckSpec(mappings, 'M/d/yyyy');
  const checker = new RowChecker(spec, headers);
  const dates = compileDateFormat('M/d/yyyy');
  assert.ok(dates.ok);
  const sink = new ProblemSink(0);
  const reporter = new RowReporter(sink, 'x.csv');
  const mappers = mappings.map((m) => new RowMapper(m, dates.parser, reporter, defaultGuardrails));
  for (const mapper of mappers) mapper.readCellsBy(headers);
  const bits: number[] = [];
  const reports: number[][] = [];
  for await (const chunk of chunks) {
    const own = { ...chunk, rows: chunk.rows.slice() };
    const checks = checker.check(own.text, own.rows, own.count);
    for (const record of csvRecords({ ...own, checks }, headers)) {
      const row = new SourceRow(record);
      bits.push(row.checks);
      reporter.begin(row);
      reports.push(
        mappers.map((mapper) => {
          const before = sink.errors + sink.warnings;
          mapper.gatherCells(row.cells ?? []);
          mapper.validate(false);
          return sink.errors + sink.warnings - before;
        }),
      );
    }
  }
  return { bits, reports };
}

describe("the reading thread's checks of mapped cells", () => {
  it('pass a row only when the mapper reports nothing for it, and pass most valid rows', async () => {
    for (const [seed, newline] of [
      [1, '\n'],
      [2, '\r\n'],
      [3, '\n'],
    ] as const) {
      const { bits, reports } = await checkedAndValidated(csvText(4000, seed, newline), [compiled(mappingFile)]);
      let clean = 0;
      let passed = 0;
      let dirty = 0;
      bits.forEach((b, r) => {
        const reported = reports[r]?.[0] ?? -1;
        if (reported === 0) clean++;
        else dirty++;
        if ((b & 1) !== 0) {
          passed++;
          assert.equal(reported, 0, `row ${r + 1} passed the checks but the mapper reported ${reported} problems`);
        }
      });
      assert.ok(dirty > 1000, `rows with problems to catch (${dirty})`);
      // Every valid-by-construction row (about half) has nothing the checks leave to the mapper.
      assert.ok(passed > 0.8 * clean, `seed ${seed}: ${passed} of ${clean} clean rows passed`);
    }
  });

  it('give each form its own bit, and none to a form a row cannot be checked for from its cells', async () => {
    const loose: MappingFile = { ...mappingFile, fields: { name: 'Name', born: 'Born' } };
    const expression: MappingFile = { ...mappingFile, fields: { name: '$uppercase(Name)' } };
    const strict: FormDefinition = {
      ...form,
      fields: form.fields.map((f) => (f.id === 'name' ? { ...f, maxLength: 2 } : f)),
    };
    const mappings = [compiled(mappingFile), compiled(loose), compiled(expression), compiled(mappingFile, strict)];
    const spec = rowCheckSpec(mappings, 'M/d/yyyy');
    assert.equal(spec.forms[2], null, 'a JSONata input');
    const { bits, reports } = await checkedAndValidated(csvText(2000, 7, '\n'), mappings);
    const seen = [0, 0, 0, 0];
    bits.forEach((b, r) => {
      for (let f = 0; f < 4; f++) {
        if ((b & (1 << f)) === 0) continue;
        seen[f] = (seen[f] ?? 0) + 1;
        assert.equal(reports[r]?.[f], 0, `row ${r + 1}, form ${f}`);
      }
    });
    assert.ok((seen[0] ?? 0) > 500 && (seen[1] ?? 0) > (seen[0] ?? 0), `forms 0 and 1 pass rows (${seen.join(', ')})`);
    assert.equal(seen[2], 0, 'no bit for a form with a JSONata input');
    // Form 3 differs from form 0 only in the name's maxLength: its bit is its own ('Ann' does not fit 2).
    assert.ok((seen[3] ?? 0) < (seen[0] ?? 0) / 10, `form 3 passes few rows (${seen[3]} of ${seen[0]})`);
  });

  it('leave out a form whose mapped column the file does not have, and forms with checkbox fields', () => {
    const checkbox: FormDefinition = {
      id: 'c',
      title: 'C',
      fields: [{ id: 'tags', type: 'checkbox', options: ['a', 'b'] }],
    };
    const spec = rowCheckSpec(
      [compiled(mappingFile), compiled({ form: 'c', import: 'x', fields: { tags: { a: 'A', b: 'B' } } }, checkbox)],
      undefined,
    );
    assert.equal(spec.forms[1], null);
    assert.equal(spec.dateFormat, null);
    assert.equal(new RowChecker(spec, ['Name', 'Note', 'Born', 'Score', 'School', 'Count']).active, true);
    assert.equal(new RowChecker(spec, ['Name', 'Note', 'Born', 'Score', 'School']).active, false);
  });
});

describe('a dry run that checks rows instead of validating them', () => {
  it('gives the problems, counts and plan of a dry run that validates every row', async () => {
    let state = 11;
    const random = (): number => {
      state = (state * 1103515245 + 12345) & 0x7fffffff;
      return state / 0x80000000;
    };
    const sandbox: SandboxPerson[] = Array.from({ length: 40 }, (_, i) => ({
      personId: `P${i + 1}`,
      localId: String(1001 + i),
      firstName: 'A',
      lastName: 'B',
    }));
    const headers = ['ID', 'Name', 'Note', 'Born', 'Score', 'School', 'Count'];
    // The by-key reader numbers lines by rows, so no cell here spans lines.
    const oneLine = tricky.text.filter((t) => !t.includes('\n'));
    const rows: string[][] = [];
    for (let i = 0; i < 3000; i++) {
      const plain = random() < 0.6;
      const cells = plain
        ? ['Ann', 'fine', '3/4/2020', '12', pick(['S1', 'North High', 'Other'], random), '4']
        : [
            pick(oneLine, random),
            pick(oneLine, random),
            pick(tricky.date, random),
            pick(tricky.number, random),
            pick(tricky.option, random),
            pick(tricky.number, random),
          ];
      rows.push([String(1001 + Math.floor(random() * 42)), ...cells]);
    }
    const strict: FormDefinition = {
      ...form,
      id: 'form-b',
      fields: form.fields.map((f) => (f.id === 'score' ? { ...f, required: true } : f)),
    };
    const s: Scenario = {
      headers,
      rows,
      fields: form.fields,
      mapping: mappingFile.fields,
      people: sandbox,
      // One kept entry: the rows of every other group are only checked.
      options: { planEntries: 1, ignoreErrorThreshold: true },
      more: [{ form: strict, mapping: { ...mappingFile, form: 'form-b', import: 'test-import' } }],
    };
    const root = tempRoot();
    const file = write(root, 'rows.csv', [headers, ...rows].map((r) => r.map(csvCell).join(',')).join('\n'));
    const byKey = await dryRun(scenarioInput(s));
    const input = scenarioInput(s);
    input.openSource = () => open(root, source(file, 'csv'));
    const checked = await dryRun(input);
    const comparable = (r: DryRunResult) =>
      JSON.parse(JSON.stringify({ ...r, timings: undefined }, (k, v) => (k === 'durationMs' ? undefined : v)));
    assert.ok(byKey.counts.rowsWithErrors > 500, `rows with problems to compare (${byKey.counts.rowsWithErrors})`);
    assert.deepEqual(comparable(checked), comparable(byKey));
  });
});
