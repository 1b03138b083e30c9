/**
 * Person ids that are canonical integers, read as numbers: the person index keys them by number
 * (personIndex.ts), and a csv row's id cell is read this way where it stands in the chunk's text, so
 * the dry run's thread neither slices nor hashes it (read/csv.ts, CsvRecord.cellInteger).
 */

/** Ids longer than this are not read as numbers: 15 digits stay below 2^53, so they convert exactly. */
const MAX_NUMERIC_DIGITS = 15;

/**
 * The number `text.slice(start, end)` stands for when it is a canonical integer (digits only, no
 * leading zero unless it is '0', at most 15 digits), or -1. Canonical integers and their texts
 * correspond one to one, so such ids can be keyed by number without changing which ids are equal.
 */
export function canonicalIntegerIn(text: string, start: number, end: number): number {
  const n = end - start;
  if (n <= 0 || n > MAX_NUMERIC_DIGITS || (n > 1 && text.charCodeAt(start) === 48)) return -1;
  let value = 0;
  for (let i = start; i < end; i++) {
    const d = text.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return -1;
    value = value * 10 + d;
  }
  return value;
}
