/** Line-level reading of YAML block structure: indentation, list markers and `key:` prefixes. */
import type { ParsedDocument } from '../../../../engine/src/workspace/parseDocument';

export interface LineInfo {
  /** Leading spaces. */
  indent: number;
  /** The line starts (after its indentation) with a `- ` list item marker. */
  dash: boolean;
  /** Column where the content starts, after indentation and item markers. */
  contentCol: number;
  /** The `key:` the content starts with, unquoted; undefined when there is none. */
  key: string | undefined;
  /** Empty, blank or a comment only. */
  blank: boolean;
}

const itemMarkers = /^((?:-(?:[ \t]+|$))*)/;
/** `key:` at the start of content: quoted, or plain (a plain key cannot contain `: ` or ` #`). */
const keyAtStart = /^(?:"((?:[^"\\]|\\.)*)"|'((?:[^']|'')*)'|([^\s#'"{[\]}&*!|>%@`,][^#]*?))[ \t]*:(?=[ \t]|$)/;

export function lineCount(parsed: ParsedDocument): number {
  return parsed.positionAt(parsed.text.length).line + 1;
}

export function lineStart(parsed: ParsedDocument, line: number): number {
  return parsed.offsetAt({ line, character: 0 });
}

/** The text of a line without its line break. */
export function lineText(parsed: ParsedDocument, line: number): string {
  const start = lineStart(parsed, line);
  const nl = parsed.text.indexOf('\n', start);
  const end = nl < 0 ? parsed.text.length : nl;
  return parsed.text.slice(start, end > start && parsed.text[end - 1] === '\r' ? end - 1 : end);
}

/** The key a content string starts with, and how many characters `key:` takes; undefined if none. */
export function leadingKey(content: string): { key: string; length: number } | undefined {
  const m = keyAtStart.exec(content);
  if (!m) return undefined;
  const key =
    m[1] !== undefined ? unescapeDouble(m[1]) : m[2] !== undefined ? m[2].replaceAll("''", "'") : (m[3] ?? '').trim();
  return { key, length: m[0].length };
}

export function unescapeDouble(text: string): string {
  try {
    return JSON.parse(`"${text}"`) as string;
  } catch {
    return text;
  }
}

export function lineInfo(text: string): LineInfo {
  const indent = text.length - text.replace(/^ */, '').length;
  const rest = text.slice(indent);
  const markers = itemMarkers.exec(rest)?.[1] ?? '';
  const content = rest.slice(markers.length);
  const blank = content.trim() === '' ? markers === '' : content.startsWith('#') && markers === '';
  return {
    indent,
    dash: markers !== '',
    contentCol: indent + markers.length,
    key: leadingKey(content)?.key,
    blank,
  };
}
