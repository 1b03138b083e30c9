/**
 * csv and tsv: the header row, one SourceRecord per data row, with the line each row starts on.
 *
 * The scanner (csvScanner.ts) finds the cells; this module does the rest: it tracks the 1-based start line of every row (a quoted newline makes a row span lines),
 * bounds a row's length so an unclosed quote in a huge file stops early instead of filling memory,
 * reports ragged rows, duplicate headers and quoting errors with their lines, and builds
 * null-prototype row objects so a `__proto__` or `constructor` header is a plain key.
 */
import { problem } from '../errors/catalog';
import type { Problem } from '../errors/problem';
import { ProblemError } from '../errors/problem';
import { recordStream } from './batches';
import { CsvScanner, CsvSyntaxError, cellText, ROW_QUOTED, RowTape } from './csvScanner';
import { describeSize, type ReadLimits } from './limits';
import { nullObject } from './nullObject';
import { canonicalIntegerIn } from '../match/canonicalInteger';
import { dataLocation, lineColumnAt } from './location';
import type { RowCellChecker, SourceReader, SourceRecord } from './sourceRecord';

export interface CsvOptions {
  format: 'csv' | 'tsv';
  /** The file as locations name it. */
  file: string;
  limits: ReadLimits;
  /** Ragged-row warnings listed one by one; past this, one summary warning counts the rest. */
  maxRaggedWarnings?: number;
}

const CR = 13;
const NEWLINE = 10;

/**
 * A parsed chunk's data rows, by position: what crosses to another thread (read/parallel) and what
 * `csvRecords` turns into records. Valid until the generator is resumed (its arrays are reused).
 */
export interface CsvChunk {
  /** The decoded text the offsets index. */
  readonly text: string;
  /** Per data row: its line, its cell count, then each cell's start and end (an end `~e` means doubled quotes to undo). */
  readonly rows: Int32Array;
  /** Data rows in `rows`. */
  readonly count: number;
  /** The 1-based record number of the first row. */
  readonly firstIndex: number;
  /** Per data row, the forms whose checks passed on the reading thread (map/rowChecks.ts); absent when none were made. */
  readonly checks?: Uint32Array;
}

/** The header row and the chunks of data rows; `problems` is complete once the chunks are. */
export interface CsvChunks {
  readonly headers: string[];
  /** The chunks after the header (the first may be empty: the one that completed the header). */
  readonly chunks: AsyncGenerator<CsvChunk, void, undefined>;
  readonly problems: Problem[];
}

/** Reads up to the header row (so `headers` is known), then streams the data rows. */
export async function readCsv(
  texts: AsyncGenerator<string, void, undefined>,
  options: CsvOptions,
): Promise<SourceReader> {
  const { headers, chunks, problems } = await readCsvChunks(texts, options);
  return { headers, ...recordStream(recordBatches(chunks, headers)), problems };
}

async function* recordBatches(
  chunks: AsyncGenerator<CsvChunk, void, undefined>,
  headers: readonly string[],
): AsyncGenerator<SourceRecord[], void, undefined> {
  try {
    // The scanner reuses its arrays and the records keep theirs: a copy of the chunk's (one memcpy).
    for await (const chunk of chunks)
      if (chunk.count > 0) yield csvRecords({ ...chunk, rows: chunk.rows.slice() }, headers);
  } finally {
    await chunks.return(undefined);
  }
}

/**
 * A chunk's rows as records, each reading its cells out of the chunk's text when asked. `rows` must
 * be the chunk's own (not an array the scanner reuses): the records keep it.
 */
export function csvRecords(chunk: CsvChunk, headers: readonly string[]): SourceRecord[] {
  const { text, rows, count, checks } = chunk;
  const out = new Array<SourceRecord>(count);
  let k = 0;
  for (let r = 0; r < count; r++) {
    const line = rows[k] as number;
    const n = rows[k + 1] as number;
    out[r] = new CsvRecord(
      chunk.firstIndex + r,
      line,
      text,
      rows,
      k + 1,
      headers,
      checks === undefined ? 0 : (checks[r] as number),
    );
    k += 2 + 2 * n;
  }
  return out;
}

/** Reads up to the header row, then hands out the data rows by position. */
export async function readCsvChunks(
  texts: AsyncGenerator<string, void, undefined>,
  options: CsvOptions,
): Promise<CsvChunks> {
  const problems: Problem[] = [];
  const state: { headers?: string[] } = {};
  const chunks = csvChunks(texts, options, state, problems);
  let first: CsvChunk | undefined;
  try {
    while (!state.headers) {
      const step = await chunks.next();
      if (step.done) break;
      first = step.value;
    }
  } catch (error) {
    await chunks.return(undefined);
    throw error;
  }
  if (!state.headers) {
    throw new ProblemError(
      problem('E0006', `The file '${options.file}' is empty: it has no header row, only blank lines.`, [
        { file: options.file },
      ]),
    );
  }
  return { headers: state.headers, chunks: prepend(first, chunks), problems };
}

