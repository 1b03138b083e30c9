/**
 * Which date patterns fit a column's values, tested with the engine's own date parser
 * (map/dateFormat.ts), so a suggested pattern is one the dry run will accept on these values.
 */
import { compileDateFormat, type DateParser } from '../map/dateFormat';

/**
 * The patterns tried, most common first: the order decides which one a suggestion names when
 * several fit (1/2/2024 fits both M/d/yyyy and d/M/yyyy; the US form comes first).
 */
export const candidateDateFormats: readonly string[] = [
  'yyyy-MM-dd',
  'M/d/yyyy',
  'MM/dd/yyyy',
  'd/M/yyyy',
  'dd/MM/yyyy',
  'yyyyMMdd',
  'MMddyyyy',
  'M-d-yyyy',
  'yyyy/M/d',
  'M/d/yy',
  'MM/dd/yy',
  'yyyy-M-d',
  'd.M.yyyy',
  'dd.MM.yyyy',
  'dd-MM-yyyy',
];

const compiled = new Map<string, DateParser | null>();

/** The engine's parser for a pattern, compiled once per process; null for an invalid pattern. */
export function dateParser(pattern: string): DateParser | null {
  let parser = compiled.get(pattern);
  if (parser === undefined) {
    const result = compileDateFormat(pattern);
    parser = result.ok ? result.parser : null;
    compiled.set(pattern, parser);
  }
  return parser;
}

/** True when the pattern parses every value (values are trimmed first, as the map stage trims dates). */
export function parsesAll(pattern: string, values: Iterable<string>): boolean {
  const parser = dateParser(pattern);
  if (!parser) return false;
  for (const value of values) if (parser.parse(value.trim()) === undefined) return false;
  return true;
}

/**
 * The candidate patterns (and `extra`, the configured one, when it is not a candidate) that parse
 * every value; empty when there are no values.
 */
export function fittingDateFormats(values: readonly string[], extra?: string): string[] {
  if (values.length === 0) return [];
  const patterns =
    extra && !candidateDateFormats.includes(extra) ? [...candidateDateFormats, extra] : candidateDateFormats;
  return patterns.filter((p) => parsesAll(p, values));
}
