/**
 * Navigation over the names that tie workspace files together: go to definition, find references
 * and rename for import aliases, form ids, field ids (and checkbox/radio option values, repeater
 * fields) and column names. Pure functions of a ServiceContext; they return empty results, never
 * throw, on documents that are incomplete or invalid.
 */
import type { Location, Position, Range, TextEdit, WorkspaceEdit } from 'vscode-languageserver-types';
import type { ServiceContext } from '../context';
import { occurrencesOf } from './occurrences';
import { renameProblem } from './rename';
import { symbolAt } from './symbolAt';

export { type NamedSymbol, type Occurrence, occurrencesOf } from './occurrences';
export { symbolAt, type SymbolHit } from './symbolAt';

function safely<T>(fallback: T, run: () => T): T {
  try {
    return run();
  } catch {
    // A half-typed document can break an assumption; a navigation request must still answer.
    return fallback;
  }
}

/** Where the name under the cursor is declared (itself, when the cursor is on the declaration). */
export function findDefinition(ctx: ServiceContext, uri: string, position: Position): Location[] {
  return safely([], () => {
    const hit = symbolAt(ctx, uri, position);
    if (!hit) return [];
    return occurrencesOf(ctx, hit.symbol)
      .filter((o) => o.declaration)
      .map((o) => ({ uri: o.uri, range: o.range }));
  });
}

/** Every use of the name under the cursor across the workspace, its declaration first when asked. */
export function findReferences(
  ctx: ServiceContext,
  uri: string,
  position: Position,
  includeDeclaration: boolean,
): Location[] {
  return safely([], () => {
    const hit = symbolAt(ctx, uri, position);
    if (!hit) return [];
    return occurrencesOf(ctx, hit.symbol)
      .filter((o) => includeDeclaration || !o.declaration)
      .map((o) => ({ uri: o.uri, range: o.range }));
  });
}

/** The range of the renameable name under the cursor, or null where nothing can be renamed. */
export function prepareRename(ctx: ServiceContext, uri: string, position: Position): Range | null {
  return safely(null, () => {
    const hit = symbolAt(ctx, uri, position);
    if (!hit) return null;
    // Renaming starts from the workspace files; a sample file's header is data, not configuration.
    return occurrencesOf(ctx, hit.symbol).some((o) => o.rename) ? hit.range : null;
  });
}

/** Why renaming the name under the cursor to `newName` is refused; undefined when it is fine. */
export function renameRefusal(
  ctx: ServiceContext,
  uri: string,
  position: Position,
  newName: string,
): string | undefined {
  return safely(undefined, () => {
    const hit = symbolAt(ctx, uri, position);
    if (!hit || !ctx.workspace) return 'There is nothing to rename here.';
    return renameProblem(ctx.workspace, hit.symbol, newName);
  });
}

/**
 * The edits that rename the name under the cursor everywhere in the workspace files (the data file
 * is left alone); null when there is nothing to rename or the new name is not valid for its kind.
 */
export function doRename(ctx: ServiceContext, uri: string, position: Position, newName: string): WorkspaceEdit | null {
  return safely(null, () => {
    const hit = symbolAt(ctx, uri, position);
    if (!hit || !ctx.workspace) return null;
    if (renameProblem(ctx.workspace, hit.symbol, newName) !== undefined) return null;
    const changes: Record<string, TextEdit[]> = {};
    for (const occurrence of occurrencesOf(ctx, hit.symbol)) {
      const edits = occurrence.rename?.(newName) ?? [];
      if (edits.length > 0) (changes[occurrence.uri] ??= []).push(...edits);
    }
    return Object.keys(changes).length > 0 ? { changes } : null;
  });
}
