/**
 * Writes the sample data of samples/ (and of samples/broken/): the files under sftp/, the sandbox
 * people and records, and expected-dry-run.json. The configuration files (imports, forms, mappings,
 * transforms) are written by hand; this script reads the forms to check that every dropdown, radio
 * and checkbox value it writes is an option of its field, so the good samples stay clean.
 *
 * Deterministic: a fixed seed and no clock, so running it again rewrites identical bytes.
 *
 *   node --import tsx samples/.tools/generate-samples.ts
 */
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { parse, stringify } from 'yaml';
import { caseManagers, groups, groupWeights, middleNames } from './names';

const root = join(__dirname, '..');
const brokenRoot = join(root, 'broken');

// ---------------------------------------------------------------------------------------------
// Random numbers: mulberry32, so the samples do not change between Node versions or machines.

let seed = 20250115;
function random(): number {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = seed;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}
const int = (min: number, max: number): number => min + Math.floor(random() * (max - min + 1));
const chance = (p: number): boolean => random() < p;
function pick<T>(items: readonly T[]): T {
  return items[Math.floor(random() * items.length)]!;
}
function weighted<T>(items: readonly T[], weights: readonly number[]): T {
  const total = weights.reduce((a, b) => a + b, 0);
  let r = random() * total;
  for (let i = 0; i < items.length; i++) {
    r -= weights[i]!;
    if (r < 0) return items[i]!;
  }
  return items[items.length - 1]!;
}
function shuffle<T>(items: T[]): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [items[i], items[j]] = [items[j]!, items[i]!];
  }
  return items;
}

// ---------------------------------------------------------------------------------------------
// Dates are plain UTC day numbers, so no time zone can shift a birthday.

type Day = number; // days since 1970-01-01
const day = (y: number, m: number, d: number): Day => Date.UTC(y, m - 1, d) / 86400000;
function parts(d: Day): [number, number, number] {
  const date = new Date(d * 86400000);
  return [date.getUTCFullYear(), date.getUTCMonth() + 1, date.getUTCDate()];
}
const pad = (n: number, width = 2): string => String(n).padStart(width, '0');
function iso(d: Day): string {
  const [y, m, dd] = parts(d);
  return `${y}-${pad(m)}-${pad(dd)}`;
}
function us(d: Day): string {
  const [y, m, dd] = parts(d);
  return `${m}/${dd}/${y}`;
}
/** A school day (Monday to Friday) between two days. */
function schoolDay(from: Day, to: Day): Day {
  for (;;) {
    const d = int(from, to);
    const weekday = new Date(d * 86400000).getUTCDay();
    if (weekday !== 0 && weekday !== 6) return d;
  }
}

// ---------------------------------------------------------------------------------------------
// Output helpers.

function write(path: string, content: string | Uint8Array): void {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, content);
}

