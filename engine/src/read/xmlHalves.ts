/**
 * Reading a big xml file in two halves at once: the dry run's thread parses the first half while a
 * reading thread parses the second, so saxes (most of an xml dry run, docs/performance.md) costs
 * each thread about half the file.
 *
 * The reading thread parses a document made of the file's head, up to the line where the first
 * record starts (the prolog, the DOCTYPE and its entities, the root's opening tag: the same context
 * every record is parsed in), followed by the file from a "cut": a line near the middle that starts
 * with a record's opening tag. It applies the transformation's path object to each record there
 * and posts the rows, packed, as the csv reader does. The dry run's thread reads up to the cut and
 * then checks that it stands between two records (XmlRecordParser.betweenRecords); only then are
 * the reading thread's rows the rest of the file. A cut inside a comment, a CDATA section or a
 * record (a line of text that looks like a tag) fails the check, and the dry run's thread stops
 * the other and reads on itself. Lines, record numbers and problems are those of one thread: the
 * reading thread counts the line breaks it skips, and numbers its records from the cut.
 *
 * Only with a path-object transformation (the rows cross as strings), a record path of two steps or
 * more, an encoding where a line break is the byte 0x0A (utf-8 and the single-byte ones) and xml
 * 1.0; anything else is read in one thread.
 */
import type { Row } from '../cache/processedRow';
import type { FileSystem } from '../io/fileSystem';
import type { Encoding } from '../model/workspace';
import { FALLBACK, type PathObjectSpec, pathObjectOf } from '../transform/pathObject';
import { recordStream } from './batches';
import { detectBom } from './decode';
import type { ReadLimits } from './limits';
import { nullObject } from './nullObject';
import { type Credits, failure, MESSAGE_CHARS, openChannel, type ReaderPort, type ReadThread } from './readThread';
import type { SourceReader, SourceRecord } from './sourceRecord';
import { readPrefix, sourceTexts } from './sourceTexts';
import { parseTexts, XmlRecordParser } from './xml';

/** What the reading thread is asked to read (structured-clone data). */
export interface XmlHalfRequest {
  /** The file on the reading thread's own file system (FileSystem.diskPath). */
  path: string;
  /** The file as locations name it. */
  file: string;
  encoding: Encoding;
  limits: ReadLimits;
  chunkSize: number;
  readSize: number;
  recordPath: string;
  pathObject: PathObjectSpec;
  /** The file's size in bytes. */
  size: number;
}

/**
 * Rows as they cross: the records numbered from `first` on, one after another. Per record its
 * line, then per key of the path object the end of its value in the text (values follow one
 * another) or MISSING; SENT_WHOLE instead of the first end means the path object could not answer
 * for the record, which comes next in `whole` for JSONata. The text travels as utf-8 bytes
 * (transferred, off the heap): the rows wait until the first half is done, and a string of text
 * with one character above U+00FF would take two bytes per character.
 */
export interface PackedRows {
  first: number;
  text: Uint8Array;
  cells: Int32Array;
  whole: Record<string, unknown>[];
}

const MISSING = -1;
const SENT_WHOLE = -2;

/**
 * Messages the reading thread may post before the dry run's thread takes one: ~64K characters
 * each, so at most ~25M characters of rows wait, whatever the file's size (the bench file's whole
 * second half is ~12M).
 */
export const XML_CREDITS = 384;

/** Where the reading thread looks for the first record, and for the cut past the middle. */
const HEAD_BYTES = 1 << 20;
const CUT_WINDOW = 1 << 20;

/** Encodings in which every 0x0A byte is a line break and a line break ends a character. */
const LINE_SAFE: ReadonlySet<Encoding> = new Set<Encoding>(['utf-8', 'ascii', 'windows-1252', 'iso-8859-1']);

/** True when the import can be read in two halves at all (the file's own bytes decide the rest). */
export function halvesPossible(recordPath: string | undefined, encoding: Encoding): boolean {
  const steps = recordSteps(recordPath);
  if (steps.length < 2 || !LINE_SAFE.has(encoding)) return false;
  // In a single-byte encoding the name is found by its utf-8 bytes only when it is ascii.
  return encoding === 'utf-8' || /^[\x21-\x7e]*$/.test(steps[steps.length - 1] as string);
}

