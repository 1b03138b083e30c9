/**
 * Finds the first byte an encoding cannot hold, with its line and column, by walking the file
 * byte by byte. Slow (a JavaScript loop) but run only after the fast decoder has failed, so the
 * happy path pays nothing for precise error positions.
 */
export type LocateKind = 'utf-8' | 'ascii' | 'utf-16le' | 'utf-16be' | 'windows-1252' | 'iso-8859-1' | 'nul';

export interface LocatedByte {
  /** 0-based byte offset in the file (a BOM counts). */
  offset: number;
  /** The offending byte (for utf-16, the first byte of the offending code unit). */
  byte: number;
  /** utf-16 only: the offending code unit. */
  unit?: number;
  /** 1-based line and column (columns count UTF-16 code units, as editors do). */
  line: number;
  column: number;
  /** ascii only: whether the rest of the file would be valid utf-8 (to suggest it). */
  validUtf8?: boolean;
}

/**
 * Walks `bytes` (the whole file from its start) and returns the first invalid byte, or undefined
 * when there is none. `utf8Columns` counts columns in characters of utf-8 (for the NUL search).
 */
export async function locateByte(
  bytes: AsyncIterable<Uint8Array>,
  kind: LocateKind,
  skip: number,
  utf8Columns = kind === 'utf-8',
): Promise<LocatedByte | undefined> {
  let offset = 0;
  let line = 1;
  let column = 0;
  // utf-8 state machine (WHATWG Encoding Standard, "UTF-8 decoder").
  let needed = 0;
  let lower = 0x80;
  let upper = 0xbf;
  let seqStart = 0;
  let seqByte = 0;
  let seqUnits = 1;
  // utf-16 state.
  let evenByte = -1;
  let highSurrogate = -1;
  let highAt = 0;
  let ascii: LocatedByte | undefined;
  let utf8Broken = false;
  const le = kind === 'utf-16le';
  /** A high surrogate with no low one after it: a file cut short, or a unit written alone. */
  const loneHigh = (): LocatedByte => ({
    offset: highAt,
    byte: le ? highSurrogate & 0xff : highSurrogate >> 8,
    unit: highSurrogate,
    line,
    column: column + 1,
  });

  for await (const chunk of bytes) {
    for (let i = 0; i < chunk.length; i++, offset++) {
      if (offset < skip) continue;
      const b = chunk[i] as number;
      if (kind === 'utf-16le' || kind === 'utf-16be') {
        if (evenByte < 0) {
          evenByte = b;
          continue;
        }
        const unit = le ? evenByte | (b << 8) : (evenByte << 8) | b;
        const unitAt = offset - 1;
        const unitByte = evenByte;
        evenByte = -1;
        if (highSurrogate >= 0) {
          if (unit >= 0xdc00 && unit <= 0xdfff) {
            highSurrogate = -1;
            column += 2;
            continue;
          }
          return loneHigh();
        }
        if (unit >= 0xd800 && unit <= 0xdbff) {
          highSurrogate = unit;
          highAt = unitAt;
          continue;
        }
        if (unit >= 0xdc00 && unit <= 0xdfff) return { offset: unitAt, byte: unitByte, unit, line, column: column + 1 };
        if (unit === 0x0a) {
          line++;
          column = 0;
        } else column++;
        continue;
      }
      if (kind === 'ascii') {
        if (b > 0x7f && !ascii) ascii = { offset, byte: b, line, column: column + 1 };
        if (ascii) {
          // Keep walking only to tell whether the file is utf-8, for the hint.
          if (!utf8Broken && !stepUtf8(b)) utf8Broken = true;
          continue;
        }
      }
      if (kind === 'nul' && b === 0) return { offset, byte: 0, line, column: column + 1 };
      if (kind === 'utf-8') {
        if (!stepUtf8(b)) return { offset: seqStart, byte: seqByte, line, column: column + 1 };
        continue;
      }
      if (b === 0x0a) {
        line++;
        column = 0;
      } else if (!utf8Columns || (b & 0xc0) !== 0x80) column++;
    }
  }
  if (kind === 'ascii' && ascii) return { ...ascii, validUtf8: !utf8Broken && needed === 0 };
  if (kind === 'utf-8' && needed > 0) return { offset: seqStart, byte: seqByte, line, column: column + 1 };
  if ((kind === 'utf-16le' || kind === 'utf-16be') && (evenByte >= 0 || highSurrogate >= 0)) {
    if (highSurrogate >= 0) {
      return loneHigh();
    }
    return { offset: offset - 1, byte: evenByte, line, column: column + 1 };
  }
  return undefined;

  /** Feeds one byte to the utf-8 state machine; false when it makes the sequence invalid. */
  function stepUtf8(b: number): boolean {
    if (needed === 0) {
      seqStart = offset;
      seqByte = b;
      if (b <= 0x7f) {
        if (b === 0x0a) {
          line++;
          column = 0;
        } else column++;
        return true;
      }
      if (b >= 0xc2 && b <= 0xdf) {
        needed = 1;
        seqUnits = 1;
      } else if (b >= 0xe0 && b <= 0xef) {
        if (b === 0xe0) lower = 0xa0;
        if (b === 0xed) upper = 0x9f;
        needed = 2;
        seqUnits = 1;
      } else if (b >= 0xf0 && b <= 0xf4) {
        if (b === 0xf0) lower = 0x90;
        if (b === 0xf4) upper = 0x8f;
        needed = 3;
        seqUnits = 2;
      } else return false;
      return true;
    }
    if (b < lower || b > upper) return false;
    lower = 0x80;
    upper = 0xbf;
    needed--;
    if (needed === 0) column += seqUnits;
    return true;
  }
}