function csvCell(value: string, delimiter: string): string {
  // Quote only when needed, as spreadsheet exports do.
  return /[",\r\n]/.test(value) || value.includes(delimiter) ? `"${value.replaceAll('"', '""')}"` : value;
}
function delimited(header: string[], rows: string[][], delimiter = ','): string {
  const lines = [header, ...rows].map((r) => r.map((c) => csvCell(c, delimiter)).join(delimiter));
  // Windows line endings: the SIS and the IEP system are Windows exports.
  return `${lines.join('\r\n')}\r\n`;
}
function tsv(header: string[], rows: string[][]): string {
  for (const row of rows)
    for (const cell of row)
      if (/[\t\r\n"]/.test(cell)) throw new Error(`a tsv cell cannot hold a tab, newline or quote: ${cell}`);
  return `${[header, ...rows].map((r) => r.join('\t')).join('\r\n')}\r\n`;
}

/** windows-1252 bytes 0x80-0x9F: the characters that differ from iso-8859-1. */
const cp1252High: Record<string, number> = {
  '€': 0x80,
  '‚': 0x82,
  ƒ: 0x83,
  '„': 0x84,
  '…': 0x85,
  '†': 0x86,
  '‡': 0x87,
  ˆ: 0x88,
  '‰': 0x89,
  Š: 0x8a,
  '‹': 0x8b,
  Œ: 0x8c,
  Ž: 0x8e,
  '‘': 0x91,
  '’': 0x92,
  '“': 0x93,
  '”': 0x94,
  '•': 0x95,
  '–': 0x96,
  '—': 0x97,
  '˜': 0x98,
  '™': 0x99,
  š: 0x9a,
  '›': 0x9b,
  œ: 0x9c,
  ž: 0x9e,
  Ÿ: 0x9f,
};
function encode1252(text: string): Uint8Array {
  const bytes = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    const code = ch.charCodeAt(0);
    const byte = code < 0x80 || (code >= 0xa0 && code <= 0xff) ? code : cp1252High[ch];
    if (byte === undefined)
      throw new Error(`'${ch}' in '${text.slice(Math.max(0, i - 10), i + 10)}' is not in windows-1252`);
    bytes[i] = byte;
  }
  return bytes;
}

function xmlText(value: string): string {
  return value.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');
}

// ---------------------------------------------------------------------------------------------
// Forms: read the hand-written definitions so generated values are checked against their options.

interface Option {
  value: string;
  label: string;
}
interface Field {
  id: string;
  type: string;
  options?: (string | { value: string; label?: string })[];
  fields?: Field[];
}
function formOptions(form: string, fieldPath: string): Option[] {
  const doc = parse(readFileSync(join(root, 'forms', `${form}.form.yaml`), 'utf8')) as { fields: Field[] };
  let fields = doc.fields;
  let field: Field | undefined;
  for (const id of fieldPath.split('.')) {
    field = fields.find((f) => f.id === id);
    if (!field) throw new Error(`form ${form} has no field ${fieldPath}`);
    fields = field.fields ?? [];
  }
  return (field?.options ?? []).map((o) =>
    typeof o === 'string' ? { value: o, label: o } : { value: o.value, label: o.label ?? o.value },
  );
}
/** The option a file value selects (by value, else by label), or an error: the good samples must be clean. */
function option(form: string, fieldPath: string, fileValue: string): string {
  const options = formOptions(form, fieldPath);
  const hit = options.find((o) => o.value === fileValue) ?? options.find((o) => o.label === fileValue);
  if (!hit) throw new Error(`'${fileValue}' is not an option of ${form}.${fieldPath}`);
  return hit.value;
}

// ---------------------------------------------------------------------------------------------
// The district: people with everything the data files need.

type Gender = 'F' | 'M' | 'X';
interface Student {
  personId: string;
  localId: number;
  stateId: string;
  email: string;
  first: string;
  middle: string;
  last: string;
  gender: Gender;
  grade: number; // 0 = kindergarten
  school: string; // full name, as the SIS writes it
  birth: Day;
  entry: Day;
  language: string;
  ell: boolean;
  homeroom: string;
  active: boolean;
  group: number;
  /** 0..1: drives grades and scores, so one student's results hang together. */
  ability: number;
}

const schools = {
  maplewood: 'Maplewood Elementary',
  cedar: 'Cedar Ridge Elementary',
  lincoln: 'Lincoln Park K-8',
  riverside: 'Riverside Middle School',
};

function asciiFold(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[’'\s]/g, '')
    .replace(/ø/g, 'o')
    .toLowerCase();
}

const PEOPLE = 380;
const students: Student[] = [];
{
  const localIds = new Set<number>();
  const stateIds = new Set<string>();
  const emails = new Set<string>();
  const homerooms = new Map<string, string[]>();
  for (let i = 0; i < PEOPLE; i++) {
    const group = weighted(
      groups.map((_, g) => g),
      groupWeights,
    );
    const names = groups[group]!;
    const gender: Gender = chance(0.006) ? 'X' : chance(0.5) ? 'F' : 'M';
    const female = gender === 'F' || (gender === 'X' && chance(0.5));
    const first = pick(female ? names.female : names.male);
    // A few students carry a second family name or a parent's name from another group.
    const last = chance(0.08) ? pick(groups[pick([0, 1, 8])]!.last) : pick(names.last);
    const middle = chance(0.6) ? pick(female ? middleNames.female : middleNames.male) : '';
    const grade = i % 9;
    const school =
      grade <= 5
        ? pick([schools.maplewood, schools.maplewood, schools.cedar, schools.lincoln])
        : pick([schools.riverside, schools.riverside, schools.lincoln]);
    // Born between Sept 1 and Aug 31 of the cohort year for the 2024-2025 school year.
    const birth = int(day(2018 - grade, 9, 1), day(2019 - grade, 8, 31));
    let localId: number;
    // Local ids of various lengths, so the SIS's zero-padding to 6 digits shows leading zeros.
    do localId = chance(0.1) ? int(100, 999) : int(1000, 48999);
    while (localIds.has(localId));
    localIds.add(localId);
    let stateId: string;
    do stateId = String(int(1000000000, 9999999999));
    while (stateIds.has(stateId));
    stateIds.add(stateId);
    const base = `${asciiFold(first)}.${asciiFold(last)}`;
    let email = `${base}@students.hvusd.org`;
    for (let n = 2; emails.has(email); n++) email = `${base}${n}@students.hvusd.org`;
    emails.add(email);
    const startYear = Math.max(2024 - grade, 2017);
    const newThisYear = chance(0.04);
    const entry = newThisYear
      ? schoolDay(day(2025, 1, 6), day(2025, 1, 14))
      : schoolDay(day(startYear, 8, 26), day(startYear, 8, 30));
    const language = chance(0.55) ? names.languages[0]! : pick(names.languages);
    const key = `${school}|${grade}`;
    if (!homerooms.has(key))
      homerooms.set(key, [String(100 + grade * 10 + int(1, 3)), String(100 + grade * 10 + int(4, 7))]);
    students.push({
      personId: `P${10001 + i}`,
      localId,
      stateId,
      email,
      first,
      middle,
      last,
      gender,
      grade,
      school,
      birth,
      entry,
      language,
      ell: language !== 'English' && chance(0.45),
      homeroom: pick(homerooms.get(key)!),
      active: !chance(0.022),
      group,
      ability: random(),
    });
  }
}
const active = students.filter((s) => s.active);

// ---------------------------------------------------------------------------------------------
// Sandbox people (good and broken workspaces share the same district).

function peopleCsv(): string {
  const header = ['personId', 'localId', 'proprietaryId', 'email', 'firstName', 'lastName', 'active'];
  const rows = students.map((s) => [
    s.personId,
    String(s.localId),
    s.stateId,
    s.email,
    s.first,
    s.last,
    String(s.active),
  ]);
  return `${[header, ...rows].map((r) => r.map((c) => csvCell(c, ',')).join(',')).join('\n')}\n`;
}

// ---------------------------------------------------------------------------------------------
// Sandbox records and the dry-run outcome the samples are built to give.

interface SandboxRecord {
  id: string;
  form: string;
  person: string;
  key?: string;
  values: Record<string, unknown>;
  locked?: boolean;
  lastModified: string;
}
const records: SandboxRecord[] = [];
let recordSeq = 0;
function addRecord(
  form: string,
  person: string,
  values: Record<string, unknown>,
  modified: Day,
  extra?: { key?: string; locked?: boolean },
): void {
  recordSeq++;
  const time = `${pad(int(6, 17))}:${pad(int(0, 59))}:${pad(int(0, 59))}Z`;
  records.push({
    id: `R-${pad(recordSeq, 5)}`,
    form,
    person,
    ...(extra?.key !== undefined ? { key: extra.key } : {}),
    values,
    ...(extra?.locked ? { locked: true } : {}),
    lastModified: `${iso(modified)}T${time}`,
  });
}

interface PlanCounts {
  create: number;
  update: number;
  unchanged: number;
  skip: number;
}
const emptyCounts = (): PlanCounts => ({ create: 0, update: 0, unchanged: 0, skip: 0 });
interface Expectation {
  recordsRead: number;
  rowsProcessed: number;
  plan: Record<string, PlanCounts>;
  problems: Record<string, number>;
  notes: string;
}
const expected: Record<string, Expectation> = {};

/**
 * True when a row can leave a record unchanged. A blank cell gives its field no value, so the field
 * keeps what the record holds; but whether a checkbox group with no option true means "no value" or
 * "clear every box" is the engine's call, so such rows are never used for an unchanged record.
 */
function complete(values: Record<string, unknown>): boolean {
  return Object.values(values).every((v) => !(Array.isArray(v) && v.length === 0));
}
/** The record values as they were before the import: blanks are absent (a blank cell writes nothing). */
function stored(values: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(values).filter(([, v]) => v !== '' && v !== null && v !== undefined));
}

/**
 * Decides what an existing record holds for a row: identical values (unchanged) or values that differ
 * in one or two fields (update). `vary` returns the stored values with a realistic earlier state.
 * `writes` is what the row writes (default: its non-blank values); a varied record must differ from
 * it in a written field, else the import leaves the record as it is and the expectation "update"
 * would be a lie (a blank cell never overwrites), so the generator stops instead.
 */
function existing(
  values: Record<string, unknown>,
  keepSame: number,
  vary: (v: Record<string, unknown>) => Record<string, unknown>,
  writes: Record<string, unknown> = stored(values),
): { values: Record<string, unknown>; same: boolean } {
  if (complete(values) && chance(keepSame)) return { values: stored(values), same: true };
  const before = stored(vary({ ...values }));
  const differs = Object.entries(writes).some(([k, v]) => JSON.stringify(before[k]) !== JSON.stringify(v));
  if (!differs) throw new Error(`a varied record equals what its row writes: ${JSON.stringify(before)}`);
  return { values: before, same: false };
}

// ---------------------------------------------------------------------------------------------
// a. iep-snapshot: IEP snapshot CSV, record matching off, createMissing.

const disabilities: [string, number][] = [
  ['SLD', 33],
  ['SLI', 19],
  ['OHI', 15],
  ['AUT', 12],
  ['DD', 7],
  ['ID', 6],
  ['ED', 5],
  ['MD', 2],
  ['HI', 1],
  ['OI', 0.5],
  ['VI', 0.5],
  ['TBI', 0.4],
];
const serviceColumns = ['Svc_Speech', 'Svc_OT', 'Svc_PT', 'Svc_Counseling', 'Svc_ResourceRoom', 'Svc_Transportation'];
const serviceOptions = [
  'speech',
  'occupationalTherapy',
  'physicalTherapy',
  'counseling',
  'resourceRoom',
  'transportation',
];
const iepHeader = [
  'StateStudentID',
  'LastName',
  'FirstName',
  'Grade',
  'PrimaryDisability',
  'CaseManager',
  'IEPDate',
  'NextReviewDate',
  'ReevaluationDate',
  ...serviceColumns,
  'Notes',
];
const iepNotes = [
  (s: Student) => `${s.first} met the reading fluency goal; continue decoding support in small group.`,
  () => 'Parent requested a "check-in/check-out" plan, starting 2nd semester.',
  () =>
    'Transition to middle school: schedule a visit to Riverside in May.\nShare accommodations with the 6th grade team.',
  () => 'Uses a visual schedule, noise-cancelling headphones and movement breaks.',
  (s: Student) => `Interpreter needed for meetings (${s.language}).`,
  () => 'Extended time (1.5x), tests read aloud except reading comprehension, preferential seating.',
  () => 'AAC device at school and home; SLP consults with classroom teacher monthly.',
  () => 'Behavior intervention plan reviewed 10/2024, no changes.',
];

interface IepRow {
  student: Student;
  cells: Record<string, string>;
}
function iepRow(s: Student): IepRow {
  const disability = weighted(
    disabilities.map((d) => d[0]),
    disabilities.map((d) => d[1]),
  );
  const iepDate = schoolDay(day(2024, 2, 1), day(2025, 1, 10));
  const services = serviceOptions.map((svc) => {
    if (svc === 'speech') return disability === 'SLI' || chance(0.25);
    if (svc === 'resourceRoom') return disability === 'SLD' || chance(0.3);
    if (svc === 'occupationalTherapy')
      return ['AUT', 'MD', 'DD', 'OI'].includes(disability) ? chance(0.7) : chance(0.08);
    if (svc === 'physicalTherapy') return ['MD', 'OI'].includes(disability) || chance(0.03);
    if (svc === 'counseling') return disability === 'ED' || chance(0.15);
    return ['MD', 'OI', 'VI'].includes(disability) || chance(0.04);
  });
  // Unchecked options are written as false by the new IEP system, blank by older exports.
  const blankStyle = chance(0.4);
  const upperStyle = chance(0.03); // legacy TRUE/FALSE, which the platform accepts too
  const cells: Record<string, string> = {
    StateStudentID: s.stateId,
    LastName: s.last,
    FirstName: s.first,
    Grade: s.grade === 0 ? 'K' : String(s.grade),
    PrimaryDisability: disability,
    CaseManager: pick(caseManagers),
    IEPDate: iso(iepDate),
    NextReviewDate: iso(iepDate + 364 - int(0, 14)),
    ReevaluationDate: iso(iepDate + int(200, 1000)),
    Notes: chance(0.2) ? '' : pick(iepNotes)(s),
  };
  serviceColumns.forEach((col, i) => {
    const on = services[i]!;
    cells[col] = on ? (upperStyle ? 'TRUE' : 'true') : blankStyle ? '' : upperStyle ? 'FALSE' : 'false';
  });
  return { student: s, cells };
}
function iepValues(row: IepRow): Record<string, unknown> {
  const c = row.cells;
  return {
    disability: option('iep-snapshot', 'disability', c.PrimaryDisability!),
    caseManager: c.CaseManager,
    iepDate: c.IEPDate,
    nextReviewDate: c.NextReviewDate,
    reevaluationDate: c.ReevaluationDate,
    services: serviceOptions.filter((opt, i) => {
      option('iep-snapshot', 'services', opt);
      return c[serviceColumns[i]!]!.toLowerCase() === 'true';
    }),
    notes: c.Notes,
  };
}
const iepCsvRows = (rows: IepRow[], header = iepHeader): string[][] =>
  rows.map((r) => header.map((h) => r.cells[h] ?? ''));

const iepStudents = shuffle(active.filter((s) => s.grade >= 0)).slice(0, 118);
const iepRows = iepStudents.map(iepRow);
{
  const counts = emptyCounts();
  for (const row of iepRows) {
    const values = iepValues(row);
    if (!chance(0.68)) {
      counts.create++;
      continue;
    }
    // Some students have last year's record too: the import must update only the most recent one.
    if (chance(0.12)) {
      addRecord(
        'iep-snapshot',
        row.student.personId,
        stored({
          ...values,
          iepDate: iso(day(2023, int(2, 12), int(1, 28))),
          services: ['resourceRoom'],
          notes: 'Annual review 2023.',
        }),
        day(2024, 1, int(8, 30)),
      );
    }
    // An all-blank checkbox group writes nothing (the engine's call: it keeps the record's boxes);
    // one with any true/false cell writes the list of checked options, possibly empty.
    const servicesBlank = serviceColumns.every((col) => row.cells[col] === '');
    const writes = stored(values);
    if (servicesBlank) delete writes.services;
    const before = existing(
      values,
      0.55,
      (v) => {
        const change = int(0, 3);
        if (change === 0) v.nextReviewDate = iso(day(2025, int(2, 5), int(1, 28)));
        else if (change === 1) v.caseManager = pick(caseManagers.filter((m) => m !== v.caseManager));
        else if (change === 2 && !servicesBlank)
          v.services =
            (v.services as string[]).length > 1 ? (v.services as string[]).slice(1) : ['speech', 'counseling'];
        else if (change === 3 && v.notes !== '') v.notes = 'Pending annual review.';
        // The row leaves the chosen field blank, which keeps the record's value, so an older value
        // there would not show: the case manager changed instead. The next one in the list, not a
        // random pick, so no extra number is drawn and the rest of the samples stay as they were.
        else v.caseManager = caseManagers[(caseManagers.indexOf(v.caseManager as string) + 1) % caseManagers.length];
        return v;
      },
      writes,
    );
    addRecord('iep-snapshot', row.student.personId, before.values, day(2024, int(9, 11), int(1, 30)));
    if (before.same) counts.unchanged++;
    else counts.update++;
  }
  // IEPs of students who exited special education: not in the file, so left alone.
  for (const s of active.filter((x) => !iepStudents.includes(x)).slice(0, 6)) {
    addRecord(
      'iep-snapshot',
      s.personId,
      {
        disability: 'SLI',
        caseManager: pick(caseManagers),
        iepDate: '2023-05-12',
        services: ['speech'],
        notes: 'Exited services 5/2024.',
      },
      day(2024, 5, 20),
    );
  }
  write(join(root, 'sftp/iep/iep_snapshot.csv'), delimited(iepHeader, iepCsvRows(iepRows)));
  expected['iep-snapshot'] = {
    recordsRead: iepRows.length,
    rowsProcessed: iepRows.length,
    plan: { 'iep-snapshot': counts },
    problems: {},
    notes: 'Every row matches a person by proprietaryId; students with two IEP records update the most recent one.',
  };
}

// ---------------------------------------------------------------------------------------------
// b. term-grades: one CSV row per student and term, record matching on Term.

const terms = ['Fall', 'Winter', 'Spring'];
const effortColumns = ['Effort_Excellent', 'Effort_Good', 'Effort_Satisfactory', 'Effort_NeedsImprovement'];
const effortOptions = ['excellent', 'good', 'satisfactory', 'needsImprovement'];
const gradeHeader = [
  'StudentID',
  'LastName',
  'FirstName',
  'Term',
  'ReadingGrade',
  'MathGrade',
  'ScienceGrade',
  'DaysAbsent',
  ...effortColumns,
  'TeacherComment',
];
const comments = [
  (s: Student) => `${s.first} participates eagerly in discussions, and helps classmates.`,
  () => 'Great progress on "number talks"; keep practicing multiplication facts at home.',
  (s: Student) => `${s.first} should read 20 minutes each night, and log the books read.`,
  () => 'Needs to turn in homework on time. Missing: 4 assignments.',
  () => 'Excellent science fair project ("Which paper towel absorbs most?").',
  () => 'Working hard on written responses;\nuse the graphic organizer before drafting.',
  (s: Student) =>
    `A pleasure to have in class. ${s.first}'s focus has improved since ${pick(['October', 'November', 'the winter break'])}.`,
];
function letter(score: number): string {
  return score > 0.82 ? 'A' : score > 0.58 ? 'B' : score > 0.32 ? 'C' : score > 0.12 ? 'D' : 'F';
}
interface GradeRow {
  student: Student;
  cells: Record<string, string>;
}
function gradeRow(s: Student, term: string): GradeRow {
  const g = () => letter(Math.min(1, Math.max(0, s.ability + (random() - 0.5) * 0.35)));
  const effort = s.ability > 0.7 ? weighted(effortOptions, [5, 3, 1, 0.3]) : weighted(effortOptions, [1, 3, 3, 1.2]);
  const blankStyle = chance(0.7);
  const cells: Record<string, string> = {
    StudentID: String(s.localId),
    LastName: s.last,
    FirstName: s.first,
    Term: term,
    ReadingGrade: g(),
    MathGrade: g(),
    ScienceGrade: g(),
    DaysAbsent: String(weighted([0, 1, 2, 3, 4, 5, 7, 9, 12], [14, 12, 9, 7, 5, 4, 2, 1, 1])),
    TeacherComment: chance(0.15) ? '' : pick(comments)(s),
  };
  effortOptions.forEach((opt, i) => {
    cells[effortColumns[i]!] = opt === effort ? 'true' : blankStyle ? '' : 'false';
  });
  return { student: s, cells };
}
function gradeValues(row: GradeRow): Record<string, unknown> {
  const c = row.cells;
  const effort = effortOptions.find((_, i) => c[effortColumns[i]!] === 'true')!;
  return {
    term: option('report-card', 'term', c.Term!),
    readingGrade: option('report-card', 'readingGrade', c.ReadingGrade!),
    mathGrade: option('report-card', 'mathGrade', c.MathGrade!),
    scienceGrade: option('report-card', 'scienceGrade', c.ScienceGrade!),
    daysAbsent: Number(c.DaysAbsent),
    effort: option('report-card', 'effort', effort),
    teacherComment: c.TeacherComment,
  };
}
const gradeCsvRows = (rows: GradeRow[], header = gradeHeader): string[][] =>
  rows.map((r) => header.map((h) => r.cells[h] ?? ''));

const gradedStudents = active.filter((s) => s.grade >= 3);
const gradeRows: GradeRow[] = [];
for (const term of terms) for (const s of gradedStudents) gradeRows.push(gradeRow(s, term));
{
  const counts = emptyCounts();
  let locked = false;
  for (const row of gradeRows) {
    const values = gradeValues(row);
    const term = row.cells.Term!;
    const has = term === 'Fall' ? chance(0.78) : term === 'Winter' ? chance(0.38) : false;
    if (!has) {
      counts.create++;
      continue;
    }
    const before = existing(values, term === 'Fall' ? 0.6 : 0.4, (v) => {
      if (chance(0.5)) v.mathGrade = v.mathGrade === 'B' ? 'C' : 'B';
      else v.daysAbsent = (v.daysAbsent as number) + int(1, 3);
      if (chance(0.3)) v.teacherComment = 'Comment to follow after conferences.';
      return v;
    });
    // One Fall report card was locked at the end of the term: the import must not write to it.
    const lockIt: boolean = !locked && term === 'Fall' && !before.same;
    locked ||= lockIt;
    const modified = term === 'Fall' ? day(2024, 12, int(16, 20)) : day(2025, 3, int(17, 21));
    addRecord('report-card', row.student.personId, before.values, modified, { key: term, locked: lockIt });
    if (lockIt) counts.skip++;
    else if (before.same) counts.unchanged++;
    else counts.update++;
  }
  // Sort by student then term, the way the gradebook exports.
  const order = [...gradeRows].sort(
    (a, b) => a.student.localId - b.student.localId || terms.indexOf(a.cells.Term!) - terms.indexOf(b.cells.Term!),
  );
  write(join(root, 'sftp/grades/term_grades_2024-2025.csv'), delimited(gradeHeader, gradeCsvRows(order)));
  expected['term-grades'] = {
    recordsRead: gradeRows.length,
    rowsProcessed: gradeRows.length,
    plan: { 'report-card': counts },
    problems: { E0019: 1 },
    notes:
      'Fall records exist for most students, Winter for some, Spring for none (created). One Fall record is locked: E0019, skipped.',
  };
}

// ---------------------------------------------------------------------------------------------
// c. sis-nightly: windows-1252 TSV, zero-padded local ids, sorted on LastName.

const sisHeader = [
  'StudentNumber',
  'LastName',
  'FirstName',
  'MiddleName',
  'Gender',
  'BirthDate',
  'Grade',
  'School',
  'EntryDate',
  'HomeLanguage',
  'ELL',
  'Homeroom',
];
function sisCells(s: Student): Record<string, string> {
  return {
    StudentNumber: pad(s.localId, 6),
    LastName: s.last,
    FirstName: s.first,
    MiddleName: s.middle,
    Gender: s.gender,
    BirthDate: us(s.birth),
    Grade: s.grade === 0 ? 'KG' : pad(s.grade),
    School: s.school,
    EntryDate: us(s.entry),
    HomeLanguage: s.language,
    ELL: s.ell ? 'Y' : 'N',
    Homeroom: s.homeroom,
  };
}
function sisValues(c: Record<string, string>): Record<string, unknown> {
  // Mirrors the mapping's expressions (see mappings/student-profile.mapping.yaml).
  return {
    firstName: c.FirstName,
    lastName: c.LastName,
    middleName: c.MiddleName,
    gender: option('student-profile', 'gender', c.Gender!),
    birthDate: c.BirthDate ? iso(usToDay(c.BirthDate)) : '',
    gradeLevel: option('student-profile', 'gradeLevel', c.Grade === 'KG' ? 'K' : String(Number(c.Grade))),
    school: option('student-profile', 'school', c.School!),
    entryDate: c.EntryDate ? iso(usToDay(c.EntryDate)) : '',
    homeLanguage: c.HomeLanguage,
    englishLearner: option('student-profile', 'englishLearner', c.ELL === 'Y' ? 'Yes' : 'No'),
    homeroom: c.Homeroom,
  };
}
function usToDay(text: string): Day {
  const [m, d, y] = text.split('/').map(Number);
  return day(y!, m!, d!);
}
const sisRows = active.map(sisCells);
{
  const counts = emptyCounts();
  for (const [i, s] of active.entries()) {
    const values = sisValues(sisRows[i]!);
    // Students who enrolled this month have no profile yet: the nightly creates it.
    if (s.entry >= day(2025, 1, 1) || chance(0.015)) {
      counts.create++;
      continue;
    }
    const before = existing(values, 0.9, (v) => {
      const change = int(0, 3);
      if (change === 0) v.homeroom = String(Number(v.homeroom) + 1);
      else if (change === 1) v.englishLearner = v.englishLearner === 'Yes' ? 'No' : 'Yes';
      // Recorded as English before the home language survey; for a student whose language is English
      // that would be no change, so there the profile has none recorded yet.
      else if (change === 2) v.homeLanguage = v.homeLanguage === 'English' ? '' : 'English';
      // A name typed without its accent by hand; the SIS spelling wins.
      else
        v.lastName =
          (v.lastName as string).normalize('NFD').replace(/[\u0300-\u036f]/g, '') === v.lastName
            ? `${v.lastName as string}e`
            : (v.lastName as string).normalize('NFD').replace(/[\u0300-\u036f]/g, '');
      return v;
    });
    addRecord('student-profile', s.personId, before.values, day(2025, 1, int(2, 14)));
    if (before.same) counts.unchanged++;
    else counts.update++;
  }
  // Two new enrollments the platform does not know yet: the realistic warnings of a nightly run.
  const newcomers: Record<string, string>[] = [
    {
      StudentNumber: '049113',
      LastName: 'Ibáñez',
      FirstName: 'Martín',
      MiddleName: '',
      Gender: 'M',
      BirthDate: '3/14/2016',
      Grade: '03',
      School: schools.cedar,
      EntryDate: '1/15/2025',
      HomeLanguage: 'Spanish',
      ELL: 'Y',
      Homeroom: '132',
    },
    {
      StudentNumber: '049127',
      LastName: 'Ó Súilleabháin',
      FirstName: 'Aoife',
      MiddleName: 'Máire',
      Gender: 'F',
      BirthDate: '11/2/2012',
      Grade: '07',
      School: schools.riverside,
      EntryDate: '1/15/2025',
      HomeLanguage: 'English',
      ELL: 'N',
      Homeroom: '175',
    },
  ];
  const rows = shuffle([...sisRows, ...newcomers]);
  write(
    join(root, 'sftp/sis/students_nightly.tsv'),
    encode1252(
      tsv(
        sisHeader,
        rows.map((c) => sisHeader.map((h) => c[h] ?? '')),
      ),
    ),
  );
  expected['sis-nightly'] = {
    recordsRead: rows.length,
    rowsProcessed: rows.length,
    plan: { 'student-profile': counts },
    problems: { E0016: 2 },
    notes:
      'Two new enrollments (StudentNumber 049113 and 049127) are not yet on the platform: E0016 warnings, rows skipped.',
  };
}

// ---------------------------------------------------------------------------------------------
// d. assessments: XML, transformed per Student record into one row per administration window.

const windows = [
  { id: 'BOY', from: day(2024, 9, 9), to: day(2024, 9, 20) },
  { id: 'MOY', from: day(2025, 1, 13), to: day(2025, 1, 24) },
  { id: 'EOY', from: day(2025, 5, 12), to: day(2025, 5, 23) },
];
const levelOf = (percentile: number): string =>
  percentile < 20 ? 'Below' : percentile < 45 ? 'Approaching' : percentile < 80 ? 'Meets' : 'Exceeds';
const xmlComments = [
  'Score <10th percentile: flagged for Tier 2 intervention.',
  'Left early for an appointment; test resumed the next day & completed.',
  'Tested in a small group ("quiet room") with breaks as needed.',
  'Fire drill during session 2, about 10 minutes lost.',
  'Device disconnected twice; responses were saved.',
];
interface Administration {
  window: string;
  date: Day;
  scores: { subject: string; form: string; scale: number; percentile: number }[];
  accommodations: string;
  comment: string;
}
interface AssessedStudent {
  student: Student;
  administrations: Administration[];
}
function assess(s: Student, iep: boolean): AssessedStudent {
  const administrations: Administration[] = [];
  windows.forEach((w, wi) => {
    if (wi > 0 && chance(wi === 1 ? 0.05 : 0.3)) return; // absent for the window, or EOY not yet taken
    const scores = ['Reading', 'Math'].map((subject) => {
      const percentile = Math.min(99, Math.max(1, Math.round((s.ability * 0.8 + random() * 0.2) * 98 + 1)));
      return {
        subject,
        form: `${subject[0]}${s.grade}-${pick(['A', 'B', 'C'])}`,
        scale: Math.round(140 + s.grade * 18 + wi * 6 + percentile * 0.9 + (random() - 0.5) * 8),
        percentile,
      };
    });
    administrations.push({
      window: w.id,
      date: schoolDay(w.from, w.to),
      scores,
      accommodations: iep
        ? pick(['Extended time & small group', 'Read-aloud (math only)', 'Breaks as needed'])
        : s.ell
          ? 'Bilingual word-to-word glossary'
          : 'None',
      comment: chance(0.12) ? pick(xmlComments) : '',
    });
  });
  return { student: s, administrations };
}
function assessmentValues(a: AssessedStudent, adm: Administration): Record<string, unknown> {
  // Mirrors imports/transforms/assessments.jsonata and mappings/assessment-results.mapping.yaml.
  const score = (subject: string) => adm.scores.find((x) => x.subject === subject)!;
  return {
    window: option('assessment-results', 'window', adm.window),
    testDate: iso(adm.date),
    readingScale: score('Reading').scale,
    readingPercentile: score('Reading').percentile,
    readingLevel: option('assessment-results', 'readingLevel', levelOf(score('Reading').percentile)),
    mathScale: score('Math').scale,
    mathPercentile: score('Math').percentile,
    mathLevel: option('assessment-results', 'mathLevel', levelOf(score('Math').percentile)),
    accommodations: adm.accommodations,
    comment: adm.comment,
  };
}
function assessmentXml(items: AssessedStudent[]): string {
  const out = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<!-- Northstar Learning benchmark results, exported for Harbor Valley Unified School District. -->',
    '<AssessmentResults vendor="Northstar Learning" district="Harbor Valley USD" schoolYear="2024-2025" exported="2025-06-02T05:40:12Z">',
  ];
  for (const a of items) {
    const s = a.student;
    out.push(`  <Student id="${s.stateId}" localId="${s.localId}" grade="${s.grade}">`);
    out.push(`    <Name><Last>${xmlText(s.last)}</Last><First>${xmlText(s.first)}</First></Name>`);
    out.push(`    <School>${xmlText(s.school)}</School>`);
    for (const adm of a.administrations) {
      out.push(`    <Administration window="${adm.window}" date="${iso(adm.date)}">`);
      for (const sc of adm.scores) {
        out.push(`      <Test subject="${sc.subject}" form="${sc.form}">`);
        out.push(`        <ScaleScore>${sc.scale}</ScaleScore>`);
        out.push(`        <Percentile>${sc.percentile}</Percentile>`);
        out.push('      </Test>');
      }
      out.push(`      <Accommodations>${xmlText(adm.accommodations)}</Accommodations>`);
      if (adm.comment) out.push(`      <Comment><![CDATA[${adm.comment}]]></Comment>`);
      out.push('    </Administration>');
    }
    out.push('  </Student>');
  }
  out.push('</AssessmentResults>', '');
  return out.join('\n');
}
const assessed = active.filter((s) => s.grade >= 1).map((s) => assess(s, iepStudents.includes(s)));
{
  const counts = emptyCounts();
  let rows = 0;
  for (const a of assessed) {
    for (const adm of a.administrations) {
      rows++;
      const values = assessmentValues(a, adm);
      const has = adm.window === 'BOY' ? chance(0.85) : adm.window === 'MOY' ? chance(0.4) : false;
      if (!has) {
        counts.create++;
        continue;
      }
      const before = existing(values, 0.8, (v) => {
        // The vendor rescored a few tests after the first export.
        v.readingScale = (v.readingScale as number) - int(2, 9);
        return v;
      });
      addRecord('assessment-results', a.student.personId, before.values, adm.date + int(7, 20), { key: adm.window });
      if (before.same) counts.unchanged++;
      else counts.update++;
    }
  }
  write(join(root, 'sftp/assessments/northstar_results_2024-2025.xml'), assessmentXml(assessed));
  expected.assessments = {
    recordsRead: assessed.length,
    rowsProcessed: rows,
    plan: { 'assessment-results': counts },
    problems: {},
    notes:
      'recordsRead counts Student elements (recordPath AssessmentResults.Student); each yields one row per Administration window.',
  };
}

// ---------------------------------------------------------------------------------------------
// e. emergency-contacts: JSON with nested contact lists, joined into repeater columns.

const pickupNotes = [
  'Only the contacts listed may pick up.',
  'Court order on file (see office); do not release to non-custodial parent.',
  'Walks home with older sibling on Wednesdays.',
  'Attends after-school program at the YMCA, Mon-Thu.',
];
interface Contact {
  name: string;
  relationship: string;
  phone?: string;
}
interface ContactStudent {
  student: Student;
  lastVerified: Day;
  contacts: Contact[];
  pickupNotes: string | null;
}
const phone = (): string => `(253) 555-${pad(int(0, 9999), 4)}`;
function contactsOf(s: Student, count: number): Contact[] {
  const names = groups[s.group]!;
  const list: Contact[] = [
    { name: `${pick(names.female)} ${s.last}`, relationship: 'Mother', phone: phone() },
    { name: `${pick(names.male)} ${s.last}`, relationship: 'Father', phone: phone() },
    { name: `${pick(names.female)} ${pick(names.last)}`, relationship: 'Grandparent', phone: phone() },
    {
      name: `${pick(groups[0]!.female)} ${pick(groups[0]!.last)}`,
      relationship: pick(['Neighbor', 'Family Friend', 'Aunt/Uncle']),
      phone: phone(),
    },
    {
      name: `${pick(names.male)} ${pick(names.last)}`,
      relationship: pick(['Aunt/Uncle', 'Sibling (adult)', 'Other']),
      phone: phone(),
    },
    { name: `${pick(names.female)} ${pick(names.last)}`, relationship: 'Family Friend', phone: phone() },
  ];
  if (chance(0.1)) list[0]!.relationship = 'Guardian';
  const chosen = list.slice(0, count);
  // Some contacts have no phone on file: the column keeps an empty value so instances line up.
  for (const c of chosen.slice(1)) if (chance(0.05)) delete c.phone;
  return chosen;
}
const contactStudents: ContactStudent[] = active
  .filter(() => chance(0.93))
  .map((s) => ({
    student: s,
    lastVerified: schoolDay(day(2024, 8, 12), day(2024, 9, 27)),
    contacts: contactsOf(s, weighted([1, 2, 3, 4], [8, 45, 35, 12])),
    pickupNotes: chance(0.12) ? pick(pickupNotes) : null,
  }));
function contactsJson(items: ContactStudent[]): string {
  const docs = items.map((c) => ({
    student: {
      email: c.student.email,
      localId: String(c.student.localId),
      firstName: c.student.first,
      lastName: c.student.last,
      grade: c.student.grade === 0 ? 'K' : String(c.student.grade),
    },
    lastVerified: iso(c.lastVerified),
    emergencyContacts: c.contacts.map((x, i) => ({ priority: i + 1, ...x, canPickUp: x.relationship !== 'Neighbor' })),
    pickupNotes: c.pickupNotes,
  }));
  return `${JSON.stringify(docs, null, 2)}\n`;
}
function contactValues(c: ContactStudent): Record<string, unknown> {
  for (const x of c.contacts) option('emergency-contacts', 'contacts.relationship', x.relationship);
  return {
    contacts: c.contacts.map((x) => ({ name: x.name, relationship: x.relationship, phone: x.phone ?? '' })),
    lastVerified: iso(c.lastVerified),
    pickupNotes: c.pickupNotes,
  };
}
{
  const counts = emptyCounts();
  for (const c of contactStudents) {
    const values = contactValues(c);
    if (!chance(0.55)) {
      counts.create++;
      continue;
    }
    const sameable = c.contacts.every((x) => x.phone !== undefined);
    const before =
      sameable && chance(0.5)
        ? { values: stored(values), same: true }
        : {
            values: stored({
              ...values,
              contacts: (values.contacts as Contact[]).map((x, i) => (i === 0 ? { ...x, phone: phone() } : x)),
              lastVerified: '2023-08-28',
            }),
            same: false,
          };
    addRecord('emergency-contacts', c.student.personId, before.values, day(2024, int(8, 9), int(1, 28)));
    if (before.same) counts.unchanged++;
    else counts.update++;
  }
  write(join(root, 'sftp/contacts/emergency_contacts.json'), contactsJson(contactStudents));
  expected['emergency-contacts'] = {
    recordsRead: 1,
    rowsProcessed: contactStudents.length,
    plan: { 'emergency-contacts': counts },
    problems: {},
    notes:
      'No recordPath: the transformation receives the whole array once (recordsRead 1) and returns one row per student.',
  };
}

// ---------------------------------------------------------------------------------------------
// Sandbox files of the good workspace.

write(join(root, 'sandbox/people.csv'), peopleCsv());
const recordsHeader = [
  '# Form records that already exist on the platform, for the dry run to match against.',
  '# Generated by samples/.tools/generate-samples.ts; values are stored the way the import writes them:',
  '# dates yyyy-MM-dd, numbers as numbers, dropdown and radio fields as the option value, checkbox',
  '# groups as the list of checked option values, repeaters as a list of instances.',
  '',
].join('\n');
// YAML 1.1 rules for quoting, so dates, times and Yes/No stay strings in any YAML reader.
write(join(root, 'sandbox/records.yaml'), recordsHeader + stringify({ records }, { lineWidth: 0, version: '1.1' }));
write(join(root, '.tools/expected-dry-run.json'), `${JSON.stringify(expected, null, 2)}\n`);

// ---------------------------------------------------------------------------------------------
// samples/broken: small data files, each with one kind of defect, and copies of the good forms.

const few = <T>(items: T[], n: number): T[] => items.slice(0, n);
{
  const base = iepRows.slice(0, 24).map((r) => ({ student: r.student, cells: { ...r.cells } }));
  const variant = (edit: (row: IepRow, i: number) => void): IepRow[] =>
    base.map((r, i) => {
      const copy = { student: r.student, cells: { ...r.cells } };
      edit(copy, i);
      return copy;
    });
  const out = (name: string, rows: IepRow[], header = iepHeader) =>
    write(join(brokenRoot, 'sftp/iep', name), delimited(header, iepCsvRows(rows, header)));
  out('iep_snapshot.csv', base);
  const badDates = ['2024-13-05', '9/15/2024', '2024-02-30', 'TBD'];
  out(
    'iep_bad_dates.csv',
    variant((r, i) => {
      if (i % 6 === 2) r.cells.NextReviewDate = badDates[Math.floor(i / 6)]!;
    }),
  );
  // A second Notes column, as when two exports are pasted side by side in a spreadsheet.
  const dupHeader = [...iepHeader, 'Notes'];
  out('iep_duplicate_headers.csv', base, dupHeader);
  const unknownIds = ['1000000001', '9999999999', '4200000042', '1234567890'];
  out(
    'iep_unknown_people.csv',
    variant((r, i) => {
      if (i % 6 === 3) r.cells.StateStudentID = unknownIds[Math.floor(i / 6)]!;
    }),
  );
  const badCategories = ['Autsm', 'Dyslexia', 'Speech', 'ADHD'];
  out(
    'iep_bad_dropdown.csv',
    variant((r, i) => {
      if (i % 6 === 1) r.cells.PrimaryDisability = badCategories[Math.floor(i / 6)]!;
    }),
  );
  const badChecks = ['yes', 'X', 'Y', '1'];
  out(
    'iep_bad_checkbox.csv',
    variant((r, i) => {
      if (i % 6 === 4) r.cells[serviceColumns[i % serviceColumns.length]!] = badChecks[Math.floor(i / 6)]!;
    }),
  );
  out(
    'iep_missing_required.csv',
    variant((r, i) => {
      if (i % 8 === 5) r.cells.CaseManager = '';
    }),
  );
}
{
  const base = few(gradeRows, 24);
  write(join(brokenRoot, 'sftp/grades/term_grades.csv'), delimited(gradeHeader, gradeCsvRows(base)));
  const twoTrues = base.map((r, i) => {
    const cells = { ...r.cells };
    if (i % 8 === 3) {
      // A teacher ticked two effort levels; exactly one may be true.
      const first = effortColumns.findIndex((c) => cells[c] === 'true');
      cells[effortColumns[(first + 1) % effortColumns.length]!] = 'true';
    }
    return { student: r.student, cells };
  });
  write(join(brokenRoot, 'sftp/grades/term_grades_two_trues.csv'), delimited(gradeHeader, gradeCsvRows(twoTrues)));
}
{
  const base = sisRows.slice(0, 30);
  write(
    join(brokenRoot, 'sftp/sis/students_nightly.tsv'),
    encode1252(
      tsv(
        sisHeader,
        base.map((c) => sisHeader.map((h) => c[h] ?? '')),
      ),
    ),
  );
}
{
  const base = few(assessed, 15);
  write(join(brokenRoot, 'sftp/assessments/northstar_results.xml'), assessmentXml(base));
}
{
  const base = few(contactStudents, 14).map((c) => ({ ...c, contacts: [...c.contacts] }));
  write(join(brokenRoot, 'sftp/contacts/emergency_contacts.json'), contactsJson(base));
  // Two students with more contacts than the repeater's maxLimit of 4.
  base[2]!.contacts = contactsOf(base[2]!.student, 5);
  base[9]!.contacts = contactsOf(base[9]!.student, 6);
  write(join(brokenRoot, 'sftp/contacts/emergency_contacts_too_many.json'), contactsJson(base));
}
write(join(brokenRoot, 'sandbox/people.csv'), peopleCsv());
write(
  join(brokenRoot, 'sandbox/records.yaml'),
  '# No records yet: every row of a broken import would create one.\nrecords: []\n',
);
for (const name of readdirSync(join(root, 'forms'))) {
  const text = readFileSync(join(root, 'forms', name), 'utf8');
  write(
    join(brokenRoot, 'forms', name),
    `# Copied from samples/forms/${name} by samples/.tools/generate-samples.ts; edit the original.\n${text}`,
  );
}

console.log(`people: ${students.length} (${active.length} active); records: ${records.length}`);
for (const [alias, e] of Object.entries(expected))
  console.log(alias, JSON.stringify(e.plan), JSON.stringify(e.problems));