function recordSteps(recordPath: string | undefined): string[] {
  return (recordPath ?? '').split('.').filter((s) => s !== '');
}

/**
 * The first offset at or after `from` (and at least 1) where a line starts with optional blanks and
 * then `<name` followed by a blank, `>` or `/`: where a record's opening tag may start a line.
 * -1 when none lies wholly inside `bytes`.
 */
export function recordLineStart(bytes: Uint8Array, from: number, name: Uint8Array): number {
  for (let nl = bytes.indexOf(0x0a, Math.max(from, 1) - 1); nl !== -1; nl = bytes.indexOf(0x0a, nl + 1)) {
    let i = nl + 1;
    while (i < bytes.length && (bytes[i] === 0x20 || bytes[i] === 0x09)) i++;
    if (i + name.length + 1 >= bytes.length) return -1;
    if (bytes[i] !== 0x3c) continue;
    let same = true;
    for (let k = 0; k < name.length && same; k++) same = bytes[i + 1 + k] === name[k];
    const after = bytes[i + 1 + name.length];
    if (
      same &&
      (after === 0x20 || after === 0x09 || after === 0x0d || after === 0x0a || after === 0x3e || after === 0x2f)
    ) {
      return nl + 1;
    }
  }
  return -1;
}

/** Line breaks as saxes counts them (LF, CRLF, a lone CR) in the bytes from `start` to `end`. */
async function countLineBreaks(fs: FileSystem, path: string, start: number, end: number): Promise<number> {
  let breaks = 0;
  let left = end - start;
  let previous = 0;
  for await (const piece of fs.readStream(path, { start, chunkSize: 1 << 20 })) {
    const chunk = piece.length > left ? piece.subarray(0, left) : piece;
    left -= chunk.length;
    if (chunk.indexOf(0x0d) === -1 && previous !== 0x0d) {
      for (let i = chunk.indexOf(0x0a); i !== -1; i = chunk.indexOf(0x0a, i + 1)) breaks++;
    } else {
      for (let i = 0; i < chunk.length; i++) {
        const byte = chunk[i] as number;
        // A CR counts when no LF follows it; an LF always does (CRLF is one break).
        if (byte === 0x0a) breaks++;
        else if (previous === 0x0d) breaks++;
        previous = byte;
      }
    }
    if (chunk.length > 0) previous = chunk[chunk.length - 1] as number;
    if (left === 0) break;
  }
  // A CR just before `end` has its LF after it (the cut follows a LF), so it is never alone here.
  return breaks;
}

/**
 * The reading thread's side: finds the first record's line and the cut, answers `cut` (or `whole`
 * when the file cannot be cut: the dry run's thread then reads it all, and meets any problem
 * there itself), then parses and posts the second half's rows and the end, or the problem that
 * stopped it.
 */
export async function serveXmlHalf(
  port: ReaderPort,
  credits: Credits,
  fs: FileSystem,
  request: XmlHalfRequest,
): Promise<void> {
  let packer: RowPacker | undefined;
  const flush = async (): Promise<void> => {
    if (!packer || packer.count === 0) return;
    await credits.take();
    const batch = packer.take();
    port.post({ type: 'rows', batch }, [batch.cells.buffer as ArrayBuffer, batch.text.buffer as ArrayBuffer]);
  };
  try {
    const plan = await planHalves(fs, request);
    if (!plan) {
      port.post({ type: 'whole' }, []);
      return;
    }
    port.post({ type: 'cut', byte: plan.cut, encoding: plan.encoding }, []);
    const { parser } = plan;
    packer = new RowPacker(request.pathObject, parser.count);
    parser.skipLines(plan.firstLine, await countLineBreaks(fs, request.path, plan.first, plan.cut));
    const texts = sourceTexts(fs, request.path, { ...request, encoding: plan.encoding, start: plan.cut });
    for await (const batch of parseTexts(parser, texts, true)) {
      packer.add(batch);
      if (packer.chars >= MESSAGE_CHARS) await flush();
    }
    await flush();
    port.post({ type: 'end', problems: [] }, []);
  } catch (error) {
    if (!packer) {
      // Before the cut was sent, the dry run's thread reads the file itself and meets the problem there.
      port.post({ type: 'whole' }, []);
      return;
    }
    // The records completed before the problem, then the problem: as one thread would have read them.
    await flush();
    port.post(failure(error), []);
  }
}

