/**
 * Parses a workspace file (YAML or JSON, both through the `yaml` package so both get the same
 * positions) into its plain value, its syntax problems, and a way back from a JSON pointer to the
 * ranges of the key and the value in the text.
 */
import { type Document, isMap, isScalar, LineCounter, type Node, parseDocument as parseYaml, visit } from 'yaml';
import { problem } from '../errors/catalog';
import type { Position, Problem, Range } from '../errors/problem';
import { findNode, type KeyValueRange } from './locate';
import { formatPointer, parsePointer } from './pointer';

export type Syntax = 'yaml' | 'json';

export interface ParsedDocument {
  /** The file as problems name it (workspace-relative, forward slashes). */
  readonly path: string;
  /** 'text' for files that are not YAML or JSON (a .jsonata file): locate('') is the whole text. */
  readonly syntax: Syntax | 'text';
  readonly text: string;
  /** The plain value; undefined when the file could not be turned into data at all (alias bomb). */
  readonly value: unknown;
  /** Syntax problems (E0032) and refused input (E0042). */
  readonly problems: Problem[];
  /** The yaml Document, for language features that need the tree; undefined for plain text. */
  readonly document: Document | undefined;
  /** The ranges of the key and the value at a pointer; undefined when the document has no such node. */
  locate(pointer: string): KeyValueRange | undefined;
  /** The deepest node on the way to `pointer` that exists, with its ranges (the root at worst). */
  locateNearest(pointer: string): { pointer: string; ranges: KeyValueRange };
  positionAt(offset: number): Position;
  offsetAt(position: Position): number;
}

export interface ParseOptions {
  path: string;
  syntax: Syntax;
  /** Alias expansions allowed before the document counts as an alias bomb (yaml's maxAliasCount). */
  maxAliasCount?: number;
}

/** Position helpers over a LineCounter (0-based, like LSP; characters are UTF-16 code units). */
function positions(text: string, lineCounter: LineCounter) {
  const positionAt = (offset: number): Position => {
    const { line, col } = lineCounter.linePos(Math.min(Math.max(offset, 0), text.length));
    return { line: line - 1, character: col - 1 };
  };
  const offsetAt = (position: Position): number => {
    const lineStart = lineCounter.lineStarts[position.line];
    if (lineStart === undefined) return text.length;
    return Math.min(lineStart + position.character, text.length);
  };
  return { positionAt, offsetAt };
}

export function parseDocument(text: string, options: ParseOptions): ParsedDocument {
  const lineCounter = new LineCounter();
  const doc = parseYaml(text, { lineCounter, prettyErrors: false, uniqueKeys: true, keepSourceTokens: false });
  const { positionAt, offsetAt } = positions(text, lineCounter);
  const range = (start: number, end: number): Range => ({ start: positionAt(start), end: positionAt(end) });
  const problems: Problem[] = [];

  for (const error of doc.errors) {
    const [start, end] = error.pos;
    const at = positionAt(start);
    const message = `${error.message.split('\n')[0]?.replace(/[.:]\s*$/, '')} at line ${at.line + 1}, column ${at.character + 1}.`;
    problems.push(
      problem('E0032', message, [{ file: options.path, range: range(start, Math.max(end, start)) }], {
        data: { yamlCode: error.code },
      }),
    );
  }

  let value: unknown;
  try {
    // yaml keeps a `__proto__` key as an own property (defineProperty), so no prototype is touched.
    value = doc.toJS({ maxAliasCount: options.maxAliasCount ?? 100 });
  } catch (error) {
    value = undefined;
    const alias = firstAlias(doc);
    const at = alias?.range ? range(alias.range[0], alias.range[1]) : range(0, 0);
    const reason = error instanceof Error ? error.message : String(error);
    const isBomb = /alias/i.test(reason);
    problems.push(
      isBomb
        ? problem(
            'E0042',
            `The document expands its aliases too many times (more than ${options.maxAliasCount ?? 100}); this looks like an alias bomb, so it is not read.`,
            [{ file: options.path, range: at }],
          )
        : problem('E0032', `The document cannot be turned into data: ${reason}`, [{ file: options.path, range: at }]),
    );
  }

  const locate = (pointer: string): KeyValueRange | undefined => {
    const segments = parsePointer(pointer);
    if (!segments) return undefined;
    const found = findNode(doc, segments);
    if (!found) return undefined;
    const key = found.keyNode?.range ? range(found.keyNode.range[0], found.keyNode.range[1]) : undefined;
    if (found.node?.range) {
      const value = range(found.node.range[0], found.node.range[1]);
      return key ? { key, value } : { value };
    }
    // A key with no value: the value is the empty spot just after the key.
    if (key) return { key, value: { start: key.end, end: key.end } };
    return { value: range(0, 0) };
  };

  return {
    path: options.path,
    syntax: options.syntax,
    text,
    value,
    problems,
    document: doc,
    locate,
    locateNearest: (pointer) => nearest(pointer, locate),
    positionAt,
    offsetAt,
  };
}

function nearest(
  pointer: string,
  locate: (pointer: string) => KeyValueRange | undefined,
): { pointer: string; ranges: KeyValueRange } {
  const segments = parsePointer(pointer) ?? [];
  for (let n = segments.length; n >= 0; n--) {
    const p = formatPointer(segments.slice(0, n));
    const ranges = locate(p);
    if (ranges) return { pointer: p, ranges };
  }
  return { pointer: '', ranges: { value: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } } } };
}

function firstAlias(doc: Document): Node | undefined {
  let found: Node | undefined;
  visit(doc, {
    Alias(_, node) {
      found = node;
      return visit.BREAK;
    },
  });
  return found;
}

/** A plain-text document (a .jsonata file): its value is its text; pointer '' spans all of it. */
export function parseText(text: string, path: string): ParsedDocument {
  const lineCounter = new LineCounter();
  lineCounter.addNewLine(0);
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) lineCounter.addNewLine(i + 1);
  const { positionAt, offsetAt } = positions(text, lineCounter);
  const whole = { value: { start: positionAt(0), end: positionAt(text.length) } };
  return {
    path,
    syntax: 'text',
    text,
    value: text,
    problems: [],
    document: undefined,
    locate: (pointer) => (pointer === '' ? whole : undefined),
    locateNearest: () => ({ pointer: '', ranges: whole }),
    positionAt,
    offsetAt,
  };
}

/**
 * A range that points at the top of a document without covering all of it: the first key of a
 * root map, or the first line of anything else. Used for problems about the document as a whole
 * (a required key missing at the root).
 */
export function rootRange(parsed: ParsedDocument): Range {
  const contents = parsed.document?.contents;
  if (contents && isMap(contents)) {
    const first = contents.items[0]?.key;
    if (isScalar(first) && first.range) {
      return { start: parsed.positionAt(first.range[0]), end: parsed.positionAt(first.range[1]) };
    }
  }
  const start = contents?.range?.[0] ?? 0;
  const startPos = parsed.positionAt(start);
  const lineEnd = parsed.text.indexOf('\n', start);
  const endPos = parsed.positionAt(lineEnd < 0 ? parsed.text.length : lineEnd);
  return { start: startPos, end: endPos };
}