async function* prepend(
  first: CsvChunk | undefined,
  rest: AsyncGenerator<CsvChunk, void, undefined>,
): AsyncGenerator<CsvChunk, void, undefined> {
  try {
    if (first && first.count > 0) yield first;
    yield* rest;
  } finally {
    await rest.return(undefined);
  }
}

async function* csvChunks(
  texts: AsyncGenerator<string, void, undefined>,
  options: CsvOptions,
  state: { headers?: string[] },
  problems: Problem[],
): AsyncGenerator<CsvChunk, void, undefined> {
  const { file, limits } = options;
  const scanner = new CsvScanner(options.format === 'tsv' ? '\t' : ',');
  const tape = new RowTape();
  const out = new RowTape();
  const maxRagged = options.maxRaggedWarnings ?? 100;
  const formatName = options.format;

  // `pending` is the text of the incomplete row after the last chunk; `line` the line it starts on.
  let pending = '';
  let line = 1;
  let headers: string[] | undefined;
  let width = 0;
  let index = 0;
  let ragged = 0;

  const tooLong = (startLine: number, length: number): ProblemError =>
    new ProblemError(
      problem(
        'E0042',
        `The ${formatName} record starting at line ${startLine} is longer than ${describeSize(limits.maxLineChars)} ` +
          `(${length > limits.maxLineChars ? 'at least ' : ''}${length} characters); reading stopped there. ` +
          'An unclosed quote makes the rest of the file one field, which also looks like this.',
        [dataLocation(file, startLine)],
        { data: { line: startLine, maxLineChars: limits.maxLineChars } },
      ),
    );

  const syntaxError = (error: CsvSyntaxError, text: string, from: number, startLine: number): ProblemError => {
    const at = lineColumnAt(text.slice(from), error.offset - from, startLine);
    const what =
      error.kind === 'unclosedQuote'
        ? `a quoted field opened at line ${at.line}, column ${at.column} is not closed before the end of the file`
        : `a closing quote at line ${at.line} is followed by other text instead of a delimiter or the end of the line`;
    return new ProblemError(
      problem(
        'E0015',
        `Malformed ${formatName} at line ${at.line}: ${what}.`,
        [dataLocation(file, at.line, at.column)],
        {
          data: { line: at.line, column: at.column },
        },
      ),
    );
  };

  /** The rows of `text` the scanner completed: lines, blank lines, the header, ragged rows. */
  const take = (text: string): void => {
    out.reset();
    const t = tape.data;
    let k = 0;
    for (let r = 0; r < tape.rows; r++) {
      const start = t[k] as number;
      const end = t[k + 1] as number;
      const flags = t[k + 2] as number;
      const n = t[k + 3] as number;
      const cellsAt = k + 4;
      k = cellsAt + 2 * n;
      const startLine = line;
      if (flags & ROW_QUOTED) {
        for (let j = text.indexOf('\n', start); j !== -1 && j < end; j = text.indexOf('\n', j + 1)) line++;
      } else if (text.charCodeAt(end - 1) === NEWLINE) line++;
      if (end - start > limits.maxLineChars) throw tooLong(startLine, end - start);

      // A CRLF row: its last cell ends with the '\r' before the newline.
      const lastAt = cellsAt + 2 * n - 2;
      const lastStart = t[lastAt] as number;
      const lastEnd = t[lastAt + 1] as number;
      const lastStop = lastEnd >= 0 ? lastEnd : ~lastEnd;
      if (lastStop > lastStart && text.charCodeAt(lastStop - 1) === CR)
        t[lastAt + 1] = lastEnd >= 0 ? lastEnd - 1 : lastEnd + 1;
      if (n === 1 && (t[lastAt + 1] as number) === lastStart) continue; // blank line (an empty quoted cell too)

      if (!headers) {
        const cells = new Array<string>(n);
        for (let c = 0; c < n; c++)
          cells[c] = cellText(text, t[cellsAt + 2 * c] as number, t[cellsAt + 2 * c + 1] as number);
        headers = cells;
        checkHeaders(headers, file, startLine);
        width = n;
        state.headers = headers;
        continue;
      }
      index++;
      if (n !== width) {
        ragged++;
        if (ragged <= maxRagged) {
          problems.push(
            problem(
              'E0031',
              `Line ${startLine} has ${n} cells; the header has ${width}. ${n < width ? 'Missing cells are read as blank.' : 'Extra cells are dropped.'}`,
              [dataLocation(file, startLine, 1, { row: index })],
              { data: { line: startLine, row: index, cells: n, headerCells: width } },
            ),
          );
        }
      }
      out.push(startLine);
      out.push(n);
      for (let c = 0; c < 2 * n; c++) out.push(t[cellsAt + c] as number);
      out.rows++;
    }
  };

  const scan = (text: string, final: boolean): number => {
    try {
      return scanner.scan(text, final, tape);
    } catch (error) {
      if (!(error instanceof CsvSyntaxError)) throw error;
      // The rows before the error are counted first, so its line counts from the row it is in.
      take(text);
      throw syntaxError(error, text, scanner.rowStart, line);
    }
  };

  try {
    let announced = false;
    for await (const chunk of texts) {
      const text = pending.length > 0 ? pending + chunk : chunk;
      const firstIndex = index + 1;
      const rest = scan(text, false);
      take(text);
      pending = rest < text.length ? text.slice(rest) : '';
      if (pending.length > limits.maxLineChars) throw tooLong(line, pending.length);
      // The chunk that completes the header is handed out even when it holds no row, so that
      // readCsvChunks can return as soon as the headers are known.
      if (out.rows > 0 || (headers && !announced)) {
        announced = true;
        yield { text, rows: out.data.subarray(0, out.length), count: out.rows, firstIndex };
      }
    }
    if (pending.length > 0) {
      const text = pending;
      pending = '';
      const firstIndex = index + 1;
      scan(text, true);
      take(text);
      if (out.rows > 0 || !announced)
        yield { text, rows: out.data.subarray(0, out.length), count: out.rows, firstIndex };
    }
    if (ragged > maxRagged) {
      problems.push(
        problem(
          'E0031',
          `${ragged - maxRagged} more rows have a different number of cells than the header.`,
          [{ file }],
          {
            data: { more: ragged - maxRagged, total: ragged },
          },
        ),
      );
    }
    if (headers && index === 0) {
      problems.push(problem('E0007', `The file '${file}' has a header but no data rows.`, [{ file }]));
    }
  } finally {
    await texts.return(undefined);
  }
}

