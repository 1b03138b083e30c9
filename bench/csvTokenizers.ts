/**
 * The csv libraries bench/read-csv.ts measures against the engine's own scanner, each behind one
 * small seam: text chunks in, each complete row's cells out, an incomplete last row kept for the
 * next chunk. papaparse read the engine's csv until the scanner replaced it (docs/performance.md).
 */
import { Parser as CsvParseParser } from 'csv-parse';
import Papa from 'papaparse';
import { inferSchema, initParser } from 'udsv';

export interface CsvTokenizer {
  /** Parses the next chunk of text, emitting every row it completes. */
  write(text: string, emit: (cells: string[]) => void): void;
  /** The input has ended: emits the last row, or throws CsvSyntaxError for an unclosed quote. */
  end(emit: (cells: string[]) => void): void;
  /** Characters held in the incomplete last row (bounded by the reader: E0042). */
  readonly pending: number;
}

export type CsvTokenizerFactory = (delimiter: ',' | '\t') => CsvTokenizer;

/** papaparse's core parser, called as its own ChunkStreamer calls it: `parse(pendingRow + chunk, 0, true)`. */
interface CoreResult {
  data: string[][];
  errors: { code: string; index: number }[];
  meta: { cursor: number };
}

function papaparseTokenizer(delimiter: ',' | '\t'): CsvTokenizer {
  const parser = new Papa.Parser({ delimiter, newline: '\n', quoteChar: '"' });
  let partial = '';
  const parse = (input: string, last: boolean): CoreResult => parser.parse(input, 0, !last) as CoreResult;
  return {
    write(text, emit) {
      const input = partial.length > 0 ? partial + text : text;
      const result = parse(input, false);
      const cursor = result.meta.cursor;
      for (const error of result.errors) {
        // An error inside the incomplete last row may vanish once the row's end arrives (a closing
        // quote followed by '\r' whose '\n' is in the next chunk), so only complete rows count.
        if (error.code === 'InvalidQuotes' && error.index < cursor) throw new Error(`badQuote at ${error.index}`);
      }
      for (const row of result.data) emit(row);
      partial = cursor < input.length ? input.slice(cursor) : '';
    },
    end(emit) {
      if (partial.length === 0) return;
      const input = partial;
      partial = '';
      const result = parse(input, true);
      for (const error of result.errors) {
        if (error.code === 'MissingQuotes') throw new Error(`unclosedQuote at ${error.index - 1}`);
        if (error.code === 'InvalidQuotes') throw new Error(`badQuote at ${error.index}`);
      }
      for (const row of result.data) emit(row);
    },
    get pending() {
      return partial.length;
    },
  };
}

/** udsv: its chunk API keeps the first callback for the whole stream, so the callback is fixed and reads a mutable target. */
const udsvTokenizer: CsvTokenizerFactory = (delimiter) => {
  let parser: ReturnType<typeof initParser> | undefined;
  let target: (cells: string[]) => void = () => {};
  const onRow = (row: string[]): void => {
    target(row);
  };
  const tokenizer: CsvTokenizer = {
    write(text, emit) {
      target = emit;
      if (!parser) {
        parser = initParser(
          inferSchema(text.slice(0, 64 * 1024), { col: delimiter, row: '\n', encl: '"', header: () => [] }),
        );
      }
      parser.chunk<string[]>(text, parser.stringArrs, onRow);
    },
    end(emit) {
      target = emit;
      parser?.end();
    },
    pending: 0,
  };
  return tokenizer;
};

interface CsvParseApi {
  parse(buf: Buffer | undefined, end: boolean, push: (record: string[]) => void, close: () => void): Error | undefined;
}

const csvParseTokenizer: CsvTokenizerFactory = (delimiter) => {
  const api = (
    new CsvParseParser({
      delimiter,
      relax_column_count: true,
      skip_empty_lines: false,
      relax_quotes: false,
    }) as unknown as {
      api: CsvParseApi;
    }
  ).api;
  let target: (cells: string[]) => void = () => {};
  const push = (record: string[]): void => target(record);
  return {
    write(text, emit) {
      target = emit;
      const error = api.parse(Buffer.from(text), false, push, () => {});
      if (error) throw error;
    },
    end(emit) {
      target = emit;
      const error = api.parse(undefined, true, push, () => {});
      if (error) throw error;
    },
    pending: 0,
  };
};

export const tokenizers: Record<string, CsvTokenizerFactory> = {
  'csv-parse': csvParseTokenizer,
  papaparse: papaparseTokenizer,
  udsv: udsvTokenizer,
};
