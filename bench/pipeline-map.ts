/**
 * Map + validate cost per row, on 1M rows x 12 columns with 10 mapped fields (7 bare text columns,
 * a date, a number, a dropdown), measured in one process as the median of several passes. Reading
 * is excluded: rows are built in memory first, as null-prototype objects like the readers produce.
 * A second part runs the whole dry run (match + map + plan) over a generated in-memory reader.
 *
 *   node --import tsx bench/pipeline-map.ts [rows] [passes] [stream,resident,e2e]
 */
import type { Row } from '../engine/src/cache/processedRow';
import { compileMapping } from '../engine/src/map/compileMapping';
import { compileDateFormat } from '../engine/src/map/dateFormat';
import { RowMapper } from '../engine/src/map/rowMapper';
import type { FormDefinition, ImportConfig, MappingFile, SandboxPerson } from '../engine/src/model/workspace';
import type { SourceReader, SourceRecord } from '../engine/src/read/sourceRecord';
import { dryRun } from '../engine/src/run/dryRun';
import { ProblemSink } from '../engine/src/run/problemSink';
import { RowReporter } from '../engine/src/run/rowReporter';
import { defaultGuardrails } from '../engine/src/transform/guardrails';

const ROWS = Number(process.argv[2] ?? 1_000_000);
const PASSES = Number(process.argv[3] ?? 5);

const headers = [
  'ID',
  'First',
  'Last',
  'Middle',
  'Grade',
  'School',
  'Teacher',
  'Room',
  'DOB',
  'Score',
  'Program',
  'Unused',
];
const programs = ['Autism', 'SLD', 'OTHER', 'Speech or language impairment'];
const firsts = ['Ann', 'Bo', 'Cy', 'Di', 'Ed', 'Fa', 'Gus', 'Hal'];

function cells(i: number): string[] {
  const month = (i % 12) + 1;
  const day = (i % 28) + 1;
  return [
    String(100000 + (i % 5000)),
    firsts[i % 8] as string,
    `Last${i % 997}`,
    i % 3 === 0 ? '' : 'M',
    String((i % 12) + 1),
    `School ${i % 40}`,
    `Teacher ${i % 300}`,
    `R${i % 120}`,
    `${month}/${day}/20${String(10 + (i % 10))}`,
    String((i % 1000) / 10),
    programs[i % 4] as string,
    'x',
  ];
}

function toRow(values: string[]): Row {
  const row = Object.create(null) as Row;
  for (let c = 0; c < headers.length; c++) row[headers[c] as string] = values[c] as string;
  return row;
}

const form: FormDefinition = {
  id: 'profile',
  title: 'Profile',
  fields: [
    { id: 'first', type: 'text', required: true },
    { id: 'last', type: 'text', required: true },
    { id: 'middle', type: 'text' },
    { id: 'grade', type: 'text' },
    { id: 'school', type: 'text' },
    { id: 'teacher', type: 'text', maxLength: 200 },
    { id: 'room', type: 'text' },
    { id: 'dob', type: 'date' },
    { id: 'score', type: 'number' },
    {
      id: 'program',
      type: 'dropdown',
      options: [
        { value: 'AUT', label: 'Autism' },
        { value: 'SLD', label: 'Specific learning disability' },
        { value: 'SLI', label: 'Speech or language impairment' },
        'Other',
      ],
    },
  ],
};
const mapping: MappingFile = {
  form: 'profile',
  import: 'bench',
  fields: {
    first: 'First',
    last: 'Last',
    middle: 'Middle',
    grade: 'Grade',
    school: 'School',
    teacher: 'Teacher',
    room: '`Room`',
    dob: 'DOB',
    score: 'Score',
    program: 'Program',
  },
};

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] as number;
}

function setupMapper(): { mapper: RowMapper; reporter: RowReporter } {
  const sink = new ProblemSink(100);
  const compiled = compileMapping(
    { value: mapping, path: 'm.yaml' },
    { profile: form },
    false,
    defaultGuardrails,
    sink,
  );
  const dates = compileDateFormat('M/d/yyyy');
  if (!compiled.ok || !dates.ok) throw new Error('setup failed');
  const reporter = new RowReporter(sink, 'bench.csv');
  return { mapper: new RowMapper(compiled.mapping, dates.parser, reporter, defaultGuardrails), reporter };
}

