/**
 * Generates large import files for benchmarks, with a workspace around them that can dry-run them.
 *
 *   node --import tsx scripts/generate-large.ts csv  --rows 1000000    --out bench/data/students-1m.csv
 *   node --import tsx scripts/generate-large.ts tsv  --rows 1000000    --out bench/data/students-1m.tsv
 *   node --import tsx scripts/generate-large.ts xml  --records 200000  --out bench/data/students-200k.xml
 *   node --import tsx scripts/generate-large.ts json --records 200000  --out bench/data/students-200k.json
 *
 * Options: --seed N (default 1), --people N (sandbox size, default 100000; row i belongs to person
 * i mod N, so every file generated into one folder with the same --people shares one people.csv),
 * --error-rate R (share of rows with one data error, default 0.001: bad dates, unknown ids,
 * values outside a dropdown, non-numbers, so the error path is measured too).
 *
 * Beside the data file, in the same folder: importstudio.yaml, imports/<alias>.import.yaml,
 * forms/bench-student.form.yaml, mappings/<alias>.mapping.yaml and sandbox/people.csv.
 * bench/data/ is git-ignored: generated files are never committed.
 *
 * The output streams through a write stream that is awaited on backpressure, so memory stays flat
 * at any size, and a seeded PRNG makes the bytes depend only on the arguments.
 */
import { once } from 'node:events';
import { createWriteStream, mkdirSync, type WriteStream, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

export type Kind = 'csv' | 'tsv' | 'xml' | 'json';

export interface Options {
  kind: Kind;
  /** Data rows (csv, tsv) or records (xml, json). */
  count: number;
  out: string;
  seed: number;
  people: number;
  errorRate: number;
}

// ---------------------------------------------------------------------------------------------
// PRNG: mulberry32 (fast, 32-bit state, identical on every platform).

class Random {
  private state: number;
  constructor(seed: number) {
    this.state = seed >>> 0;
  }
  next(): number {
    this.state = (this.state + 0x6d2b79f5) | 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }
  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)]!;
  }
}

// ---------------------------------------------------------------------------------------------
// Vocabulary. Names of many origins, with non-ASCII letters, apostrophes and hyphens, because the
// readers' decoding and quoting paths are part of what the benchmark measures.

const firstNames = [
  'Olivia',
  'Liam',
  'Sofía',
  'Mateo',
  'Aarav',
  'Priya',
  'Chidi',
  'Amara',
  'Wei',
  'Mei',
  'Minh',
  'Linh',
  'Omar',
  'Layla',
  'Zoë',
  'François',
  'Seo-yeon',
  'Min-jun',
  'Noah',
  'Emma',
  'José',
  'Valentina',
  'Kwame',
  'Ngozi',
  'Björn',
  'Ingrid',
  'Yusuf',
  'Noor',
  'Ethan',
  'Hannah',
  'Diego',
  'Lucía',
  'Arjun',
  'Ananya',
  'Hao',
  'Jia',
];
const lastNames = [
  'Smith',
  'Johnson',
  'García',
  'Martínez',
  'Nguyen',
  'Tran',
  'Patel',
  'Sharma',
  'Okafor',
  'Mensah',
  'Chen',
  'Wang',
  'Kim',
  'Park',
  'Haddad',
  'Khalil',
  'O’Brien',
  'D’Angelo',
  'Müller',
  'Lefèvre',
  'Muñoz',
  'Núñez',
  'Al-Masri',
  'Washington',
  'Brooks',
  'Sørensen',
  'Kowalski',
  'Rossi',
  'Diallo',
  'Reddy',
  'Hernández',
  'Wu',
];
const schools = [
  'Maplewood Elementary',
  'Cedar Ridge Elementary',
  'Lincoln Park K-8',
  'Riverside Middle School',
  'Harbor View High School',
  'Arts & Sciences Academy',
  'Bayside Elementary',
  'Northgate Middle School',
  'Summit Ridge High School',
  'Westlake Elementary',
  'Pioneer Valley K-8',
  'Eastside Early Learning Center',
];
const grades = ['K', '1', '2', '3', '4', '5', '6', '7', '8', '9', '10', '11', '12'];
const statuses = ['Active', 'Active', 'Active', 'Active', 'Active', 'Active', 'Inactive', 'Transferred'];
const notes = [
  '',
  '',
  '',
  '',
  '',
  '',
  'Reading intervention group B',
  'Bus 14',
  'IEP on file',
  'ELL level 3',
  'Allergy: peanuts',
  'Walks home',
  '504 plan',
  'Gifted program',
];
/** The 1 % of notes that need quoting: commas, quotes, newlines (and tabs for tsv). */
const trickyNotes = [
  'Moved from Lincoln, records requested',
  'Prefers "Alex" over legal name',
  'Custody: see office\nDo not release to father',
  'Tier 2, math; "check-in/check-out"\nreview in May',
  'Lunch, early dismissal Fridays',
];
const subjects = ['Reading', 'Math', 'Science'];
const windows = ['BOY', 'MOY', 'EOY'];
const relationships = ['Mother', 'Father', 'Guardian', 'Grandparent', 'Aunt/Uncle', 'Neighbor'];

