/**
 * Where each header cell of a csv or tsv file is: the line and characters of the header name
 * (inside its quotes, when quoted), for go-to-definition from a column name to its header. The
 * text is the decoded head of the file without its BOM, so characters count as an editor counts
 * them (UTF-16 code units, the BOM not counted).
 */
import type { Range } from '../errors/problem';

interface Cell {
  /** The cell's text, quotes removed and doubled quotes undone, as the tokenizer reads it. */
  text: string;
  /** Offsets of the name in `source`: inside the quotes for a quoted cell. */
  start: number;
  end: number;
}

/**
 * The ranges of the header cells, by position: `ranges[i]` belongs to `headers[i]`, or is
 * undefined when the cell there does not read as that header (a header past the head, say).
 */
export function headerRanges(source: string, delimiter: string, headers: readonly string[]): (Range | undefined)[] {
  const cells = firstRecord(source, delimiter);
  const lineStarts = lineStartsOf(source, cells.length > 0 ? (cells[cells.length - 1] as Cell).end : 0);
  return headers.map((header, i) => {
    const cell = cells[i];
    if (!cell || cell.text !== header) return undefined;
    return { start: positionAt(lineStarts, cell.start), end: positionAt(lineStarts, cell.end) };
  });
}

/** The cells of the first record that is not a blank line (the reader skips blank lines before the header). */
function firstRecord(source: string, delimiter: string): Cell[] {
  let i = 0;
  const n = source.length;
  for (;;) {
    if (i >= n) return [];
    const cells: Cell[] = [];
    let atEnd = false;
    while (!atEnd) {
      let cell: Cell;
      if (source[i] === '"') {
        // A quoted cell runs to the quote not doubled; a doubled quote stands for one quote.
        const start = i + 1;
        let j = start;
        let text = '';
        for (;;) {
          const q = source.indexOf('"', j);
          if (q < 0) return cells; // an unclosed quote: the reader fails on it; keep what was found
          text += source.slice(j, q);
          if (source[q + 1] === '"') {
            text += '"';
            j = q + 2;
            continue;
          }
          cell = { text, start, end: q };
          i = q + 1;
          break;
        }
        // Text after the closing quote belongs to the cell as the tokenizer reads it; skip to the delimiter.
        while (i < n && source[i] !== delimiter && source[i] !== '\n' && source[i] !== '\r') i++;
      } else {
        const start = i;
        while (i < n && source[i] !== delimiter && source[i] !== '\n' && source[i] !== '\r') i++;
        cell = { text: source.slice(start, i), start, end: i };
      }
      cells.push(cell);
      if (i < n && source[i] === delimiter) i++;
      else atEnd = true;
    }
    if (source[i] === '\r') i++;
    if (source[i] === '\n') i++;
    const blank = cells.length === 1 && (cells[0] as Cell).text === '';
    if (!blank) return cells;
  }
}

/** Offsets where lines start, up to `until` (LSP counts \n, \r\n and a lone \r as line ends). */
function lineStartsOf(source: string, until: number): number[] {
  const starts = [0];
  for (let i = 0; i < until; i++) {
    const c = source[i];
    if (c === '\n') starts.push(i + 1);
    else if (c === '\r' && source[i + 1] !== '\n') starts.push(i + 1);
  }
  return starts;
}

function positionAt(lineStarts: readonly number[], offset: number): Range['start'] {
  let lo = 0;
  let hi = lineStarts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if ((lineStarts[mid] as number) <= offset) lo = mid;
    else hi = mid - 1;
  }
  return { line: lo, character: offset - (lineStarts[lo] as number) };
}