/**
 * A data row. Its cells are what the dry run reads, by header index; the row object (`value`) is
 * built only when asked for (the first rows the cache keeps, a transformation, a preview). Building
 * one null-prototype object of 12 keys per row was ~0.3 s of a 1M-row run, and the dry run's keyed
 * reads of it (one per mapped column) another ~0.2 s (docs/performance.md). The cells themselves are
 * sliced out of the chunk's text only when read: a row the reading thread checked and the plan does
 * not keep is read for its id cell alone.
 */
class CsvRecord implements SourceRecord {
  private built: Record<string, string> | undefined;
  private sliced: string[] | undefined;

  constructor(
    readonly index: number,
    readonly line: number,
    private readonly text: string,
    /** The chunk's rows (CsvChunk.rows); `at` is where this row's cell count is. */
    private readonly rows: Int32Array,
    private readonly at: number,
    private readonly headers: readonly string[],
    readonly checks: number,
  ) {}

  /** As read: a ragged row has fewer or more cells than the header. */
  get cells(): string[] {
    if (this.sliced !== undefined) return this.sliced;
    const { text, rows, at } = this;
    const n = rows[at] as number;
    const cells = new Array<string>(n);
    for (let c = 0, k = at + 1; c < n; c++, k += 2) cells[c] = cellText(text, rows[k] as number, rows[k + 1] as number);
    this.sliced = cells;
    return cells;
  }

  /** The bits `checker` gives this row's cells where they stand (map/rowChecks.ts RowChecker.checkRow). */
  checkedBy(checker: RowCellChecker): number {
    return checker.checkRow(this.text, this.rows, this.at);
  }

  /** The cell as a canonical integer (canonicalInteger.ts), or -1, read where it stands in the text. */
  cellInteger(index: number): number {
    const rows = this.rows;
    const at = this.at;
    if (index < 0 || index >= (rows[at] as number)) return -1;
    const end = rows[at + 2 + 2 * index] as number;
    return end < 0 ? -1 : canonicalIntegerIn(this.text, rows[at + 1 + 2 * index] as number, end);
  }

  /** One cell, as `cellAt(cells, index)` reads it, without slicing the others. */
  cell(index: number): string | undefined {
    if (index < 0) return undefined;
    if (this.sliced !== undefined) return this.sliced[index] ?? '';
    const rows = this.rows;
    const at = this.at;
    if (index >= (rows[at] as number)) return '';
    return cellText(this.text, rows[at + 1 + 2 * index] as number, rows[at + 2 + 2 * index] as number);
  }

  /** header -> cell text, a missing cell read as ''. Null prototype: a `__proto__` header is an ordinary key. */
  get value(): Record<string, string> {
    if (this.built !== undefined) return this.built;
    const value = nullObject<string>();
    const { headers, cells } = this;
    for (let c = 0; c < headers.length; c++) value[headers[c] as string] = cells[c] ?? '';
    this.built = value;
    return value;
  }
}

function checkHeaders(headers: string[], file: string, line: number): void {
  const seen = new Map<string, number[]>();
  headers.forEach((header, i) => {
    const columns = seen.get(header);
    if (columns) columns.push(i + 1);
    else seen.set(header, [i + 1]);
  });
  for (const [header, columns] of seen) {
    if (columns.length < 2) continue;
    const list =
      columns.length === 2
        ? `${columns[0]} and ${columns[1]}`
        : `${columns.slice(0, -1).join(', ')} and ${columns.at(-1)}`;
    throw new ProblemError(
      problem(
        'E0003',
        `Duplicate column header '${header}' in columns ${list}.`,
        [dataLocation(file, line, 1, { column: header })],
        {
          data: { header, columns },
        },
      ),
    );
  }
}