const columns = [
  'StudentID',
  'LastName',
  'FirstName',
  'BirthDate',
  'Grade',
  'School',
  'EntryDate',
  'GPA',
  'AttendanceRate',
  'Status',
  'Email',
  'Notes',
];

/** A person's id, shared by the data rows and sandbox/people.csv. */
const studentId = (person: number): string => String(200000 + person);

function asciiFold(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f’'\s]/g, '')
    .replace(/ø/g, 'o')
    .toLowerCase();
}
// Folded once: normalize() per row would cost more than the rest of the row.
const folded = new Map([...firstNames, ...lastNames].map((name) => [name, asciiFold(name)]));
const emailOf = (first: string, last: string, person: number): string =>
  `${folded.get(first)}.${folded.get(last)}${person}@hvusd.org`;

// ---------------------------------------------------------------------------------------------
// One student row, in a form every writer shares.

interface Row {
  id: string;
  last: string;
  first: string;
  birth: [number, number, number];
  grade: string;
  school: string;
  entry: [number, number, number];
  gpa: string;
  attendance: string;
  status: string;
  email: string;
  notes: string;
}

/** Deterministic per person, so the same student looks the same in every file and in people.csv. */
function personName(person: number): { first: string; last: string } {
  return {
    first: firstNames[(person * 7 + 3) % firstNames.length]!,
    last: lastNames[(person * 13 + Math.floor(person / lastNames.length)) % lastNames.length]!,
  };
}

function makeRow(rng: Random, index: number, options: Options, tsv: boolean): Row {
  const person = index % options.people;
  const { first, last } = personName(person);
  const gradeIndex = rng.int(0, 12);
  const birthYear = 2019 - gradeIndex - rng.int(0, 1);
  let notesText = rng.pick(notes);
  if (rng.next() < 0.01) notesText = rng.pick(trickyNotes) + (tsv && rng.next() < 0.3 ? '\tsee file' : '');
  const row: Row = {
    id: studentId(person),
    last,
    first,
    birth: [rng.int(1, 12), rng.int(1, 28), birthYear],
    grade: grades[gradeIndex]!,
    school: rng.pick(schools),
    entry: [8, rng.int(20, 31), Math.max(2013, 2024 - rng.int(0, gradeIndex))],
    gpa: (rng.int(120, 400) / 100).toFixed(2),
    attendance: (rng.int(700, 1000) / 10).toFixed(1),
    status: rng.pick(statuses),
    email: emailOf(first, last, person),
    notes: notesText,
  };
  // Data errors the dry run must report, one per affected row.
  if (rng.next() < options.errorRate) {
    const kind = rng.int(0, 3);
    if (kind === 0) row.birth = [13, 45, birthYear];
    else if (kind === 1) row.id = String(9000000 + index);
    else if (kind === 2) row.status = 'Actve';
    else row.gpa = 'n/a';
  }
  return row;
}

const mdy = ([m, d, y]: [number, number, number]): string => `${m}/${d}/${y}`;
const ymd = ([m, d, y]: [number, number, number]): string => `${y}-${m < 10 ? '0' : ''}${m}-${d < 10 ? '0' : ''}${d}`;

// ---------------------------------------------------------------------------------------------
// Streaming output: text is gathered into ~256 KB chunks, and each write waits for 'drain' when
// the stream's buffer is full, so a slow disk cannot make memory grow.

