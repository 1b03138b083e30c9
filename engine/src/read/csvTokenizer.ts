/**
 * The seam between the csv/tsv reader (csv.ts: headers, lines, bounds, row objects) and the
 * library that splits text into cells. The reader feeds decoded text chunks in order; the
 * tokenizer emits each complete row's cells, in order, and keeps an incomplete last row for the
 * next chunk. Keeping this seam small is what let bench/read-csv.ts measure csv-parse, papaparse
 * and udsv inside the same reader (docs/performance.md has the figures and the choice).
 */
export interface CsvTokenizer {
  /** Parses the next chunk of text, emitting every row it completes. */
  write(text: string, emit: (cells: string[]) => void): void;
  /** The input has ended: emits the last row, or throws CsvSyntaxError for an unclosed quote. */
  end(emit: (cells: string[]) => void): void;
  /** Characters held in the incomplete last row (bounded by the reader: E0042). */
  readonly pending: number;
}

export type CsvTokenizerFactory = (delimiter: ',' | '\t') => CsvTokenizer;

/**
 * A quoting error. `offset` is a UTF-16 index into the text the tokenizer had not yet emitted
 * rows for when the failing `write` (or `end`) started: the pending row followed by the new chunk.
 */
export class CsvSyntaxError extends Error {
  constructor(
    readonly kind: 'unclosedQuote' | 'badQuote',
    readonly offset: number,
  ) {
    super(kind === 'unclosedQuote' ? 'a quoted field is not closed' : 'a closing quote is not followed by a delimiter');
  }
}
