/**
 * Folding ranges: every block map, list and multi-line scalar folds from the line of its key (or
 * list dash) to its last line of content; runs of comment lines fold as comments. A .jsonata file
 * folds its brackets and block comments.
 */
import { isMap, isScalar, isSeq, type Node, visit } from 'yaml';
import { type FoldingRange, FoldingRangeKind } from 'vscode-languageserver-types';
import type { ParsedDocument } from '../../../../engine/src/workspace/parseDocument';

/** The line of the last non-blank character before `end` (ranges end after trailing line breaks). */
function lastLine(parsed: ParsedDocument, start: number, end: number): number {
  let e = end;
  while (e > start && /\s/.test(parsed.text[e - 1] ?? '')) e--;
  return parsed.positionAt(Math.max(start, e - 1)).line;
}

function push(out: FoldingRange[], startLine: number, endLine: number, kind?: FoldingRangeKind): void {
  if (endLine > startLine) out.push({ startLine, endLine, ...(kind ? { kind } : {}) });
}

function yamlFolds(parsed: ParsedDocument): FoldingRange[] {
  const out: FoldingRange[] = [];
  if (!parsed.document) return out;
  const fold = (from: number, node: Node | null) => {
    const r = node?.range;
    if (!r || !(isMap(node) || isSeq(node) || isScalar(node))) return;
    push(out, parsed.positionAt(from).line, lastLine(parsed, r[0], r[1]));
  };
  visit(parsed.document, {
    Pair(_, pair) {
      const key = pair.key as Node | null;
      if (key?.range) fold(key.range[0], pair.value as Node | null);
    },
    Seq(_, seq) {
      for (const item of seq.items) {
        const node = item as Node | null;
        if (node?.range && (isMap(node) || isSeq(node))) fold(node.range[0], node);
      }
    },
  });
  return out;
}

function commentFolds(parsed: ParsedDocument, pattern: RegExp): FoldingRange[] {
  const out: FoldingRange[] = [];
  const lines = parsed.text.split('\n');
  let start = -1;
  lines.forEach((line, i) => {
    const isComment = pattern.test(line);
    if (isComment && start < 0) start = i;
    if (!isComment && start >= 0) {
      push(out, start, i - 1, FoldingRangeKind.Comment);
      start = -1;
    }
  });
  if (start >= 0) push(out, start, lines.length - 1, FoldingRangeKind.Comment);
  return out;
}

/** Brackets and block comments of a JSONata text, skipping strings. */
function jsonataFolds(parsed: ParsedDocument): FoldingRange[] {
  const out: FoldingRange[] = [];
  const text = parsed.text;
  const open: number[] = [];
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '"' || c === "'" || c === '`') {
      const close = text.indexOf(c, i + 1);
      i = close < 0 ? text.length : close;
    } else if (c === '/' && text[i + 1] === '*') {
      const close = text.indexOf('*/', i + 2);
      const end = close < 0 ? text.length : close + 2;
      push(out, parsed.positionAt(i).line, parsed.positionAt(end).line, FoldingRangeKind.Comment);
      i = end - 1;
    } else if (c === '(' || c === '[' || c === '{') open.push(i);
    else if (c === ')' || c === ']' || c === '}') {
      const from = open.pop();
      // The closing bracket's own line stays visible, as editors fold code blocks.
      if (from !== undefined) push(out, parsed.positionAt(from).line, parsed.positionAt(i).line - 1);
    }
  }
  return out;
}

export function folds(parsed: ParsedDocument): FoldingRange[] {
  const ranges =
    parsed.syntax === 'text'
      ? jsonataFolds(parsed)
      : [...yamlFolds(parsed), ...(parsed.syntax === 'yaml' ? commentFolds(parsed, /^\s*#/) : [])];
  const seen = new Set<string>();
  return ranges
    .filter((r) => {
      const key = `${r.startLine}:${r.endLine}:${r.kind ?? ''}`;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    })
    .sort((a, b) => a.startLine - b.startLine || a.endLine - b.endLine);
}