interface Halves {
  /** Where the line of the first record starts, and its line number. */
  first: number;
  firstLine: number;
  /** Where the second half starts. */
  cut: number;
  /** The encoding after the byte-order mark has had its say. */
  encoding: Encoding;
  /** A parser that has read the file's head up to `first`. */
  parser: XmlRecordParser;
}

async function planHalves(fs: FileSystem, request: XmlHalfRequest): Promise<Halves | undefined> {
  if (!halvesPossible(request.recordPath, request.encoding)) return undefined;
  const steps = recordSteps(request.recordPath);
  const name = new TextEncoder().encode(steps[steps.length - 1]);
  const head = await readPrefix(fs, request.path, HEAD_BYTES);
  const bom = detectBom(head);
  if (bom && bom.encoding !== 'utf-8') return undefined;
  const encoding: Encoding = bom ? 'utf-8' : request.encoding;
  const first = recordLineStart(head, bom?.length ?? 0, name);
  if (first === -1) return undefined;
  const middle = Math.floor(request.size / 2);
  if (middle <= first) return undefined;
  const window = await readPrefix(fs, request.path, CUT_WINDOW, { start: middle });
  const at = recordLineStart(window, 1, name);
  if (at === -1) return undefined;

  const parser = new XmlRecordParser({
    file: request.file,
    recordPath: request.recordPath,
    limits: request.limits,
    projection: request.pathObject.paths,
  });
  const texts = sourceTexts(fs, request.path, { ...request, end: first });
  for await (const records of parseTexts(parser, texts, false)) void records;
  // The head must leave the parser where the cut will: between records (an xml 1.1 document also
  // breaks lines at U+0085 and U+2028, which countLineBreaks does not count).
  if (!parser.betweenRecords() || parser.version !== '1.0') return undefined;
  return { first, firstLine: parser.line, cut: middle + at, encoding, parser };
}

/**
 * Packs records into rows as they cross (PackedRows), numbering them from the cut. Each value is
 * written to the byte buffer as it comes, so no record outlives its turn (a string of the message's
 * values would keep every value, and the text each was cut from, until the message is posted).
 */
class RowPacker {
  count = 0;
  /** Characters (UTF-16 code units) written: the ends in `cells` count these. */
  chars = 0;
  private first = 1;
  private bytes = new Uint8Array(4 * MESSAGE_CHARS);
  private used = 0;
  private cells: number[] = [];
  private whole: Record<string, unknown>[] = [];
  private readonly keys: readonly string[];
  private readonly apply: (input: unknown) => Row | typeof FALLBACK;
  private readonly encoder = new TextEncoder();

  constructor(
    spec: PathObjectSpec,
    /** Records the parser had completed before the cut (in the head), not sent. */
    private readonly before: number,
  ) {
    this.keys = spec.keys;
    this.apply = pathObjectOf(spec);
  }

  add(records: readonly SourceRecord[]): void {
    const { keys, cells } = this;
    for (const record of records) {
      if (this.count++ === 0) this.first = record.index - this.before;
      cells.push(record.line);
      const row = this.apply(record.value);
      if (row === FALLBACK || !allStrings(row, keys)) {
        cells.push(SENT_WHOLE);
        for (let k = 1; k < keys.length; k++) cells.push(MISSING);
        this.whole.push(record.value);
        continue;
      }
      for (let k = 0; k < keys.length; k++) {
        const value = row[keys[k] as string] as string | undefined;
        if (value === undefined) cells.push(MISSING);
        else {
          this.write(value);
          cells.push(this.chars);
        }
      }
    }
  }

  /**
   * utf-8 keeps the character count: saxes lets no lone surrogate through (a reference to one is
   * malformed xml), and a pair is one character of 4 bytes, two code units again when decoded.
   */
  private write(value: string): void {
    // At most 3 bytes per UTF-16 code unit.
    if (this.used + 3 * value.length > this.bytes.length) {
      const grown = new Uint8Array(Math.max(2 * this.bytes.length, this.used + 3 * value.length));
      grown.set(this.bytes.subarray(0, this.used));
      this.bytes = grown;
    }
    this.used += this.encoder.encodeInto(value, this.bytes.subarray(this.used)).written;
    this.chars += value.length;
  }

