/**
 * Decimal numbers in cells: the check and the conversion of a NUMBER field (RowMapper.scalar), and
 * the same check on a cell where it stands in a chunk's text (the reading thread's, rowChecks.ts).
 */

/**
 * Whether `t` is a decimal number: /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/, by hand.
 * The regular expression was ~0.2 s of a 1M-row run with two number columns (docs/performance.md).
 */
export function isDecimalNumber(t: string): boolean {
  return isDecimalIn(t, 0, t.length);
}

/**
 * isDecimalNumber of `text.slice(start, end)` without slicing it: the reading thread checks cells
 * where they stand in the chunk's text (map/rowChecks.ts).
 */
export function isDecimalIn(text: string, start: number, end: number): boolean {
  let i = start;
  // Past `end` reads as NaN, which is no digit, sign, point or exponent.
  let c = i < end ? text.charCodeAt(i) : NaN;
  if (c === 43 || c === 45) c = ++i < end ? text.charCodeAt(i) : NaN; // + or -
  let digits = 0;
  while (c >= 48 && c <= 57) {
    digits++;
    c = ++i < end ? text.charCodeAt(i) : NaN;
  }
  if (c === 46) {
    // '.': digits after it are optional only when there were digits before it
    c = ++i < end ? text.charCodeAt(i) : NaN;
    while (c >= 48 && c <= 57) {
      digits++;
      c = ++i < end ? text.charCodeAt(i) : NaN;
    }
  }
  if (digits === 0) return false;
  if (c === 101 || c === 69) {
    // e or E, an optional sign, then at least one digit
    c = ++i < end ? text.charCodeAt(i) : NaN;
    if (c === 43 || c === 45) c = ++i < end ? text.charCodeAt(i) : NaN;
    let exponent = 0;
    while (c >= 48 && c <= 57) {
      exponent++;
      c = ++i < end ? text.charCodeAt(i) : NaN;
    }
    if (exponent === 0) return false;
  }
  return i === end;
}

const POWERS_OF_TEN = [1, 10, 100, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15];

/**
 * Number(t) for a text isDecimalNumber accepted, without V8's general string-to-number conversion
 * when it can: with at most 15 digits and no exponent, the digits are an exact integer and the
 * power of ten is exact, so one division is correctly rounded, i.e. the same double as Number(t).
 */
export function decimalValue(t: string): number {
  const n = t.length;
  let i = 0;
  let c = t.charCodeAt(0);
  const negative = c === 45;
  if (negative || c === 43) i++;
  let mantissa = 0;
  let digits = 0;
  let scale = -1;
  for (; i < n; i++) {
    c = t.charCodeAt(i);
    if (c === 46) scale = 0;
    else if (c >= 48 && c <= 57) {
      mantissa = mantissa * 10 + (c - 48);
      digits++;
      if (scale >= 0) scale++;
    } else return Number(t); // an exponent
  }
  if (digits > 15) return Number(t);
  const value = scale > 0 ? mantissa / (POWERS_OF_TEN[scale] as number) : mantissa;
  return negative ? -value : value;
}
