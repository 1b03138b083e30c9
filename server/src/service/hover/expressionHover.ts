/** Hover inside JSONata: a standard-library function's signature and doc, or a column's profile. */
import type { Hover, Position } from 'vscode-languageserver-types';
import type { DataProfile } from '../../../../engine/src/profile/types';
import { columnMarkdown } from '../completion/workspaceFacts';
import { functionMarkdown, jsonataFunction, tokenAt } from '../jsonata';

/** `line` is the cursor's line; `scanFrom` the column where the expression starts on it. */
export function expressionHover(
  line: string,
  position: Position,
  scanFrom: number,
  profile: DataProfile | undefined,
): Hover | null {
  const token = tokenAt(line, position.character, scanFrom);
  if (!token || token.text === '') return null;
  const range = {
    start: { line: position.line, character: token.start },
    end: { line: position.line, character: token.end },
  };
  if (token.kind === 'function') {
    const fn = jsonataFunction(token.text);
    return fn ? { contents: { kind: 'markdown', value: functionMarkdown(fn) }, range } : null;
  }
  const column = profile?.columns.find((c) => c.name === token.text);
  return column && profile ? { contents: { kind: 'markdown', value: columnMarkdown(column, profile) }, range } : null;
}
