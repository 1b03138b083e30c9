/**
 * Smart selection: from the name under the cursor (a column inside an expression, or a scalar's
 * text without its quotes) out through the scalar, its key-value pair, the enclosing collection and
 * its pair, up to the whole document.
 */
import { isMap, isScalar, isSeq, type Node } from 'yaml';
import type { Position, Range, SelectionRange } from 'vscode-languageserver-types';
import type { ParsedDocument } from '../../../../engine/src/workspace/parseDocument';
import { columnReads } from '../navigation/jsonataNames';
import { containsPosition, offsetsRange, scalarContentOffsets } from '../navigation/yamlTree';
import { scalarOffsets } from '../../../../engine/src/workspace/locate';

function within(r: readonly number[] | null | undefined, offset: number): boolean {
  return !!r && r[0] !== undefined && r[1] !== undefined && offset >= r[0] && offset <= r[1];
}

/** Offsets from the outermost to the innermost span that holds `offset`. */
function spans(parsed: ParsedDocument, offset: number): [number, number][] {
  const out: [number, number][] = [[0, parsed.text.length]];
  let node = (parsed.document?.contents as Node | null | undefined) ?? null;
  while (node?.range && within(node.range, offset)) {
    out.push([node.range[0], node.range[1]]);
    let next: Node | null = null;
    if (isMap(node)) {
      for (const pair of node.items) {
        const key = pair.key as Node | null;
        const value = pair.value as Node | null;
        const start = key?.range?.[0];
        const end = value?.range?.[1] ?? key?.range?.[1];
        if (start === undefined || end === undefined || offset < start || offset > end) continue;
        out.push([start, end]);
        next = within(key?.range, offset) ? key : value;
        break;
      }
    } else if (isSeq(node)) {
      next = (node.items.find((item) => within((item as Node | null)?.range, offset)) as Node | undefined) ?? null;
    } else if (isScalar(node)) {
      const content = scalarContentOffsets(node);
      if (content) out.push(content);
      if (typeof node.value === 'string') {
        const map = scalarOffsets(parsed.text, node);
        const token =
          map &&
          columnReads(node.value).find((t) => {
            const from = map[t.nameStart];
            const to = map[t.nameEnd - 1];
            return from !== undefined && to !== undefined && offset >= from && offset <= to + 1;
          });
        const from = token && map?.[token.nameStart];
        const to = token && map?.[token.nameEnd - 1];
        if (from !== undefined && to !== undefined) out.push([from, to + 1]);
      }
      break;
    }
    node = next;
  }
  return out;
}

function contains(outer: Range, inner: Range): boolean {
  return (
    containsPosition(outer, inner.start.line, inner.start.character) &&
    containsPosition(outer, inner.end.line, inner.end.character)
  );
}

export function selectionRangesAt(parsed: ParsedDocument, positions: readonly Position[]): SelectionRange[] {
  return positions.map((position) => {
    const offset = parsed.offsetAt(position);
    let chain: SelectionRange | undefined;
    for (const [start, end] of spans(parsed, offset)) {
      const range = offsetsRange(parsed, start, end);
      if (chain && (!contains(chain.range, range) || JSON.stringify(chain.range) === JSON.stringify(range))) continue;
      chain = chain ? { range, parent: chain } : { range };
    }
    return chain ?? { range: { start: position, end: position } };
  });
}
