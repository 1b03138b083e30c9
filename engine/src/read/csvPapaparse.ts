/**
 * The csv/tsv tokenizer, on papaparse's core parser (docs/performance.md: csv-parse, the library
 * the design card named, reads 1M rows in ~4 s against a ~1 s budget; papaparse and udsv both fit,
 * and papaparse also reports quoting errors, which the reader turns into E0015).
 *
 * papaparse's documented streaming inputs are a browser File or a Node stream; `Papa.Parser` is
 * the core both use and takes strings, which is what a FileSystem-agnostic engine has. It is
 * called the way papaparse's own ChunkStreamer calls it: `parse(pendingRow + chunk, 0, true)`
 * ignores the incomplete last row and returns its start as `meta.cursor`.
 *
 * Newlines: the parser is set to '\n'; a '\r' before it (CRLF files) is left on the last cell and
 * removed by the reader, and a closing quote followed by '\r\n' is accepted by papaparse's "spaces
 * after the closing quote" rule. So CRLF, LF and files mixing both read alike.
 */
import Papa from 'papaparse';
import { type CsvTokenizer, CsvSyntaxError } from './csvTokenizer';

interface CoreResult {
  data: string[][];
  errors: { code: string; index: number }[];
  meta: { cursor: number };
}

export function papaparseTokenizer(delimiter: ',' | '\t'): CsvTokenizer {
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
        if (error.code === 'InvalidQuotes' && error.index < cursor) throw new CsvSyntaxError('badQuote', error.index);
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
        if (error.code === 'MissingQuotes') throw new CsvSyntaxError('unclosedQuote', error.index - 1);
        if (error.code === 'InvalidQuotes') throw new CsvSyntaxError('badQuote', error.index);
      }
      for (const row of result.data) emit(row);
    },
    get pending() {
      return partial.length;
    },
  };
}
