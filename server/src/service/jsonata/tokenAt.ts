/**
 * The JSONata token at a cursor, read from one line of expression text: a function name (`$sub`),
 * a name (`Grade`), or a name between backticks (`` `First Na ``). Completion needs the part before
 * the cursor and where the token ends; hover needs the whole token under the cursor.
 */
export interface ExpressionToken {
  kind: 'function' | 'name' | 'backtick';
  /** The token's text without `$` or backticks. */
  text: string;
  /** Columns of the token in the line, `$` and backticks included. */
  start: number;
  end: number;
}

const nameChar = /[A-Za-z0-9_]/;

/** The token ending at (or containing) `column`; undefined inside a string literal or a comment. */
export function tokenAt(line: string, column: number, scanFrom = 0): ExpressionToken | undefined {
  const before = line.slice(scanFrom, column);
  if (insideLiteral(before)) return undefined;
  const tick = /`([^`]*)$/.exec(before);
  if (tick && countOf(before, '`') % 2 === 1) {
    const start = scanFrom + tick.index;
    const close = line.indexOf('`', column);
    const end = close < 0 ? column : close + 1;
    return { kind: 'backtick', text: line.slice(start + 1, close < 0 ? column : close), start, end };
  }
  let start = column;
  while (start > scanFrom && nameChar.test(line[start - 1] ?? '')) start--;
  let end = column;
  while (end < line.length && nameChar.test(line[end] ?? '')) end++;
  if (line[start - 1] === '$' && start - 1 >= scanFrom) {
    return { kind: 'function', text: line.slice(start, end), start: start - 1, end };
  }
  if (/^[0-9]/.test(line.slice(start, end))) return undefined;
  return { kind: 'name', text: line.slice(start, end), start, end };
}

function countOf(text: string, ch: string): number {
  let n = 0;
  for (const c of text) if (c === ch) n++;
  return n;
}

/** Whether the end of `text` is inside a JSONata string literal or a block comment. */
function insideLiteral(text: string): boolean {
  let quote: string | undefined;
  let comment = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (comment) {
      if (c === '*' && text[i + 1] === '/') {
        comment = false;
        i++;
      }
    } else if (quote) {
      if (c === '\\') i++;
      else if (c === quote) quote = undefined;
    } else if (c === '"' || c === "'") quote = c;
    else if (c === '/' && text[i + 1] === '*') {
      comment = true;
      i++;
    } else if (c === '`') {
      const close = text.indexOf('`', i + 1);
      if (close < 0) return false;
      i = close;
    }
  }
  return quote !== undefined || comment;
}
