/**
 * xml: streamed with saxes (strict, with line and column for malformed input; docs/performance.md
 * has why not fast-xml-parser). With `recordPath` every matching element is one record; without
 * it the whole document is one record `{ [root]: ... }`, up to a size bound.
 *
 * Element to value, the shape the transformation sees:
 * - attributes are `@name` keys; child elements are keys, repeated children become arrays;
 * - an element with only text (and no attributes) becomes its text; an empty one, '';
 * - an element with attributes or children keeps non-blank text as `#text` (mixed content);
 * - CDATA is text; the standard entities, character references and the DTD's internal entities
 *   are decoded (xmlDoctype.ts refuses external ones and bounds expansion).
 * Objects have a null prototype, so an element or attribute called `__proto__` is a plain key.
 */
import { SaxesParser } from 'saxes';
import { problem } from '../errors/catalog';
import { ProblemError } from '../errors/problem';
import { recordStream } from './batches';
import { describeSize, type ReadLimits } from './limits';
import { nullObject } from './nullObject';
import { dataLocation } from './location';
import type { SourceReader, SourceRecord } from './sourceRecord';
import { projectionOf, type XmlAttribute, XmlRecordBuilder } from './xmlRecord';
import { doctypeEntities, predefinedEntities } from './xmlDoctype';

export interface XmlOptions {
  file: string;
  recordPath?: string;
  limits: ReadLimits;
  /** With a recordPath: build only what these paths read from each record (xmlRecord.ts, Projection). */
  projection?: readonly (readonly string[])[];
}

/** How saxes (with `position: true`) starts the message of a well-formedness error it throws. */
const SAXES_ERROR = /^\d+:\d+: /;
/** XML's white space (production S). */
const WHITE_SPACE = /^[ \t\r\n]*$/;

export function readXml(texts: AsyncGenerator<string, void, undefined>, options: XmlOptions): SourceReader {
  return { ...recordStream(xmlBatches(texts, options)), problems: [] };
}

function xmlBatches(
  texts: AsyncGenerator<string, void, undefined>,
  options: XmlOptions,
): AsyncGenerator<SourceRecord[], void, undefined> {
  return parseTexts(new XmlRecordParser(options), texts, true);
}

/**
 * Writes `texts` to `parser` and yields the records each completes; with `close`, ends the
 * document after the last. On a problem the records completed before it are yielded first, so
 * what a consumer sees before the error does not depend on where the chunks were cut.
 */
export async function* parseTexts(
  parser: XmlRecordParser,
  texts: AsyncGenerator<string, void, undefined>,
  close: boolean,
): AsyncGenerator<SourceRecord[], void, undefined> {
  try {
    for await (const text of texts) {
      let failed: { error: unknown } | undefined;
      try {
        parser.write(text);
      } catch (error) {
        failed = { error };
      }
      const batch = parser.take();
      if (batch.length > 0) yield batch;
      if (failed) throw failed.error;
    }
    if (close) {
      try {
        parser.close();
      } finally {
        const rest = parser.take();
        if (rest.length > 0) yield rest;
      }
    }
  } finally {
    await texts.return(undefined);
  }
}

/**
 * The xml reader's parser: text in, the records it completes out (`take`), with every bound and
 * error of the Read stage. A reader feeds it a file's text in order; reading a file in two halves
 * (xmlHalves.ts) also asks whether it stands between two records (`betweenRecords`) and feeds it a
 * document whose lines jump ahead (`skipLines`).
 */
export class XmlRecordParser {
  /** Records completed so far. */
  count = 0;
  private readonly saxes = new SaxesParser({ xmlns: false, position: true });
  private out: SourceRecord[] = [];
  /** Characters written so far, and the last text written. */
  private written = 0;
  private lastText = '';
  /** Where the last record ended or the records' parent element opened (saxes position), or -1. */
  private boundary = -1;
  /** Lines from `skipFrom` on are `skipBy` lines further down in the file (skipLines). */
  private skipFrom = Number.POSITIVE_INFINITY;
  private skipBy = 0;

