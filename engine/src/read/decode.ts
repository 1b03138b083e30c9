/**
 * Streaming text decoding: byte-order marks, the configured encoding, and E0026 for bytes the
 * encoding cannot hold, placed at their line, column and byte offset.
 *
 * Speed: the happy path is one `TextDecoder` per file (fatal for utf-8 and utf-16), so decoding
 * runs at native speed; only when it fails is the file walked again byte by byte (locate.ts) to
 * find the exact culprit. `stream: true` keeps a multi-byte character split across two chunks
 * whole.
 *
 * Encodings are WHATWG encodings, as TextDecoder (Node and browsers) implements them:
 * - `iso-8859-1` is decoded as `windows-1252`: the WHATWG Encoding Standard maps the label
 *   iso-8859-1 (and latin1, ascii) to windows-1252, so bytes 0x80-0x9F give the 1252 characters
 *   (0x93 gives a curly quote) and not C1 control characters. For real files this is what users
 *   expect; windows-1252 and iso-8859-1 files therefore never fail to decode.
 * - `ascii` is checked strictly (a byte above 0x7F is E0026) because the platform offers ASCII for
 *   systems that cannot store anything else; TextDecoder's "ascii" label would silently decode 1252.
 */
import { problem } from '../errors/catalog';
import { ProblemError } from '../errors/problem';
import type { Encoding } from '../model/workspace';
import { locateByte } from './locate';
import { dataLocation } from './location';

export interface DecodeContext {
  /** The configured encoding; a byte-order mark in the file wins over it. */
  encoding: Encoding;
  /** The file as locations name it. */
  file: string;
  /** Reads the file again from its start; used only to place an encoding error. */
  reread: () => AsyncIterable<Uint8Array>;
}

/** The encoding a BOM at the start of `bytes` declares, and its length. */
export function detectBom(bytes: Uint8Array): { encoding: Encoding; length: number } | undefined {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return { encoding: 'utf-8', length: 3 };
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { encoding: 'utf-16le', length: 2 };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { encoding: 'utf-16be', length: 2 };
  return undefined;
}

/** WHATWG label for TextDecoder (see the header comment about iso-8859-1 and ascii). */
export function decoderLabel(encoding: Encoding): string {
  switch (encoding) {
    case 'utf-8':
    case 'ascii':
      return 'utf-8';
    case 'iso-8859-1':
    case 'windows-1252':
      return 'windows-1252';
    default:
      return encoding;
  }
}

/** When a text file holds NUL bytes, it is most often utf-16 without a BOM: guess which. */
export function guessUtf16(bytes: Uint8Array): 'utf-16le' | 'utf-16be' | undefined {
  let even = 0;
  let odd = 0;
  const n = Math.min(bytes.length, 4096);
  for (let i = 0; i < n; i++) {
    if (bytes[i] === 0) {
      if (i % 2 === 0) even++;
      else odd++;
    }
  }
  if (even + odd < n / 8) return undefined;
  return odd >= even ? 'utf-16le' : 'utf-16be';
}

async function* withBomChecked(
  bytes: AsyncIterable<Uint8Array>,
): AsyncGenerator<Uint8Array | { encoding: Encoding; length: number } | undefined> {
  // Gathers at least three bytes so a BOM split by a tiny chunk is still seen.
  let head = new Uint8Array(0);
  let bomChecked = false;
  for await (const chunk of bytes) {
    if (bomChecked) {
      yield chunk;
      continue;
    }
    const joined = new Uint8Array(head.length + chunk.length);
    joined.set(head);
    joined.set(chunk, head.length);
    head = joined;
    if (head.length < 3) continue;
    bomChecked = true;
    yield detectBom(head);
    yield head;
  }
  if (!bomChecked) {
    yield detectBom(head);
    if (head.length > 0) yield head;
  }
}

/**
 * Decodes a byte stream to text chunks. Throws ProblemError E0026 for bytes invalid in the
 * encoding (and for NUL bytes in a single-byte or utf-8 file, which mean utf-16 without a BOM).
 */