/** Maps rows[from..to) and returns the errors reported. */
function mapRange(mapper: RowMapper, reporter: RowReporter, rows: Row[], from: number, to: number): number {
  const processed = { values: rows[0] as Row, row: 0, line: 0, record: 0 };
  let errors = 0;
  for (let i = from; i < to; i++) {
    const row = rows[i] as Row;
    processed.values = row;
    processed.row = i + 1;
    reporter.begin(processed);
    mapper.gather(row);
    errors += mapper.validate();
  }
  return errors;
}

function report(label: string, times: number[], errors: number): void {
  const ms = median(times);
  console.log(
    `${label}: ${ROWS.toLocaleString('en-US')} rows x 10 fields, median of ${times.length}: ${ms.toFixed(0)} ms ` +
      `(${((ms * 1000) / ROWS).toFixed(3)} us/row; passes ${times.map((t) => t.toFixed(0)).join(', ')} ms; errors ${errors})`,
  );
}

/**
 * Streaming-like: rows are built in batches of 1024 (as a reader hands over a parsed chunk) and
 * mapped while still fresh in the CPU cache; only the mapping is timed.
 */
function mapValidateStreaming(): void {
  const { mapper, reporter } = setupMapper();
  const batch: Row[] = new Array(1024);
  const times: number[] = [];
  let errors = 0;
  for (let pass = 0; pass < PASSES; pass++) {
    let total = 0;
    for (let start = 0; start < ROWS; start += batch.length) {
      const n = Math.min(batch.length, ROWS - start);
      for (let j = 0; j < n; j++) batch[j] = toRow(cells(start + j));
      const began = performance.now();
      errors += mapRange(mapper, reporter, batch, 0, n);
      total += performance.now() - began;
    }
    times.push(total);
  }
  report('map+validate, streaming batches', times, errors);
}

/** All rows resident (as after a sort): lookups miss the CPU cache and old-space GC walks every row. */
function mapValidateResident(): void {
  const rows: Row[] = new Array(ROWS);
  for (let i = 0; i < ROWS; i++) rows[i] = toRow(cells(i));
  const { mapper, reporter } = setupMapper();
  const times: number[] = [];
  let errors = 0;
  for (let pass = 0; pass < PASSES; pass++) {
    const started = performance.now();
    errors += mapRange(mapper, reporter, rows, 0, ROWS);
    times.push(performance.now() - started);
  }
  report('map+validate, 1M rows resident', times, errors);
}

function generatedReader(count: number): SourceReader {
  return {
    headers,
    problems: [],
    records: (async function* (): AsyncGenerator<SourceRecord> {
      for (let i = 0; i < count; i++) yield { index: i + 1, line: i + 2, value: toRow(cells(i)) };
    })(),
  };
}

async function endToEnd(): Promise<void> {
  const people: SandboxPerson[] = Array.from({ length: 5000 }, (_, i) => ({
    personId: `P${i}`,
    localId: String(100000 + i),
    firstName: 'F',
    lastName: 'L',
  }));
  const config: ImportConfig = {
    name: 'bench',
    alias: 'bench',
    source: { type: 'sftp', file: 'bench.csv', format: 'csv', dateFormat: 'M/d/yyyy' },
    personMatching: { idColumn: 'ID', matchOn: 'localId' },
  };
  const times: number[] = [];
  for (let pass = 0; pass < Math.min(PASSES, 3); pass++) {
    const heapBefore = process.memoryUsage().heapUsed;
    const started = performance.now();
    const result = await dryRun({
      config,
      configPath: 'bench.import.yaml',
      mappings: [{ value: mapping, path: 'm.yaml' }],
      forms: { profile: form },
      people,
      records: [],
      sourcePath: 'bench.csv',
      openSource: async () => generatedReader(ROWS),
    });
    const ms = performance.now() - started;
    times.push(ms);
    const t = result.timings;
    console.log(
      `dry run pass ${pass + 1}: ${ms.toFixed(0)} ms total (read+generate ${t.read.toFixed(0)}, match ${t.match.toFixed(0)}, ` +
        `map ${t.map.toFixed(0)}); ${result.counts.rowsProcessed.toLocaleString('en-US')} rows, ${result.planTotal} plan entries, ` +
        `status ${result.status}; heap ${((process.memoryUsage().heapUsed - heapBefore) / 1e6).toFixed(0)} MB above start`,
    );
  }
  console.log(`dry run median: ${median(times).toFixed(0)} ms`);
}

async function main(): Promise<void> {
  const parts = process.argv[4] ?? 'stream,resident,e2e';
  if (parts.includes('stream')) mapValidateStreaming();
  if (parts.includes('resident')) mapValidateResident();
  if (parts.includes('e2e')) await endToEnd();
}

void main();
