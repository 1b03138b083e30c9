/**
 * The first bytes of the source file, read once per profile: they fingerprint the file for the
 * cache key (FileStat has no modification time) and hold the csv/tsv header line whose cells
 * headerRanges.ts locates (read with read/sourceTexts.ts `readPrefix`, up to `HEAD_BYTES`).
 */
import type { Encoding } from '../model/workspace';
import { decoderLabel, detectBom } from '../read/decode';

export const HEAD_BYTES = 64 * 1024;

/**
 * The head as text, the byte-order mark left out (a BOM wins over the configured encoding, as in
 * the reader). Not fatal: the head only locates header cells, and a bad byte later in the file
 * must not hide the header.
 */
export function decodeHead(head: Uint8Array, encoding: Encoding): string {
  const bom = detectBom(head);
  const label = decoderLabel(bom?.encoding ?? encoding);
  return new TextDecoder(label, { ignoreBOM: true }).decode(head.subarray(bom?.length ?? 0));
}

/**
 * True when a file configured as a single-byte encoding is really UTF-8: its head is valid UTF-8
 * (a character cut by the end of the head does not count against it) and holds at least one
 * multi-byte character. Read as windows-1252, such a file turns 'Zoë' into 'ZoÃ«' without any error.
 */
export function looksLikeUtf8(head: Uint8Array): boolean {
  if (detectBom(head) || !head.some((b) => b >= 0x80)) return false;
  try {
    // stream: true keeps a trailing partial character pending instead of failing on it.
    new TextDecoder('utf-8', { fatal: true }).decode(head, { stream: true });
    return true;
  } catch {
    return false;
  }
}
