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

interface CsvTable {
  header: string[];
  rows: { cells: string[]; line: number }[];
  problems: Problem[];
}

/** The whole fixture through the Read stage's scanner: rows with their 0-based lines, blank lines skipped. */
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
  const rows: { cells: string[]; line: number }[] = [];
  const t = tape.data;
  let line = 0;
  let k = 0;
  for (let r = 0; r < tape.rows; r++) {
    const start = t[k] as number;
    const end = t[k + 1] as number;
    const n = t[k + 3] as number;
    const cells = new Array<string>(n);
    let blank = true;
    for (let c = 0; c < n; c++) {
      const cell = cellText(text, t[k + 4 + 2 * c] as number, t[k + 5 + 2 * c] as number);
      cells[c] = cell;
      if (blank && cell.trim() !== '') blank = false;
    }
    if (!blank) rows.push({ cells, line });
    for (let j = text.indexOf('\n', start); j !== -1 && j < end; j = text.indexOf('\n', j + 1)) line++;
    k += 4 + 2 * n;
  }
  if (failure) {
    const at = lineColumnAt(text, failure.offset);
    const what = failure.kind === 'unclosedQuote' ? 'a quoted field is not closed' : 'text follows a closing quote';
    problems.push(
      problem('E0015', `Malformed csv in '${file}' at line ${at.line}: ${what}; the rest of the file was not read.`, [
        dataLocation(file, at.line, at.column),
      ]),
    );
  }
  const [header, ...data] = rows;
  return { header: (header?.cells ?? []).map((h) => h.trim()), rows: data, problems };
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

export function peopleFromCsv(text: string, file: string): { people: SandboxPerson[]; problems: Problem[] } {
  const table = readCsv(text, file);
  const problems = [...table.problems, ...checkHeader(table, file, peopleColumns, requiredPeopleColumns, false)];
  const people: SandboxPerson[] = [];
  const at = new Map(peopleColumns.map((c) => [c, table.header.indexOf(c)]));
  table.rows.forEach(({ cells, line }, index) => {
    const get = (column: (typeof peopleColumns)[number]) => {
      const i = at.get(column) ?? -1;
      return i < 0 ? '' : (cells[i] ?? '').trim();
    };
    const row = index + 1;
    const missing = requiredPeopleColumns.filter((c) => get(c) === '');
    if (missing.length > 0) {
      problems.push(
        problem('E0033', `Row ${row} of '${file}' has no ${missing.join(', ')}.`, [
          rowLocation(file, row, line, missing[0]),
        ]),
      );
      return;
    }
    const active = parseBoolean(get('active'));
    if (active === 'invalid') {
      problems.push(
        problem('E0033', `Row ${row} of '${file}': active must be true or false, not '${get('active')}'.`, [
          rowLocation(file, row, line, 'active'),
        ]),
      );
    }
    const person: SandboxPerson = { personId: get('personId'), firstName: get('firstName'), lastName: get('lastName') };
    for (const key of ['localId', 'proprietaryId', 'email'] as const) {
      const v = get(key);
      if (v !== '') person[key] = v;
    }
    if (typeof active === 'boolean') person.active = active;
    people.push(person);
  });
  return { people, problems };
}

export function recordsFromCsv(text: string, file: string): { records: SandboxRecord[]; problems: Problem[] } {
  const table = readCsv(text, file);
  const problems = [...table.problems, ...checkHeader(table, file, recordColumns, requiredRecordColumns, true)];
  const records: SandboxRecord[] = [];
  table.rows.forEach(({ cells, line }, index) => {
    const row = index + 1;
    const values: Record<string, unknown> = {};
    const fixed: Record<string, string> = {};
    table.header.forEach((column, i) => {
      const cell = (cells[i] ?? '').trim();
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
