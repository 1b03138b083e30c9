/**
 * Which sample column a form field (or option, or nested field) most likely comes from, for the
 * completions and quick fixes that propose a mapping: never applied without the user choosing it.
 * First a column with the same letters and digits as one of the names (case and punctuation aside:
 * `caseManager` and `Case_Manager`), then the nearest by edit distance, then one containing a name
 * or a word of one.
 */
import { suggest } from '../../../engine/src/workspace/suggest';

const normalise = (s: string): string => s.toLowerCase().replace(/[^a-z0-9]/g, '');

/** A column whose name equals one of `names`, case and punctuation aside. */
export function sameNameColumn(names: readonly string[], columns: readonly string[]): string | undefined {
  const wanted = new Set(names.map(normalise));
  return columns.find((c) => wanted.has(normalise(c)));
}

/** The column closest to one of `names` (the first name first), or undefined when none is near. */
export function closestColumn(names: readonly string[], columns: readonly string[]): string | undefined {
  const same = sameNameColumn(names, columns);
  if (same !== undefined) return same;
  for (const name of names) {
    const near = suggest(name, columns, 1)[0];
    if (near !== undefined) return near;
  }
  // Last, a column that contains a name or one of its words (`Svc_Speech` for "Speech services"),
  // never a piece of fewer than four letters: "S" is in most column names.
  for (const name of names) {
    for (const piece of [name, ...name.split(/[^A-Za-z0-9]+/)]) {
      const wanted = normalise(piece);
      if (wanted.length < 4) continue;
      const containing = columns.find((c) => normalise(c).includes(wanted));
      if (containing !== undefined) return containing;
    }
  }
  return undefined;
}
