/** The range of a name inside an expression held by a string scalar of a workspace file. */
import type { Range } from '../errors/problem';
import { locateInScalar } from '../workspace/locate';
import { rangeFor } from '../workspace/locations';
import type { LoadedDocument } from '../workspace/types';

/**
 * The range of `length` characters at `offset` of the expression at `pointer`. The end is placed
 * one past the name's last character, so a name that ends a line of a block scalar does not
 * stretch to the next line. Without an offset, the whole value.
 */
export function rangeInExpression(
  doc: LoadedDocument<unknown>,
  pointer: string,
  offset: number | undefined,
  length: number,
): Range {
  if (offset === undefined || length === 0) return rangeFor(doc.parsed, pointer);
  const start = locateInScalar(doc.parsed, pointer, offset);
  const last = locateInScalar(doc.parsed, pointer, offset + length - 1);
  if (!start || !last) return rangeFor(doc.parsed, pointer);
  return { start, end: { line: last.line, character: last.character + 1 } };
}