export async function* decodeText(
  bytes: AsyncIterable<Uint8Array>,
  context: DecodeContext,
): AsyncGenerator<string, void, undefined> {
  let encoding = context.encoding;
  let bomLength = 0;
  let decoder: InstanceType<typeof TextDecoder> | undefined;
  let first = true;
  let firstBytes: Uint8Array | undefined;

  for await (const item of withBomChecked(bytes)) {
    if (!(item instanceof Uint8Array)) {
      if (item) {
        encoding = item.encoding;
        bomLength = item.length;
      }
      const label = decoderLabel(encoding);
      // A BOM is stripped here (ignoreBOM keeps TextDecoder from guessing on its own).
      decoder = new TextDecoder(label, { fatal: label !== 'windows-1252', ignoreBOM: true });
      continue;
    }
    let chunk = item;
    if (first) {
      first = false;
      firstBytes = chunk;
      chunk = chunk.subarray(bomLength);
    }
    const active = decoder as InstanceType<typeof TextDecoder>;
    let text: string;
    try {
      text = active.decode(chunk, { stream: true });
    } catch {
      throw await encodingError(context, encoding, bomLength, firstBytes);
    }
    if (encoding === 'ascii' && text.length !== chunk.length)
      throw await encodingError(context, encoding, bomLength, firstBytes);
    if (encoding !== 'utf-16le' && encoding !== 'utf-16be' && chunk.indexOf(0) !== -1) {
      throw await nulError(context, encoding, bomLength, firstBytes);
    }
    if (text.length > 0) yield text;
  }
  if (!decoder) return;
  let rest: string;
  try {
    rest = decoder.decode();
  } catch {
    throw await encodingError(context, encoding, bomLength, firstBytes);
  }
  if (rest.length > 0) yield rest;
}

function hex(byte: number): string {
  return `0x${byte.toString(16).toUpperCase().padStart(2, '0')}`;
}

async function encodingError(
  context: DecodeContext,
  encoding: Encoding,
  bomLength: number,
  firstBytes: Uint8Array | undefined,
): Promise<ProblemError> {
  const found = await locateByte(context.reread(), encoding === 'ascii' ? 'ascii' : encoding, bomLength);
  const utf16 = firstBytes ? guessUtf16(firstBytes) : undefined;
  let looksLike: string;
  if (encoding === 'ascii') looksLike = found?.validUtf8 ? 'utf-8' : 'windows-1252';
  else if (encoding === 'utf-16le' || encoding === 'utf-16be') looksLike = 'utf-8';
  else looksLike = utf16 ?? 'windows-1252';
  if (!found) {
    return new ProblemError(
      problem('E0026', `The file is not valid ${encoding}; it looks like ${looksLike}.`, [{ file: context.file }], {
        data: { encoding, suggestedEncoding: looksLike },
      }),
    );
  }
  const what =
    encoding === 'utf-16le' || encoding === 'utf-16be'
      ? `The code unit ${hex(found.byte)}${found.unit !== undefined ? ` (${found.unit.toString(16).toUpperCase()})` : ''}`
      : `Byte ${hex(found.byte)}`;
  const message =
    `${what} at line ${found.line}, column ${found.column} (byte offset ${found.offset}) is not valid ${encoding}; ` +
    `the file looks like ${looksLike}.`;
  return new ProblemError(
    problem('E0026', message, [dataLocation(context.file, found.line, found.column)], {
      fix: `Set \`source.encoding\` to ${looksLike} if the file is written in it, or re-save the file as ${encoding}.`,
      data: {
        encoding,
        suggestedEncoding: looksLike,
        byte: found.byte,
        offset: found.offset,
        line: found.line,
        column: found.column,
      },
    }),
  );
}

async function nulError(
  context: DecodeContext,
  encoding: Encoding,
  bomLength: number,
  firstBytes: Uint8Array | undefined,
): Promise<ProblemError> {
  const found = await locateByte(context.reread(), 'nul', bomLength, encoding === 'utf-8' || encoding === 'ascii');
  const guess = (firstBytes && guessUtf16(firstBytes)) ?? 'utf-16le';
  const where = found ? ` at line ${found.line}, column ${found.column} (byte offset ${found.offset})` : '';
  return new ProblemError(
    problem(
      'E0026',
      `The file holds NUL bytes${where}, which a ${encoding} text file never does; it looks like ${guess} without a byte-order mark.`,
      [found ? dataLocation(context.file, found.line, found.column) : { file: context.file }],
      {
        fix: `Set \`source.encoding\` to ${guess}, or re-save the file as UTF-8.`,
        data: { encoding, suggestedEncoding: guess, ...(found ? { offset: found.offset, line: found.line } : {}) },
      },
    ),
  );
}
