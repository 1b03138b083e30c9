/**
 * Sandbox fixtures in CSV: people (the header personId,localId,proprietaryId,email,firstName,
 * lastName,active) and records (id,form,person,key,locked,lastModified, every other column a field
 * value). Small files only; YAML fixtures go through the people and records schemas instead.
 */
import { problem } from '../errors/catalog';
import type { Problem } from '../errors/problem';
import type { SandboxPerson, SandboxRecord } from '../model/workspace';
import { CsvScanner, CsvSyntaxError, cellText, RowTape } from '../read/csvScanner';
import { dataLocation, lineColumnAt } from '../read/location';
import { didYouMean, suggest } from './suggest';

export const peopleColumns = [
  'personId',
  'localId',
  'proprietaryId',
  'email',
  'firstName',
  'lastName',
  'active',
] as const;
const requiredPeopleColumns: (typeof peopleColumns)[number][] = ['personId', 'firstName', 'lastName'];
export const recordColumns = ['id', 'form', 'person', 'key', 'locked', 'lastModified'] as const;
const requiredRecordColumns = ['id', 'form', 'person', 'lastModified'];

/**
 * A fixture's rows, a cell at a time: `cell(i)` is the i-th cell of the current row, trimmed (''
 * past its end). No array or object is made per row: a 100k-person sandbox is read before every
 * dry run, and rows held until the end were promoted by the garbage collector, most of the load.
 */
interface CsvRows {
  /** 1-based data row (blank lines not counted) and 0-based line of the current row. */
  row: number;
  line: number;
  cell(i: number): string;
}

interface CsvTable {
  header: string[];
  problems: Problem[];
  /** Calls `each` for every data row, in order; the cursor is only valid during the call. */
  forEachRow(each: (row: CsvRows) => void): void;
}

/** The whole fixture through the Read stage's scanner: the header, then the rows, blank lines skipped. */
function readCsv(text: string, file: string): CsvTable {
  const tape = new RowTape();
  const problems: Problem[] = [];
  let failure: CsvSyntaxError | undefined;
  try {
    new CsvScanner(',').scan(text, true, tape);
  } catch (error) {
    if (!(error instanceof CsvSyntaxError)) throw error;
    // The rows before the error are still read: a fixture with one bad quote loses one row, not all.
    failure = error;
  }
  const t = tape.data;
  // The cursor: the tape index of the current row's first cell, and its cell count.
  let at = 0;
  let count = 0;
  const cursor: CsvRows = {
    row: 0,
    line: 0,
    cell: (i) =>
      i < 0 || i >= count ? '' : trimmed(cellText(text, t[at + 2 * i] as number, t[at + 2 * i + 1] as number)),
  };
  /** Every non-blank row with its 0-based line. */
  const visit = (each: () => boolean | void): void => {
    let line = 0;
    let k = 0;
    for (let r = 0; r < tape.rows; r++) {
      const start = t[k] as number;
      const end = t[k + 1] as number;
      count = t[k + 3] as number;
      at = k + 4;
      let blank = true;
      for (let c = 0; c < count && blank; c++) blank = cursor.cell(c) === '';
      cursor.line = line;
      if (!blank && each() === false) return;
      for (let j = text.indexOf('\n', start); j !== -1 && j < end; j = text.indexOf('\n', j + 1)) line++;
      k = at + 2 * count;
    }
  };
  let header: string[] = [];
  let headerRows = 0;
  visit(() => {
    header = Array.from({ length: count }, (_, i) => cursor.cell(i));
    headerRows = 1;
    return false;
  });
  const forEachRow = (each: (row: CsvRows) => void): void => {
    let seen = 0;
    visit(() => {
      if (++seen <= headerRows) return;
      cursor.row = seen - headerRows;
      each(cursor);
    });
  };
  if (failure) {
    const at = lineColumnAt(text, failure.offset);
    const what = failure.kind === 'unclosedQuote' ? 'a quoted field is not closed' : 'text follows a closing quote';
    problems.push(
      problem('E0015', `Malformed csv in '${file}' at line ${at.line}: ${what}; the rest of the file was not read.`, [
        dataLocation(file, at.line, at.column),
      ]),
    );
  }
  return { header, problems, forEachRow };
}

function rowLocation(file: string, row: number, line: number, column?: string) {
  return {
    file,
    row,
    range: { start: { line, character: 0 }, end: { line, character: 0 } },
    ...(column ? { column } : {}),
  };
}

function checkHeader(table: CsvTable, file: string, known: readonly string[], required: string[], open: boolean) {
  const problems: Problem[] = [];
  const headerRange = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
  const missing = required.filter((c) => !table.header.includes(c));
  if (missing.length > 0) {
    problems.push(
      problem(
        'E0033',
        `The header of '${file}' lacks the column${missing.length > 1 ? 's' : ''} ${missing.join(', ')}.`,
        [{ file, range: headerRange }],
        { data: { missing } },
      ),
    );
  }
  if (!open) {
    for (const column of table.header.filter((h) => !known.includes(h))) {
      const suggestions = suggest(column, known);
      problems.push(
        problem(
          'E0033',
          `Unknown column '${column}' in '${file}'.${didYouMean(suggestions)}`,
          [{ file, range: headerRange, column }],
          { data: { unknownKey: column, suggestions, allowed: [...known] } },
        ),
      );
    }
  }
  return problems;
}

