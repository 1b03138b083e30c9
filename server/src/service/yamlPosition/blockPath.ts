/**
 * The path of the block collection a line belongs to, read from indentation alone. Completion
 * needs it on documents the parser cannot make sense of yet (an empty line under a mapping, a key
 * without a value, a half-typed list item), where the syntax tree puts the cursor in the wrong
 * node or nowhere; indentation is what the user sees and what they mean.
 */
import type { ParsedDocument } from '../../../../engine/src/workspace/parseDocument';
import { lineCount, lineInfo, lineText } from './lines';
import type { Segment } from './types';

/**
 * The path of the mapping that a key at `column` on `line` goes into. With `startsItem`, `column`
 * is that of a `- ` starting a list item, and the path ends with the index of that item.
 */
export function blockParentPath(parsed: ParsedDocument, line: number, column: number, startsItem: boolean): Segment[] {
  const path: Segment[] = [];
  // 'entry': looking for the parent of a mapping entry at `col`; 'item': for the parent of a
  // list item whose dash is at `col`, counting the items above it to know its index.
  let mode: 'entry' | 'item' = startsItem ? 'item' : 'entry';
  let col = column;
  let index = 0;
  let n = line - 1;
  while (n >= 0) {
    const info = lineInfo(lineText(parsed, n));
    if (info.blank) {
      n--;
      continue;
    }
    if (mode === 'item') {
      if (info.dash && info.indent === col) {
        index++;
        n--;
        continue;
      }
      if (info.indent > col) {
        n--;
        continue;
      }
      path.unshift(index);
      mode = 'entry';
      if (info.key !== undefined && info.contentCol <= col) {
        // The list's key: a list may sit at the same indentation as its key.
        path.unshift(info.key);
        col = info.contentCol;
        continue; // the same line may itself start a list item
      }
      if (info.dash && info.indent < col) {
        mode = 'item';
        col = info.indent;
        index = 0;
        n--;
        continue;
      }
      return path;
    }
    // mode 'entry'
    if (info.dash && info.indent < col && info.contentCol >= col) {
      // This line starts the list item whose mapping holds the entry.
      mode = 'item';
      col = info.indent;
      index = 0;
      n--;
      continue;
    }
    if (info.key !== undefined && info.contentCol < col) {
      path.unshift(info.key);
      col = info.contentCol;
      continue;
    }
    if (info.indent < col) {
      if (info.dash) {
        mode = 'item';
        col = info.indent;
        index = 0;
        n--;
        continue;
      }
      return path; // text at a lower indentation that is not a key: give up here
    }
    n--;
  }
  if (mode === 'item') path.unshift(index);
  return path;
}

/**
 * The keys of the block mapping whose entries start at `column`, around `line` (which is left out:
 * it holds the key being typed). Read from the text rather than the parsed value, which a
 * half-typed key can merge with the next one (`err` + `errorThreshold: 500` reads as one key).
 */
export function siblingKeys(parsed: ParsedDocument, line: number, column: number, startsItem: boolean): string[] {
  const keys: string[] = [];
  // A key after `- ` starts a new item: the lines above belong to earlier items.
  for (let n = startsItem ? -1 : line - 1; n >= 0; n--) {
    const info = lineInfo(lineText(parsed, n));
    if (info.blank || (info.indent > column && !info.dash) || (info.dash && info.indent >= column)) continue;
    if (info.contentCol === column && info.key !== undefined) keys.push(info.key);
    if (info.indent < column) break; // the line that opens the mapping (a list item's first key included)
  }
  const count = lineCount(parsed);
  for (let n = line + 1; n < count; n++) {
    const info = lineInfo(lineText(parsed, n));
    if (info.blank) continue;
    if (info.indent < column) break;
    if (!info.dash && info.indent === column && info.key !== undefined) keys.push(info.key);
  }
  return keys;
}
