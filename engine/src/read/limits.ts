/**
 * Bounds that keep reading safe on hostile or mistaken input: every reader stops with E0042 once
 * one of them is passed, so memory stays bounded whatever the file holds.
 */
export interface ReadLimits {
  /** Longest csv/tsv record (a line, or the lines a quoted field spans), in characters. */
  maxLineChars: number;
  /** Largest document read whole (json or xml without recordPath), and largest single xml/json record, in characters. */
  maxDocumentChars: number;
  /** Longest replacement text one internal XML entity may expand to, in characters. */
  maxEntityExpansion: number;
}

export const defaultLimits: ReadLimits = {
  maxLineChars: 1 << 20,
  maxDocumentChars: 64 << 20,
  maxEntityExpansion: 1 << 16,
};

/** Formats a character count for messages ("1 MiB", "64 MiB", "300 characters"). */
export function describeSize(chars: number): string {
  if (chars >= 1 << 20 && chars % (1 << 20) === 0) return `${chars >> 20} MiB`;
  if (chars >= 1 << 10 && chars % (1 << 10) === 0) return `${chars >> 10} KiB`;
  return `${chars} characters`;
}