function parseBoolean(value: string): boolean | undefined | 'invalid' {
  const v = value.trim().toLowerCase();
  if (v === '') return undefined;
  if (v === 'true' || v === 'yes' || v === '1') return true;
  if (v === 'false' || v === 'no' || v === '0') return false;
  return 'invalid';
}

/** `value.trim()`, without making a string when there is nothing to trim (nearly every cell). */
function trimmed(value: string): string {
  const n = value.length;
  if (n === 0) return value;
  const first = value.charCodeAt(0);
  const last = value.charCodeAt(n - 1);
  // Only ASCII whitespace and control characters, or non-ASCII (some of it whitespace), can be trimmed.
  return first <= 32 || last <= 32 || first >= 128 || last >= 128 ? value.trim() : value;
}

/**
 * The people of a csv fixture, read by column index from the row cursor: nothing is made per row
 * but the person (this was ~0.25 s of loading a 100k-person sandbox, mostly garbage collection).
 */
export function peopleFromCsv(text: string, file: string): { people: SandboxPerson[]; problems: Problem[] } {
  const table = readCsv(text, file);
  const problems = [...table.problems, ...checkHeader(table, file, peopleColumns, requiredPeopleColumns, false)];
  const people: SandboxPerson[] = [];
  const at = (column: (typeof peopleColumns)[number]): number => table.header.indexOf(column);
  const [personIdAt, firstNameAt, lastNameAt, localIdAt, proprietaryIdAt, emailAt, activeAt] = [
    at('personId'),
    at('firstName'),
    at('lastName'),
    at('localId'),
    at('proprietaryId'),
    at('email'),
    at('active'),
  ];
  table.forEachRow((cursor) => {
    const { row, line } = cursor;
    const personId = cursor.cell(personIdAt);
    const firstName = cursor.cell(firstNameAt);
    const lastName = cursor.cell(lastNameAt);
    if (personId === '' || firstName === '' || lastName === '') {
      const found: Record<string, string> = { personId, firstName, lastName };
      const missing = requiredPeopleColumns.filter((c) => found[c] === '');
      problems.push(
        problem('E0033', `Row ${row} of '${file}' has no ${missing.join(', ')}.`, [
          rowLocation(file, row, line, missing[0]),
        ]),
      );
      return;
    }
    const activeText = cursor.cell(activeAt);
    const active = activeText === 'true' ? true : activeText === 'false' ? false : parseBoolean(activeText);
    if (active === 'invalid') {
      problems.push(
        problem('E0033', `Row ${row} of '${file}': active must be true or false, not '${activeText}'.`, [
          rowLocation(file, row, line, 'active'),
        ]),
      );
    }
    const localId = cursor.cell(localIdAt);
    const proprietaryId = cursor.cell(proprietaryIdAt);
    const email = cursor.cell(emailAt);
    if (localId !== '' && proprietaryId !== '' && email !== '' && typeof active === 'boolean') {
      // The usual row, made in one literal: adding four keys one by one moved each person to a new
      // hidden class and an out-of-object property store (~3x the time for 100k people).
      people.push({ personId, firstName, lastName, localId, proprietaryId, email, active });
      return;
    }
    const person: SandboxPerson = { personId, firstName, lastName };
    if (localId !== '') person.localId = localId;
    if (proprietaryId !== '') person.proprietaryId = proprietaryId;
    if (email !== '') person.email = email;
    if (typeof active === 'boolean') person.active = active;
    people.push(person);
  });
  return { people, problems };
}

export function recordsFromCsv(text: string, file: string): { records: SandboxRecord[]; problems: Problem[] } {
  const table = readCsv(text, file);
  const problems = [...table.problems, ...checkHeader(table, file, recordColumns, requiredRecordColumns, true)];
  const records: SandboxRecord[] = [];
  table.forEachRow((cursor) => {
    const { row, line } = cursor;
    const values: Record<string, unknown> = {};
    const fixed: Record<string, string> = {};
    table.header.forEach((column, i) => {
      const cell = cursor.cell(i);
      if ((recordColumns as readonly string[]).includes(column)) fixed[column] = cell;
      // defineProperty: a column named __proto__ stays a plain key.
      else if (cell !== '')
        Object.defineProperty(values, column, { value: cell, enumerable: true, writable: true, configurable: true });
    });
    const missing = requiredRecordColumns.filter((c) => !fixed[c]);
    if (missing.length > 0) {
      problems.push(
        problem('E0033', `Row ${row} of '${file}' has no ${missing.join(', ')}.`, [
          rowLocation(file, row, line, missing[0]),
        ]),
      );
      return;
    }
    const locked = parseBoolean(fixed.locked ?? '');
    if (locked === 'invalid') {
      problems.push(
        problem('E0033', `Row ${row} of '${file}': locked must be true or false, not '${fixed.locked}'.`, [
          rowLocation(file, row, line, 'locked'),
        ]),
      );
    }
    const record: SandboxRecord = {
      id: fixed.id ?? '',
      form: fixed.form ?? '',
      person: fixed.person ?? '',
      values,
      lastModified: fixed.lastModified ?? '',
    };
    if (fixed.key) record.key = fixed.key;
    if (typeof locked === 'boolean') record.locked = locked;
    records.push(record);
  });
  return { records, problems };
}