class Output {
  private readonly stream: WriteStream;
  private buffer = '';
  constructor(path: string) {
    mkdirSync(dirname(path), { recursive: true });
    this.stream = createWriteStream(path);
  }
  /** Returns a promise only when the chunk was flushed, so the hot loop awaits once per chunk, not per row. */
  add(text: string): Promise<void> | undefined {
    this.buffer += text;
    return this.buffer.length >= 1 << 18 ? this.flush() : undefined;
  }
  private async flush(): Promise<void> {
    const chunk = this.buffer;
    this.buffer = '';
    if (!this.stream.write(chunk)) await once(this.stream, 'drain');
  }
  async close(): Promise<void> {
    await this.flush();
    this.stream.end();
    await once(this.stream, 'finish');
  }
}

function delimitedCell(value: string, delimiter: string): string {
  return value.includes('"') || value.includes(delimiter) || value.includes('\n') || value.includes('\r')
    ? `"${value.replaceAll('"', '""')}"`
    : value;
}

async function writeDelimited(options: Options, rng: Random, delimiter: string): Promise<void> {
  const out = new Output(options.out);
  await out.add(`${columns.join(delimiter)}\n`);
  const tsv = delimiter === '\t';
  for (let i = 0; i < options.count; i++) {
    const r = makeRow(rng, i, options, tsv);
    // Only the notes can hold a delimiter, quote or newline; checking the other cells would double the cost.
    const d = delimiter;
    const line = `${r.id}${d}${r.last}${d}${r.first}${d}${mdy(r.birth)}${d}${r.grade}${d}${r.school}${d}${mdy(r.entry)}${d}${r.gpa}${d}${r.attendance}${d}${r.status}${d}${r.email}${d}${delimitedCell(r.notes, d)}\n`;
    const flushed = out.add(line);
    if (flushed) await flushed;
  }
  await out.close();
}

const xmlEscape = (text: string): string =>
  text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;').replaceAll('"', '&quot;');

async function writeXml(options: Options, rng: Random): Promise<void> {
  const out = new Output(options.out);
  await out.add(
    '<?xml version="1.0" encoding="UTF-8"?>\n<Students district="Harbor Valley USD" schoolYear="2024-2025">\n',
  );
  for (let i = 0; i < options.count; i++) {
    const r = makeRow(rng, i, options, false);
    let s = `  <Student id="${r.id}" status="${r.status}">\n`;
    s += `    <Name><Last>${xmlEscape(r.last)}</Last><First>${xmlEscape(r.first)}</First></Name>\n`;
    s += `    <BirthDate>${ymd(r.birth)}</BirthDate>\n`;
    s += `    <Enrollment school="${xmlEscape(r.school)}" grade="${r.grade}" entryDate="${ymd(r.entry)}"/>\n`;
    s += `    <Academics gpa="${r.gpa}" attendanceRate="${r.attendance}"/>\n`;
    s += '    <Scores>\n';
    for (const subject of subjects)
      s += `      <Score subject="${subject}" window="${rng.pick(windows)}">${rng.int(150, 450)}</Score>\n`;
    s += '    </Scores>\n';
    s += `    <Contacts><Contact relationship="${rng.pick(relationships)}"><Name>${xmlEscape(`${rng.pick(firstNames)} ${r.last}`)}</Name><Phone>(253) 555-${String(rng.int(0, 9999)).padStart(4, '0')}</Phone></Contact></Contacts>\n`;
    s += `    <Email>${r.email}</Email>\n`;
    // CDATA for free text (it may hold & and <), plain escaped text otherwise.
    s += r.notes ? `    <Notes><![CDATA[${r.notes} <reviewed> & filed]]></Notes>\n` : '    <Notes/>\n';
    s += '  </Student>\n';
    const flushed = out.add(s);
    if (flushed) await flushed;
  }
  await out.add('</Students>\n');
  await out.close();
}