  take(): PackedRows {
    const batch: PackedRows = {
      first: this.first,
      text: this.bytes.slice(0, this.used),
      cells: Int32Array.from(this.cells),
      whole: this.whole,
    };
    this.used = 0;
    this.cells = [];
    this.whole = [];
    this.count = 0;
    this.chars = 0;
    return batch;
  }
}

function allStrings(row: Row, keys: readonly string[]): boolean {
  for (const key of keys) {
    const value = row[key];
    if (value !== undefined && typeof value !== 'string') return false;
  }
  return true;
}

const decoder = new TextDecoder();

/** The records of one message, numbered after the `before` records of the first half. */
export function unpackRows(batch: PackedRows, keys: readonly string[], before: number): SourceRecord[] {
  const { cells, whole } = batch;
  const text = decoder.decode(batch.text);
  const width = 1 + keys.length;
  const records: SourceRecord[] = [];
  let index = batch.first + before;
  let start = 0;
  let sent = 0;
  for (let at = 0; at < cells.length; at += width, index++) {
    const line = cells[at] as number;
    if (cells[at + 1] === SENT_WHOLE) {
      records.push({ index, line, value: nullPrototypes(whole[sent++]) as Record<string, unknown> });
      continue;
    }
    // As pathObjectOf builds it: the keys in the expression's order, a missing value left out.
    const row = nullObject() as Row;
    for (let k = 0; k < keys.length; k++) {
      const end = cells[at + 1 + k] as number;
      if (end === MISSING) continue;
      row[keys[k] as string] = text.slice(start, end);
      start = end;
    }
    records.push({ index, line, value: row, row });
  }
  return records;
}

/** A record as the reader built it: structured cloning gave its objects Object.prototype back. */
function nullPrototypes(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(nullPrototypes);
  if (typeof value !== 'object' || value === null) return value;
  const out = nullObject();
  for (const [key, inner] of Object.entries(value)) out[key] = nullPrototypes(inner);
  return out;
}

/**
 * The dry run's side: a SourceReader over the whole file, the first half read here and the second
 * taken from `thread`, or all of it here when the thread says the file cannot be cut, the cut
 * turns out not to fall between records, or the thread fails before its first answer.
 */
export async function readXmlInHalves(
  thread: ReadThread,
  request: XmlHalfRequest,
  local: { fs: FileSystem; path: string; signal?: AbortSignal; meanwhile?: () => void },
  inThisThread: () => Promise<SourceReader>,
): Promise<SourceReader> {
  const channel = openChannel(thread, { type: 'read-xml', request }, local.signal);
  const { inbox, stop, failWith } = channel;
  const first = await channel.first(local.meanwhile);
  if (first === undefined) return inThisThread();
  if (first.type === 'whole') {
    stop();
    return inThisThread();
  }
  if (first.type !== 'cut') return failWith(first);
  const cut = first.byte;
  const restEncoding = first.encoding;
  const parser = new XmlRecordParser({
    file: request.file,
    recordPath: request.recordPath,
    limits: request.limits,
    projection: request.pathObject.paths,
  });
  const { fs, path, signal } = local;
  const texts = (range: { start?: number; end?: number; encoding: Encoding }) =>
    sourceTexts(fs, path, { ...request, ...range, ...(signal ? { signal } : {}) });

  async function* batches(): AsyncGenerator<SourceRecord[], void, undefined> {
    try {
      yield* parseTexts(parser, texts({ end: cut, encoding: request.encoding }), false);
      if (parser.betweenRecords()) {
        const before = parser.count;
        for (;;) {
          const message = await inbox.next();
          if (message.type === 'rows') {
            thread.post({ type: 'credit' });
            yield unpackRows(message.batch, request.pathObject.keys, before);
          } else if (message.type === 'end') return;
          else failWith(message);
        }
      }
      // Not a clean cut: read on here, as one thread would have.
      stop();
      yield* parseTexts(parser, texts({ start: cut, encoding: restEncoding }), true);
    } finally {
      stop();
    }
  }
  return { ...recordStream(batches()), problems: [] };
}
