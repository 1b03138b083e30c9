/**
 * A copy of `s` that does not keep its parent string alive.
 *
 * Parsers hand out cells as substrings of the chunk they read, and V8 stores a substring of 13 or
 * more characters as a slice that references the whole chunk. A value kept past its row (a plan
 * group's values, held until the end of the run) would then pin its 64 KiB chunk, and groups spread
 * over a file pin all of it. Measured on a 1M-row bench file (100k people): peak RSS 594 MB without,
 * 353 MB with (the rest is promoted garbage, see docs/performance.md).
 * Concatenating then slicing forces V8 to flatten into a fresh string of about `s.length` characters.
 */
export function detachString(s: string): string {
  return s.length < 13 ? s : ` ${s}`.slice(1);
}
