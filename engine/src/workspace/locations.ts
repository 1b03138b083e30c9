/** Ranges for problems that only know their file and JSON pointer. */
import type { Location, Problem, Range } from '../errors/problem';
import { locateInScalar } from './locate';
import { type ParsedDocument, rootRange } from './parseDocument';
import { valueAt } from './pointer';
import type { LoadedDocument, Workspace } from './types';

/**
 * The range to underline for a pointer: with part 'key', the key (the thing that is misplaced or
 * missing something); with 'auto', the value when it is a scalar and the key when it is a map or a
 * list (so a problem never covers a whole block). A pointer the document lacks falls back to its
 * nearest existing ancestor; the root falls back to the document's first key.
 */
export function rangeFor(parsed: ParsedDocument, pointer: string, part: 'key' | 'auto' = 'auto'): Range {
  if (pointer === '') return parsed.syntax === 'text' ? parsed.locateNearest('').ranges.value : rootRange(parsed);
  const found = parsed.locate(pointer);
  if (!found) {
    const near = parsed.locateNearest(pointer);
    return near.pointer === '' ? rootRange(parsed) : (near.ranges.key ?? near.ranges.value);
  }
  const value = valueAt(parsed.value, pointer);
  const isCollection = typeof value === 'object' && value !== null;
  if (found.key) return part === 'key' || isCollection ? found.key : found.value;
  // A list item has no key: underline its first line rather than the whole item.
  return isCollection ? firstLine(parsed, found.value) : found.value;
}

function firstLine(parsed: ParsedDocument, range: Range): Range {
  if (range.start.line === range.end.line) return range;
  const start = parsed.offsetAt(range.start);
  const lineEnd = parsed.text.indexOf('\n', start);
  const end = lineEnd < 0 ? parsed.text.length : lineEnd;
  return { start: range.start, end: parsed.positionAt(parsed.text[end - 1] === '\r' ? end - 1 : end) };
}

/** A location in a loaded document at a pointer, with its range. */
export function locationAt(doc: LoadedDocument<unknown>, pointer: string, part: 'key' | 'auto' = 'auto'): Location {
  return { file: doc.relativePath, range: rangeFor(doc.parsed, pointer, part), pointer };
}

/**
 * The location with its range filled in from its pointer, when it has a pointer but no range. With
 * `offset` (a position inside an expression held by a string scalar, as JSONata errors give it) the
 * range is that character inside the scalar, block scalars included, rather than the whole value.
 */
export function fillLocationRange(location: Location, parsed: ParsedDocument, offset?: number): Location {
  if (location.range || location.pointer === undefined) return location;
  if (offset !== undefined) {
    const at = locateInScalar(parsed, location.pointer, offset);
    if (at) return { ...location, range: { start: at, end: { line: at.line, character: at.character + 1 } } };
  }
  return { ...location, range: rangeFor(parsed, location.pointer) };
}

export function allDocuments(workspace: Workspace): LoadedDocument<unknown>[] {
  return [
    ...(workspace.workspaceFile ? [workspace.workspaceFile] : []),
    ...workspace.imports,
    ...workspace.forms,
    ...workspace.mappings,
    ...workspace.jsonata,
    ...workspace.sandboxFiles,
  ];
}

/**
 * Fills the range of every location that names a workspace file and a pointer but no range (the
 * pipeline reports configuration problems by pointer). Returns new problems; the input is not changed.
 */
export function fillProblemRanges(problems: readonly Problem[], workspace: Workspace): Problem[] {
  const byFile = new Map(allDocuments(workspace).map((d) => [d.relativePath, d.parsed]));
  return problems.map((p) => {
    if (p.locations.every((l) => l.range || l.pointer === undefined)) return p;
    return {
      ...p,
      locations: p.locations.map((l) => {
        const parsed = byFile.get(l.file);
        const offset = typeof p.data?.offset === 'number' ? p.data.offset : undefined;
        return parsed ? fillLocationRange(l, parsed, offset) : l;
      }),
    };
  });
}
