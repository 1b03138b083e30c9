/**
 * "Did you mean" for names the user typed (columns, options): the closest candidate, if it is close
 * enough to be a plausible typo. A case-insensitive exact match always wins.
 */
import { distance } from 'fastest-levenshtein';

export function didYouMean(name: string, candidates: Iterable<string>): string | undefined {
  const lower = name.toLowerCase();
  let best: string | undefined;
  let bestDistance = Number.POSITIVE_INFINITY;
  for (const candidate of candidates) {
    if (candidate === name) continue;
    if (candidate.toLowerCase() === lower) return candidate;
    const d = distance(lower, candidate.toLowerCase());
    if (d < bestDistance) {
      bestDistance = d;
      best = candidate;
    }
  }
  // Up to a third of the name may differ (at least 2 edits), so 'LastNam' finds 'LastName' but 'ID' does not find 'Grade'.
  const allowed = Math.max(2, Math.floor(name.length / 3));
  return bestDistance <= allowed ? best : undefined;
}

/** " Did you mean 'X'?" or an empty string, for the end of a message. */
export function didYouMeanText(suggestion: string | undefined): string {
  return suggestion === undefined ? '' : ` Did you mean '${suggestion}'?`;
}