  constructor(private readonly options: XmlOptions) {
    const { file, limits } = options;
    const path = options.recordPath ? options.recordPath.split('.').filter((s) => s !== '') : [];
    const wholeDocument = path.length === 0;
    // The element depth (1 = root) at which records start.
    const recordDepth = wholeDocument ? 1 : path.length;
    const parser = this.saxes;
    const entities: Record<string, string> = Object.assign(nullObject<string>(), predefinedEntities);
    parser.ENTITIES = entities;

    let depth = 0;
    let matched = 0;
    const builder = new XmlRecordBuilder(
      options.projection && !wholeDocument ? projectionOf(options.projection) : undefined,
    );
    /** The attributes of the tag being opened, as saxes reports them (in document order). */
    let attributes: XmlAttribute[] = [];
    let recordChars = 0;
    let tagLine = 1;

    const grow = (chars: number): void => {
      recordChars += chars;
      if (recordChars > limits.maxDocumentChars) {
        throw this.oversized(
          wholeDocument
            ? `The xml document is larger than ${describeSize(limits.maxDocumentChars)}, the most read whole; set recordPath to stream it.`
            : `The xml record starting at line ${this.recordLine} is larger than ${describeSize(limits.maxDocumentChars)}.`,
        );
      }
    };
    this.wholeDocument = wholeDocument;
    this.builder = builder;

    // No 'error' handler: saxes stores handlers as properties set by a computed name, and an eighth
    // one turns the parser object into a dictionary (V8's limit on keyed property additions), which
    // made every character read several times slower (measured: the reader alone 4.4 s -> 13 s CPU).
    // Without a handler saxes throws the error, positioned `line:column: message`; `write` turns it
    // into E0015. The 'attribute' handler is worth the slot (see 'opentag').
    parser.on('doctype', (doctype) => {
      this.sinceEvent = 0;
      Object.assign(
        entities,
        doctypeEntities(doctype, {
          file,
          line: this.lineOf(parser.line),
          column: parser.column,
          maxExpansion: limits.maxEntityExpansion,
        }),
      );
    });
    parser.on('opentagstart', () => {
      this.sinceEvent = 0;
      tagLine = parser.line;
      if (attributes.length > 0) attributes = [];
    });
    // Collected as they are parsed: iterating the tag's `attributes` (a dictionary-mode object) in
    // `opentag` cost more than building the record from them. Same order: saxes adds them in this one.
    parser.on('attribute', (attribute) => {
      attributes.push(attribute);
    });
    parser.on('opentag', (tag) => {
      this.sinceEvent = 0;
      depth++;
      if (matched === depth - 1 && (wholeDocument || path[depth - 1] === tag.name)) {
        matched = depth;
        // The records' parent opened: the place between records before the first one.
        if (depth === recordDepth - 1) this.boundary = parser.position;
      }
      const inRecord = builder.depth > 0;
      if (!inRecord && !(matched === recordDepth && depth === recordDepth)) return;
      if (!inRecord) {
        this.recordLine = this.lineOf(tagLine);
        recordChars = 0;
      }
      for (let i = 0; i < attributes.length; i++) {
        const attribute = attributes[i] as XmlAttribute;
        grow(attribute.name.length + attribute.value.length);
      }
      builder.open(tag.name, attributes);
    });
    const onText = (text: string): void => {
      this.sinceEvent = 0;
      if (builder.depth === 0) return;
      grow(text.length);
      builder.text(text);
    };
    parser.on('text', onText);
    parser.on('cdata', onText);
    parser.on('closetag', (tag) => {
      this.sinceEvent = 0;
      if (matched === depth) matched = depth - 1;
      depth--;
      if (builder.depth === 0) return;
      const recordDone = builder.depth === 1;
      const value = builder.close();
      if (!recordDone) return;
      this.boundary = parser.position;
      const index = ++this.count;
      let record: Record<string, unknown>;
      if (wholeDocument) {
        record = nullObject();
        record[tag.name] = value;
      } else if (typeof value === 'string') {
        record = nullObject();
        record['#text'] = value;
      } else record = value as Record<string, unknown>;
      this.out.push({ index, line: this.recordLine, value: record });
    });
  }

