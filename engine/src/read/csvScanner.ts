/**
 * The csv/tsv scanner: finds where rows and cells start and end, without making a string per cell.
 *
 * Why not a library: the fastest streaming parsers (papaparse, udsv; docs/performance.md) hand out
 * one string per cell. The dry run reads big files on a second thread (read/parallel), and strings
 * cross threads only by being copied one by one: packing papaparse's 12 million cells of the 1M-row
 * bench file for the other thread cost 0.7 s, half of reading it. Offsets into the decoded text
 * cross as one Int32Array, and the consuming thread slices only the cells it reads. In one thread
 * the scanner plus slicing every cell costs what papaparse did (measured in bench/read-csv.ts).
 *
 * The grammar is papaparse's with a '\n' newline and '"' quotes, so files read as they did when
 * papaparse read them (test/read/csvScanner.test.ts compares the two on generated and hostile text):
 * - a cell that starts with a quote is quoted: it ends at a quote not followed by another quote,
 *   and a doubled quote inside stands for one; a quote anywhere else in a cell is an ordinary char;
 * - after a closing quote, whitespace (what `String.prototype.trim` removes, '\r' included) may come
 *   before the delimiter or the newline, not before the end of the file; anything else is a quoting
 *   error (badQuote);
 * - a quoted cell still open at the end of the input is an unclosedQuote error;
 * - '\r' is not a newline: a CRLF row's last unquoted cell ends with '\r' (the reader removes it).
 */
/**
 * A quoting error. `offset` is a UTF-16 index into the text given to `scan`.
 */
export class CsvSyntaxError extends Error {
  constructor(
    readonly kind: 'unclosedQuote' | 'badQuote',
    readonly offset: number,
  ) {
    super(kind === 'unclosedQuote' ? 'a quoted field is not closed' : 'a closing quote is not followed by a delimiter');
  }
}

const QUOTE = 34;
const NEWLINE = 10;

/** The characters `String.prototype.trim` removes, minus '\n' (a row end): allowed after a closing quote. */
function isTrimmedSpace(c: number): boolean {
  return (
    c === 32 ||
    (c >= 9 && c <= 13 && c !== NEWLINE) ||
    c === 0xa0 ||
    c === 0x1680 ||
    (c >= 0x2000 && c <= 0x200a) ||
    c === 0x2028 ||
    c === 0x2029 ||
    c === 0x202f ||
    c === 0x205f ||
    c === 0x3000 ||
    c === 0xfeff
  );
}

/**
 * The rows found by one `scan`, on a tape: per row `start, end, flags, cells`, then `start, end`
 * per cell. Offsets index the scanned text; a row's end is past its newline. A quoted cell's range
 * excludes its quotes, and its end is stored as `~end` (negative) when doubled quotes must be
 * undone (`cellText`). Flag 1: the row has a quoted cell, so it may span lines.
 */
export class RowTape {
  data = new Int32Array(8192);
  length = 0;
  rows = 0;

  reset(): void {
    this.length = 0;
    this.rows = 0;
  }

  push(value: number): void {
    if (this.length === this.data.length) {
      const grown = new Int32Array(this.data.length * 2);
      grown.set(this.data);
      this.data = grown;
    }
    this.data[this.length++] = value;
  }
}

export const ROW_QUOTED = 1;

/** A cell's text from the tape's `start` and (possibly `~`-encoded) `end`. */
export function cellText(text: string, start: number, end: number): string {
  return end >= 0 ? text.slice(start, end) : text.slice(start, ~end).replaceAll('""', '"');
}

export class CsvScanner {
  private readonly delimiterCode: number;
  /** Where the row being scanned starts: after a CsvSyntaxError, the row the error is in. */
  rowStart = 0;

  constructor(private readonly delimiter: ',' | '\t') {
    this.delimiterCode = delimiter.charCodeAt(0);
  }

  /**
   * Puts the complete rows of `text` on `tape` (reset first) and returns the offset where the
   * incomplete rest begins (text.length when all of it was rows). With `final`, the end of the
   * text ends the last row. Throws CsvSyntaxError at the first quoting error of a complete row.
   */
  scan(text: string, final: boolean, tape: RowTape): number {
    tape.reset();
    const len = text.length;
    const delimiter = this.delimiter;
    const dc = this.delimiterCode;
    let nextDelimiter = text.indexOf(delimiter);
    let nextNewline = text.indexOf('\n');
    // Quotes are rare: knowing where the next one is spares reading each cell's first character
    // (a quarter of the scan on the 1M-row bench file: docs/performance.md).
    let nextQuote = text.indexOf('"');
    let pos = 0;
    while (pos < len) {
      this.rowStart = pos;
      const rowAt = tape.length;
      tape.push(pos);
      tape.push(0);
      tape.push(0);
      tape.push(0);
      let cells = 0;
      let flags = 0;
      let p = pos;
      let end: number;
      for (;;) {
        if (nextQuote !== -1 && nextQuote < p) nextQuote = text.indexOf('"', p);
        if (p === nextQuote) {
          // A quoted cell: find the closing quote, stepping over doubled ones.
          let from = p + 1;
          let escaped = false;
          let close: number;
          for (;;) {
            close = text.indexOf('"', from);
            if (close === -1) {
              if (final) throw new CsvSyntaxError('unclosedQuote', p);
              tape.length = rowAt;
              return pos;
            }
            if (close + 1 === len && !final) {
              // The next chunk may begin with a second quote: decide with more text.
              tape.length = rowAt;
              return pos;
            }
            if (text.charCodeAt(close + 1) === QUOTE) {
              escaped = true;
              from = close + 2;
              continue;
            }
            break;
          }
          let k = close + 1;
          let c = 0;
          while (k < len) {
            c = text.charCodeAt(k);
            if (c === dc || c === NEWLINE || !isTrimmedSpace(c)) break;
            k++;
          }
          tape.push(p + 1);
          tape.push(escaped ? ~close : close);
          cells++;
          flags = ROW_QUOTED;
          if (k === len) {
            if (!final) {
              tape.length = rowAt;
              return pos;
            }
            // As papaparse: whitespace between a closing quote and the end of the file is a quoting error.
            if (k > close + 1) throw new CsvSyntaxError('badQuote', p + 1);
            end = len;
            break;
          }
          if (c === dc) {
            p = k + 1;
            continue;
          }
          if (c === NEWLINE) {
            end = k + 1;
            break;
          }
          throw new CsvSyntaxError('badQuote', p + 1);
        }
        // An unquoted cell: it ends at the nearer of the next delimiter and the next newline.
        if (nextDelimiter !== -1 && nextDelimiter < p) nextDelimiter = text.indexOf(delimiter, p);
        if (nextNewline !== -1 && nextNewline < p) nextNewline = text.indexOf('\n', p);
        if (nextDelimiter !== -1 && (nextDelimiter < nextNewline || nextNewline === -1)) {
          tape.push(p);
          tape.push(nextDelimiter);
          cells++;
          p = nextDelimiter + 1;
          continue;
        }
        if (nextNewline !== -1) {
          tape.push(p);
          tape.push(nextNewline);
          cells++;
          end = nextNewline + 1;
          break;
        }
        if (!final) {
          tape.length = rowAt;
          return pos;
        }
        tape.push(p);
        tape.push(len);
        cells++;
        end = len;
        break;
      }
      tape.data[rowAt + 1] = end;
      tape.data[rowAt + 2] = flags;
      tape.data[rowAt + 3] = cells;
      tape.rows++;
      pos = end;
    }
    return pos;
  }
}