async function writeJson(options: Options, rng: Random): Promise<void> {
  const out = new Output(options.out);
  await out.add('{\n  "district": "Harbor Valley USD",\n  "schoolYear": "2024-2025",\n  "students": [\n');
  for (let i = 0; i < options.count; i++) {
    const r = makeRow(rng, i, options, false);
    const record = {
      id: r.id,
      status: r.status,
      name: { last: r.last, first: r.first },
      birthDate: ymd(r.birth),
      enrollment: { school: r.school, grade: r.grade, entryDate: ymd(r.entry) },
      academics: { gpa: Number(r.gpa) || r.gpa, attendanceRate: Number(r.attendance) },
      scores: subjects.map((subject) => ({ subject, window: rng.pick(windows), score: rng.int(150, 450) })),
      contacts: [{ relationship: rng.pick(relationships), name: `${rng.pick(firstNames)} ${r.last}` }],
      email: r.email,
      notes: r.notes || null,
    };
    const flushed = out.add(`    ${JSON.stringify(record)}${i + 1 < options.count ? ',' : ''}\n`);
    if (flushed) await flushed;
  }
  await out.add('  ]\n}\n');
  await out.close();
}

// ---------------------------------------------------------------------------------------------
// The workspace around the data file.

/** The transformation that gives xml and json records the same columns a csv row has. */
const transformations: Record<'xml' | 'json', string> = {
  xml: `{
      "StudentID": \`@id\`,
      "LastName": Name.Last,
      "FirstName": Name.First,
      "BirthDate": BirthDate,
      "Grade": Enrollment.\`@grade\`,
      "School": Enrollment.\`@school\`,
      "EntryDate": Enrollment.\`@entryDate\`,
      "GPA": Academics.\`@gpa\`,
      "AttendanceRate": Academics.\`@attendanceRate\`,
      "Status": \`@status\`,
      "Email": Email,
      "Notes": Notes
    }`,
  json: `{
      "StudentID": id,
      "LastName": name.last,
      "FirstName": name.first,
      "BirthDate": birthDate,
      "Grade": enrollment.grade,
      "School": enrollment.school,
      "EntryDate": enrollment.entryDate,
      "GPA": academics.gpa,
      "AttendanceRate": academics.attendanceRate,
      "Status": status,
      "Email": email,
      "Notes": notes
    }`,
};

function aliasOf(file: string): string {
  return (
    file
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '') || 'bench'
  );
}

function writeWorkspace(options: Options): void {
  const folder = dirname(options.out);
  const file = basename(options.out);
  const alias = aliasOf(file);
  const put = (path: string, text: string) => {
    mkdirSync(dirname(join(folder, path)), { recursive: true });
    writeFileSync(join(folder, path), text);
  };
  put(
    'importstudio.yaml',
    [
      '# Benchmark workspace written by scripts/generate-large.ts (not committed).',
      'version: 1',
      'name: Import Studio benchmark',
      'sftpRoot: .',
      'sandbox:',
      '  people: sandbox/people.csv',
      '',
    ].join('\n'),
  );
  const structured = options.kind === 'xml' || options.kind === 'json';
  const lines = [
    `# Generated by scripts/generate-large.ts: ${options.count} ${structured ? 'records' : 'rows'}, seed ${options.seed}.`,
    `name: Benchmark ${file}`,
    `alias: ${alias}`,
    'source:',
    '  type: sftp',
    `  file: ${file}`,
    `  format: ${options.kind}`,
    '  encoding: utf-8',
    `  dateFormat: ${structured ? 'yyyy-MM-dd' : 'M/d/yyyy'}`,
  ];
  if (structured) {
    lines.push(`  recordPath: ${options.kind === 'xml' ? 'Students.Student' : 'students'}`);
    lines.push('transformation:', '  expression: |', `    ${transformations[options.kind as 'xml' | 'json']}`);
  }
  lines.push(
    'personMatching:',
    '  idColumn: StudentID',
    '  matchOn: localId',
    'recordMatching: false',
    'runOptions:',
    '  recordCreationMode: createMissing',
    // The generated errors (--error-rate) would otherwise stop a large run at 500.
    '  ignoreErrorThreshold: true',
    '',
  );
  put(`imports/${alias}.import.yaml`, lines.join('\n'));
  put(
    'forms/bench-student.form.yaml',
    [
      '# The benchmark form: 10 mapped fields, among them dates, numbers and dropdowns.',
      'id: bench-student',
      'title: Benchmark Student',
      'fields:',
      '  - { id: lastName, type: text, required: true, maxLength: 60 }',
      '  - { id: firstName, type: text, required: true, maxLength: 60 }',
      '  - { id: birthDate, type: date, required: true }',
      `  - { id: grade, type: dropdown, options: [${grades.map((g) => `'${g}'`).join(', ')}] }`,
      '  - id: school',
      '    type: dropdown',
      '    options:',
      ...schools.map((s, i) => `      - { value: S${String(i + 1).padStart(2, '0')}, label: '${s}' }`),
      '  - { id: entryDate, type: date }',
      '  - { id: gpa, type: number }',
      '  - { id: attendanceRate, type: number }',
      '  - { id: status, type: dropdown, options: [Active, Inactive, Transferred] }',
      '  - { id: notes, type: textarea, maxLength: 4000 }',
      '',
    ].join('\n'),
  );
  put(
    `mappings/${alias}.mapping.yaml`,
    [
      `# How ${alias} fills the benchmark form.`,
      'form: bench-student',
      `import: ${alias}`,
      'fields:',
      '  lastName: LastName',
      '  firstName: FirstName',
      '  birthDate: BirthDate',
      '  grade: Grade',
      '  school: School',
      '  entryDate: EntryDate',
      '  gpa: GPA',
      '  attendanceRate: AttendanceRate',
      '  status: Status',
      '  notes: Notes',
      '',
    ].join('\n'),
  );
}

