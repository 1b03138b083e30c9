/**
 * The configuration's date format, compiled once into a tiny parser. A library parser (date-fns
 * `parse`, for one) builds a Date and several objects per call, which costs microseconds per cell;
 * at 1M rows with several date columns that alone would exceed the whole map budget. This parser
 * walks the value with charCodeAt, allocates nothing but the ISO output, and checks the calendar
 * strictly (Feb 30 and Feb 29 of a common year fail).
 *
 * Tokens: yyyy (4 digits), yy (2 digits), MM and dd (exactly 2 digits), M and d (1 or 2 digits).
 * Every other non-letter character is a literal separator that must appear as written.
 */

const LITERAL = 0;
const YEAR4 = 1;
const YEAR2 = 2;
const MONTH2 = 3;
const MONTH = 4;
const DAY2 = 5;
const DAY = 6;

export interface DateParser {
  readonly pattern: string;
  /** The ISO date (yyyy-MM-dd) the value stands for, or undefined when it does not follow the pattern. */
  parse(value: string): string | undefined;
  /** Whether `parse` would give a date, without building it (for values nobody keeps). */
  matches(value: string): boolean;
  /** matches(text.slice(start, end)) without slicing (the reading thread's checks, map/rowChecks.ts). */
  matchesIn(text: string, start: number, end: number): boolean;
}

export type DateFormatCompilation = { ok: true; parser: DateParser } | { ok: false; reason: string };