  private readonly wholeDocument: boolean;
  /** The line the record being read (or the last one) starts at; 0 before the first. */
  private recordLine = 0;
  private readonly builder: XmlRecordBuilder;
  /** Characters since the last event: a single text node, comment or DOCTYPE is held whole by saxes until it ends. */
  private sinceEvent = 0;

  /** Parses the next piece of the document. Throws ProblemError E0015 or E0042. */
  write(text: string): void {
    const { limits } = this.options;
    this.written += text.length;
    this.lastText = text;
    if (this.wholeDocument && this.written > limits.maxDocumentChars) {
      throw this.oversized(
        `The xml document is larger than ${describeSize(limits.maxDocumentChars)}, the most read whole; set recordPath to stream it.`,
      );
    }
    this.sinceEvent += text.length;
    this.parse(text);
    if (this.sinceEvent > limits.maxDocumentChars) {
      throw this.oversized(
        `An xml node near line ${this.lineOf(this.saxes.line)} is longer than ${describeSize(limits.maxDocumentChars)}.`,
      );
    }
  }

  /** Ends the document: saxes checks that every element was closed. */
  close(): void {
    this.parse(null);
  }

  /** The records completed since the last call. */
  take(): SourceRecord[] {
    const out = this.out;
    if (out.length > 0) this.out = [];
    return out;
  }

  /**
   * True when what was written so far ends between two records of the records' parent element:
   * after a record's closing tag (or the parent's opening tag), with only white space since. Then
   * any text that follows parses the same here as after any other such place in the file.
   */
  betweenRecords(): boolean {
    if (this.wholeDocument || this.boundary < 0 || this.builder.depth !== 0) return false;
    const since = this.written - this.boundary;
    return since <= this.lastText.length && WHITE_SPACE.test(this.lastText.slice(this.lastText.length - since));
  }

  /** The line the parser is at (as saxes counts, before skipLines). */
  get line(): number {
    return this.saxes.line;
  }

  /** The xml version the document declares (1.0 without a declaration). */
  get version(): string {
    return this.saxes.xmlDecl.version ?? '1.0';
  }

  /** From line `from` of the text written on, lines are reported `by` lines further down. */
  skipLines(from: number, by: number): void {
    this.skipFrom = from;
    this.skipBy = by;
  }

  private lineOf(line: number): number {
    return line >= this.skipFrom ? line + this.skipBy : line;
  }

  private parse(text: string | null): void {
    try {
      if (text === null) this.saxes.close();
      else this.saxes.write(text);
    } catch (error) {
      throw this.malformed(error);
    }
  }

  private malformed(error: unknown): unknown {
    if (!(error instanceof Error) || error instanceof ProblemError || !SAXES_ERROR.test(error.message)) return error;
    const reason = error.message.replace(SAXES_ERROR, '');
    const line = this.lineOf(this.saxes.line);
    const column = this.saxes.column;
    return new ProblemError(
      problem(
        'E0015',
        `Malformed xml at line ${line}, column ${column}: ${reason}`,
        [dataLocation(this.options.file, line, column)],
        {
          data: { line, column },
        },
      ),
    );
  }

  private oversized(what: string): ProblemError {
    const { file, limits } = this.options;
    return new ProblemError(
      problem('E0042', what, [dataLocation(file, this.recordLine || this.lineOf(this.saxes.line), 1)], {
        fix: this.wholeDocument
          ? 'Set `source.recordPath` to the repeated record element (for example `Results.Student`) so the file is streamed record by record.'
          : 'Check the file; split records that are this large.',
        data: { maxDocumentChars: limits.maxDocumentChars },
      }),
    );
  }
}