async function writePeople(options: Options): Promise<void> {
  const out = new Output(join(dirname(options.out), 'sandbox/people.csv'));
  await out.add('personId,localId,proprietaryId,email,firstName,lastName,active\n');
  for (let p = 0; p < options.people; p++) {
    const { first, last } = personName(p);
    const flushed = out.add(
      `B${p + 1},${studentId(p)},${9000000000 + p},${emailOf(first, last, p)},${first},${last},true\n`,
    );
    if (flushed) await flushed;
  }
  await out.close();
}

export async function generate(options: Options): Promise<void> {
  const rng = new Random(options.seed);
  if (options.kind === 'csv') await writeDelimited(options, rng, ',');
  else if (options.kind === 'tsv') await writeDelimited(options, rng, '\t');
  else if (options.kind === 'xml') await writeXml(options, rng);
  else await writeJson(options, rng);
  writeWorkspace(options);
  await writePeople(options);
}

// ---------------------------------------------------------------------------------------------
// Command line.

function parseArgs(argv: string[]): Options {
  const [kind, ...rest] = argv;
  if (kind !== 'csv' && kind !== 'tsv' && kind !== 'xml' && kind !== 'json') {
    throw new Error(
      'usage: generate-large.ts <csv|tsv|xml|json> [--rows N | --records N] [--out FILE] [--seed N] [--people N] [--error-rate R]',
    );
  }
  const flags = new Map<string, string>();
  for (let i = 0; i < rest.length; i += 2) {
    const name = rest[i]!;
    const value = rest[i + 1];
    if (!name.startsWith('--') || value === undefined) throw new Error(`expected --option value, got '${name}'`);
    flags.set(name.slice(2), value);
  }
  const number = (name: string, fallback: number): number => {
    const text = flags.get(name);
    if (text === undefined) return fallback;
    const value = Number(text.replace(/_/g, ''));
    if (!Number.isFinite(value) || value < 0) throw new Error(`--${name} must be a non-negative number`);
    return value;
  };
  const count = number('rows', number('records', kind === 'csv' || kind === 'tsv' ? 1_000_000 : 200_000));
  return {
    kind,
    count: Math.floor(count),
    out: flags.get('out') ?? `bench/data/students-${count}.${kind}`,
    seed: number('seed', 1),
    people: Math.max(1, Math.floor(number('people', 100_000))),
    errorRate: number('error-rate', 0.001),
  };
}

async function main(): Promise<void> {
  const options = parseArgs(process.argv.slice(2));
  const started = performance.now();
  await generate(options);
  const seconds = (performance.now() - started) / 1000;
  console.log(
    `${options.out}: ${options.count} ${options.kind} ${options.kind === 'csv' || options.kind === 'tsv' ? 'rows' : 'records'} in ${seconds.toFixed(2)} s (workspace in ${dirname(options.out)})`,
  );
}

// Run only as a script, so the test can import generate() without writing anything.
if (require.main === module) {
  main().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  });
}
