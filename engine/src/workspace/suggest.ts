/** "Did you mean" suggestions for near misses of known names. */
import { distance } from 'fastest-levenshtein';

/**
 * The candidates close to `input`, best first: a case-insensitive match, then edit distance within
 * about a third of the length (so short names need an exact-ish match and long ones tolerate more).
 */
export function suggest(input: string, candidates: Iterable<string>, max = 3): string[] {
  const lower = input.toLowerCase();
  const scored: { candidate: string; score: number }[] = [];
  for (const candidate of new Set(candidates)) {
    if (candidate === input) continue;
    const candidateLower = candidate.toLowerCase();
    const d = candidateLower === lower ? 0 : distance(lower, candidateLower) + 0.5;
    const limit = Math.max(1, Math.floor(Math.max(input.length, candidate.length) / 3));
    if (d <= limit + 0.5) scored.push({ candidate, score: d });
  }
  scored.sort((a, b) => a.score - b.score || a.candidate.localeCompare(b.candidate));
  return scored.slice(0, max).map((s) => s.candidate);
}

/** " Did you mean 'x'?" or '' when nothing is close. */
export function didYouMean(suggestions: readonly string[]): string {
  const best = suggestions[0];
  return best === undefined ? '' : ` Did you mean '${best}'?`;
}

/** A readable list: `a, b or c`. */
export function listOf(items: readonly string[], conjunction = 'or'): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} ${conjunction} ${items[items.length - 1]}`;
}