const DAYS_IN_MONTH = [0, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
const PAD2: string[] = [];
for (let i = 0; i < 100; i++) PAD2.push(i < 10 ? `0${i}` : String(i));

function isLeap(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

/** A two-digit year: 00-49 is 2000-2049, 50-99 is 1950-1999 (a fixed pivot, so a dry run does not depend on today's date). */
function fullYear(twoDigits: number): number {
  return twoDigits < 50 ? 2000 + twoDigits : 1900 + twoDigits;
}

function tokenError(run: string): string {
  const c = run[0];
  if (c === 'm') return `'${run}' is not a token; months are MM or M`;
  if (c === 'D') return `'${run}' is not a token; days are dd or d`;
  if (c === 'Y') return `'${run}' is not a token; years are yyyy or yy`;
  if (c === 'y') return `'${run}' is not a token; years are yyyy or yy`;
  if (c === 'M') return `'${run}' is not a token; months are MM or M`;
  if (c === 'd') return `'${run}' is not a token; days are dd or d`;
  return `'${run}' is not a token; use yyyy, yy, MM, M, dd, d and separators`;
}

export function compileDateFormat(pattern: string): DateFormatCompilation {
  const compiled = tokens(pattern);
  if (!compiled.ok) return compiled;
  const { kinds, codes } = compiled;
  const scan = fixedWidthScan(kinds, codes) ?? generalScan(kinds, codes);
  // yyyy-MM-dd values are already ISO: return the input itself once it is checked.
  const isIso = pattern === 'yyyy-MM-dd';
  const parse = (value: string): string | undefined => {
    const date = scan(value, 0, value.length);
    if (date < 0) return undefined;
    if (isIso) return value;
    const y = Math.floor(date / 10000);
    const yearText = y >= 1000 ? String(y) : String(y).padStart(4, '0');
    return `${yearText}-${PAD2[Math.floor(date / 100) % 100]}-${PAD2[date % 100]}`;
  };
  const matches = (value: string): boolean => scan(value, 0, value.length) >= 0;
  const matchesIn = (text: string, start: number, end: number): boolean => scan(text, start, end) >= 0;
  return { ok: true, parser: { pattern, parse, matches, matchesIn } };
}

/** The pattern's tokens: a kind per step, and the character code of each literal. */
function tokens(pattern: string): { ok: true; kinds: number[]; codes: number[] } | { ok: false; reason: string } {
  const kinds: number[] = [];
  const codes: number[] = [];
  let year = 0;
  let month = 0;
  let day = 0;
  for (let i = 0; i < pattern.length;) {
    const c = pattern[i] as string;
    if (!/[A-Za-z]/.test(c)) {
      kinds.push(LITERAL);
      codes.push(pattern.charCodeAt(i));
      i++;
      continue;
    }
    let j = i;
    while (j < pattern.length && pattern[j] === c) j++;
    const run = pattern.slice(i, j);
    i = j;
    let kind: number;
    if (run === 'yyyy') kind = YEAR4;
    else if (run === 'yy') kind = YEAR2;
    else if (run === 'MM') kind = MONTH2;
    else if (run === 'M') kind = MONTH;
    else if (run === 'dd') kind = DAY2;
    else if (run === 'd') kind = DAY;
    else return { ok: false, reason: tokenError(run) };
    if (kind === YEAR4 || kind === YEAR2) year++;
    else if (kind === MONTH2 || kind === MONTH) month++;
    else day++;
    const previous = kinds[kinds.length - 1];
    // M or d directly followed by another token cannot be split (is '112024' 1/12 or 11/2?).
    if (previous === MONTH || previous === DAY) {
      return { ok: false, reason: `'${pattern}' is ambiguous: put a separator after M or d, or use MM or dd` };
    }
    kinds.push(kind);
    codes.push(0);
  }
  if (year !== 1 || month !== 1 || day !== 1) {
    return {
      ok: false,
      reason: `'${pattern}' must hold exactly one year (yyyy or yy), one month (MM or M) and one day (dd or d)`,
    };
  }
  return { ok: true, kinds, codes };
}

/**
 * Scans `text.slice(from, to)`: the date as y * 10000 + m * 100 + d, or -1 when the value does not
 * follow the pattern.
 */
type Scan = (text: string, from: number, to: number) => number;

/** The day checks both scans share: -1 for no such day, else y * 10000 + m * 100 + d. */
function calendarDate(y: number, m: number, d: number): number {
  if (y === 0 || m < 1 || m > 12 || d < 1) return -1;
  const dim = m === 2 && isLeap(y) ? 29 : (DAYS_IN_MONTH[m] as number);
  return d > dim ? -1 : y * 10000 + m * 100 + d;
}

function generalScan(kinds: readonly number[], codes: readonly number[]): Scan {
  const steps = kinds.length;
  return (value, from, n) => {
    let pos = from;
    let y = 0;
    let m = 0;
    let d = 0;
    for (let s = 0; s < steps; s++) {
      const kind = kinds[s] as number;
      if (kind === LITERAL) {
        if (pos >= n || value.charCodeAt(pos) !== codes[s]) return -1;
        pos++;
        continue;
      }
      const fixed = kind === YEAR4 ? 4 : kind === MONTH || kind === DAY ? 0 : 2;
      let number = 0;
      let digits = 0;
      const max = fixed === 0 ? 2 : fixed;
      while (digits < max && pos < n) {
        const ch = value.charCodeAt(pos) - 48;
        if (ch < 0 || ch > 9) break;
        number = number * 10 + ch;
        digits++;
        pos++;
      }
      if (digits === 0 || (fixed !== 0 && digits !== fixed)) return -1;
      if (kind === YEAR4) y = number;
      else if (kind === YEAR2) y = fullYear(number);
      else if (kind === MONTH2 || kind === MONTH) m = number;
      else d = number;
    }
    return pos === n ? calendarDate(y, m, d) : -1;
  };
}

/**
 * The same answers for a pattern of fixed-width tokens only (yyyy, yy, MM, dd and separators, as
 * `yyyy-MM-dd` or `MM/dd/yyyy`): the value's length is known, and each position holds a digit or a
 * given separator, so one pass over the characters replaces the token loop (the date checks of the
 * 1M-row bench file: docs/performance.md). undefined for a pattern with M or d.
 */
function fixedWidthScan(kinds: readonly number[], codes: readonly number[]): Scan | undefined {
  const expected: number[] = [];
  let yearAt = -1;
  let twoDigitYear = false;
  let monthAt = -1;
  let dayAt = -1;
  for (let s = 0; s < kinds.length; s++) {
    const kind = kinds[s] as number;
    if (kind === MONTH || kind === DAY) return undefined;
    if (kind === LITERAL) {
      expected.push(codes[s] as number);
      continue;
    }
    if (kind === YEAR4 || kind === YEAR2) {
      yearAt = expected.length;
      twoDigitYear = kind === YEAR2;
    } else if (kind === MONTH2) monthAt = expected.length;
    else dayAt = expected.length;
    const width = kind === YEAR4 ? 4 : 2;
    for (let i = 0; i < width; i++) expected.push(DIGIT);
  }
  const length = expected.length;
  const want = Int32Array.from(expected);
  const digits = (value: string, at: number, width: number): number => {
    let n = 0;
    for (let i = 0; i < width; i++) n = n * 10 + value.charCodeAt(at + i) - 48;
    return n;
  };
  return (value, from, to) => {
    if (to - from !== length) return -1;
    for (let p = 0; p < length; p++) {
      const c = value.charCodeAt(from + p);
      const w = want[p] as number;
      if (w === DIGIT ? c < 48 || c > 57 : c !== w) return -1;
    }
    const y = twoDigitYear ? fullYear(digits(value, from + yearAt, 2)) : digits(value, from + yearAt, 4);
    return calendarDate(y, digits(value, from + monthAt, 2), digits(value, from + dayAt, 2));
  };
}

/** A position that holds a digit (no character code is negative). */
const DIGIT = -1;

/** Both scans of a pattern, for the test that they agree (undefined when the pattern is invalid or not fixed-width). */
export function dateScans(pattern: string): { fixed: Scan; general: Scan } | undefined {
  const compiled = tokens(pattern);
  if (!compiled.ok) return undefined;
  const fixed = fixedWidthScan(compiled.kinds, compiled.codes);
  return fixed && { fixed, general: generalScan(compiled.kinds, compiled.codes) };
}
