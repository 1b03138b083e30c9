import type { Location } from '../errors/problem';

/**
 * A data location from 1-based line and column (as messages print them) to the 0-based range
 * editors use. The range covers `length` characters so a diagnostic underlines the culprit.
 */
export function dataLocation(
  file: string,
  line: number,
  column = 1,
  extra?: { row?: number; column?: string; length?: number },
): Location {
  const start = { line: line - 1, character: Math.max(0, column - 1) };
  const end = { line: line - 1, character: start.character + (extra?.length ?? 1) };
  const location: Location = { file, range: { start, end } };
  if (extra?.row !== undefined) location.row = extra.row;
  if (extra?.column !== undefined) location.column = extra.column;
  return location;
}

/** 1-based line and column of `offset` (a UTF-16 index) in `text`, counting from `startLine`. */
export function lineColumnAt(text: string, offset: number, startLine = 1): { line: number; column: number } {
  let line = startLine;
  let lineStart = 0;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) {
    line++;
    lineStart = i + 1;
  }
  return { line, column: offset - lineStart + 1 };
}
