/**
 * csv and tsv: the header row, one SourceRecord per data row, with the line each row starts on.
 *
 * The tokenizer (a library, see csvTokenizer.ts) splits cells; this module does what libraries do
 * not: it tracks the 1-based start line of every row (a quoted newline makes a row span lines),
 * bounds a row's length so an unclosed quote in a huge file stops early instead of filling memory,
 * reports ragged rows, duplicate headers and quoting errors with their lines, and builds
 * null-prototype row objects so a `__proto__` or `constructor` header is a plain key.
 */
import { problem } from '../errors/catalog';
import type { Problem } from '../errors/problem';
import { ProblemError } from '../errors/problem';
import { recordStream } from './batches';
import type { CsvTokenizerFactory } from './csvTokenizer';
import { CsvSyntaxError } from './csvTokenizer';
import { describeSize, type ReadLimits } from './limits';
import { nullObject } from './nullObject';
import { dataLocation, lineColumnAt } from './location';
import type { SourceReader, SourceRecord } from './sourceRecord';

export interface CsvOptions {
  format: 'csv' | 'tsv';
  /** The file as locations name it. */
  file: string;
  limits: ReadLimits;
  tokenizer: CsvTokenizerFactory;
  /** Ragged-row warnings listed one by one; past this, one summary warning counts the rest. */
  maxRaggedWarnings?: number;
}

const CR = 13;

/** Reads up to the header row (so `headers` is known), then streams the data rows. */
export async function readCsv(
  texts: AsyncGenerator<string, void, undefined>,
  options: CsvOptions,
): Promise<SourceReader> {
  const problems: Problem[] = [];
  const state: { headers?: string[] } = {};
  const batches = csvBatches(texts, options, state, problems);
  const first: SourceRecord[] = [];
  try {
    while (!state.headers) {
      const step = await batches.next();
      if (step.done) break;
      first.push(...step.value);
    }
  } catch (error) {
    await batches.return(undefined);
    throw error;
  }
  if (!state.headers) {
    throw new ProblemError(
      problem('E0006', `The file '${options.file}' is empty: it has no header row, only blank lines.`, [
        { file: options.file },
      ]),
    );
  }
  return { headers: state.headers, ...recordStream(batches, first), problems };
}

async function* csvBatches(
  texts: AsyncGenerator<string, void, undefined>,
  options: CsvOptions,
  state: { headers?: string[] },
  problems: Problem[],
): AsyncGenerator<SourceRecord[], void, undefined> {
  const { file, limits } = options;
  const tokenizer = options.tokenizer(options.format === 'tsv' ? '\t' : ',');
  const maxRagged = options.maxRaggedWarnings ?? 100;
  const formatName = options.format;

  // Line tracking over the text not yet consumed by emitted rows: `buf` starts where the
  // tokenizer's pending row starts, `pos` is the end of the last row emitted, `line` its next line.
  let buf = '';
  let pos = 0;
  let line = 1;
  let nextQuote = -2;

  let headers: string[] | undefined;
  let width = 0;
  let index = 0;
  let ragged = 0;
  let headerAnnounced = false;
  let out: SourceRecord[] = [];

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

  const onRow = (cells: string[]): void => {
    const start = pos;
    const startLine = line;
    let nl = buf.indexOf('\n', pos);
    if (nextQuote !== -1 && nextQuote < pos) nextQuote = buf.indexOf('"', pos);
    if (nl === -1) pos = buf.length;
    else if (nextQuote === -1 || nextQuote > nl) {
      // No quote on the line: the row is exactly this line.
      pos = nl + 1;
      line++;
    } else {
      // A quoted row ends at the newline after the ones its cells hold.
      let inner = 0;
      for (const cell of cells) for (let j = cell.indexOf('\n'); j !== -1; j = cell.indexOf('\n', j + 1)) inner++;
      for (let n = 0; n <= inner; n++) {
        if (nl === -1) {
          pos = buf.length;
          break;
        }
        pos = nl + 1;
        line++;
        nl = buf.indexOf('\n', pos);
      }
    }
    if (pos - start > limits.maxLineChars) throw tooLong(startLine, pos - start);

    const n = cells.length;
    const last = cells[n - 1] as string;
    if (last.charCodeAt(last.length - 1) === CR) cells[n - 1] = last.slice(0, -1);
    if (n === 1 && cells[0] === '') return; // blank line

    if (!headers) {
      headers = cells;
      checkHeaders(headers, file, startLine);
      width = headers.length;
      state.headers = headers;
      return;
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
    out.push(new CsvRecord(index, startLine, cells, headers));
  };

  const syntaxError = (error: CsvSyntaxError, startLine: number): ProblemError => {
    const at = lineColumnAt(buf, error.offset, startLine);
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

  try {
    for await (const text of texts) {
      // Rebase: drop the text of rows already emitted; what is left is the tokenizer's pending row.
      buf = pos < buf.length ? buf.slice(pos) + text : text;
      pos = 0;
      nextQuote = -2;
      const startLine = line;
      try {
        tokenizer.write(text, onRow);
      } catch (error) {
        if (error instanceof CsvSyntaxError) throw syntaxError(error, startLine);
        throw error;
      }
      if (tokenizer.pending > limits.maxLineChars) throw tooLong(line, tokenizer.pending);
      // The chunk that completes the header is handed out even when it holds no row, so that
      // readCsv can return as soon as the headers are known.
      if (out.length > 0 || (headers && !headerAnnounced)) {
        headerAnnounced = true;
        const batch = out;
        out = [];
        yield batch;
      }
    }
    buf = buf.slice(pos);
    pos = 0;
    nextQuote = -2;
    const startLine = line;
    try {
      tokenizer.end(onRow);
    } catch (error) {
      if (error instanceof CsvSyntaxError) throw syntaxError(error, startLine);
      throw error;
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
    if (out.length > 0) yield out;
  } finally {
    await texts.return(undefined);
  }
}

/**
 * A data row. Its cells are what the dry run reads, by header index; the row object (`value`) is
 * built only when asked for (the first rows the cache keeps, a transformation, a preview). Building
 * one null-prototype object of 12 keys per row was ~0.3 s of a 1M-row run, and the dry run's keyed
 * reads of it (one per mapped column) another ~0.2 s (docs/performance.md).
 */
class CsvRecord implements SourceRecord {
  private built: Record<string, string> | undefined;

  constructor(
    readonly index: number,
    readonly line: number,
    /** As read: a ragged row has fewer or more cells than the header. */
    readonly cells: string[],
    private readonly headers: readonly string[],
  ) {}

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
