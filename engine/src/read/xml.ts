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

export function readXml(texts: AsyncGenerator<string, void, undefined>, options: XmlOptions): SourceReader {
  return { ...recordStream(xmlBatches(texts, options)), problems: [] };
}

async function* xmlBatches(
  texts: AsyncGenerator<string, void, undefined>,
  options: XmlOptions,
): AsyncGenerator<SourceRecord[], void, undefined> {
  const { file, limits } = options;
  const path = options.recordPath ? options.recordPath.split('.').filter((s) => s !== '') : [];
  const wholeDocument = path.length === 0;
  // The element depth (1 = root) at which records start.
  const recordDepth = wholeDocument ? 1 : path.length;
  const parser = new SaxesParser({ xmlns: false, position: true });
  const entities: Record<string, string> = Object.assign(nullObject<string>(), predefinedEntities);
  parser.ENTITIES = entities;

  let depth = 0;
  let matched = 0;
  const builder = new XmlRecordBuilder(
    options.projection && !wholeDocument ? projectionOf(options.projection) : undefined,
  );
  /** The attributes of the tag being opened, as saxes reports them (in document order). */
  let attributes: XmlAttribute[] = [];
  let recordLine = 0;
  let recordChars = 0;
  let index = 0;
  let sinceEvent = 0;
  let total = 0;
  let out: SourceRecord[] = [];
  let tagLine = 1;

  const oversized = (what: string): ProblemError =>
    new ProblemError(
      problem('E0042', what, [dataLocation(file, recordLine || parser.line, 1)], {
        fix: wholeDocument
          ? 'Set `source.recordPath` to the repeated record element (for example `Results.Student`) so the file is streamed record by record.'
          : 'Check the file; split records that are this large.',
        data: { maxDocumentChars: limits.maxDocumentChars },
      }),
    );
  const grow = (chars: number): void => {
    recordChars += chars;
    if (recordChars > limits.maxDocumentChars) {
      throw oversized(
        wholeDocument
          ? `The xml document is larger than ${describeSize(limits.maxDocumentChars)}, the most read whole; set recordPath to stream it.`
          : `The xml record starting at line ${recordLine} is larger than ${describeSize(limits.maxDocumentChars)}.`,
      );
    }
  };

  // No 'error' handler: saxes stores handlers as properties set by a computed name, and an eighth
  // one turns the parser object into a dictionary (V8's limit on keyed property additions), which
  // made every character read several times slower (measured: the reader alone 4.4 s -> 13 s CPU).
  // Without a handler saxes throws the error, positioned `line:column: message`; `write` turns it
  // into E0015 below. The 'attribute' handler is worth the slot (see 'opentag').
  const malformed = (error: unknown): unknown => {
    if (!(error instanceof Error) || error instanceof ProblemError || !SAXES_ERROR.test(error.message)) return error;
    const reason = error.message.replace(SAXES_ERROR, '');
    return new ProblemError(
      problem(
        'E0015',
        `Malformed xml at line ${parser.line}, column ${parser.column}: ${reason}`,
        [dataLocation(file, parser.line, parser.column)],
        { data: { line: parser.line, column: parser.column } },
      ),
    );
  };
  const write = (text: string | null): void => {
    try {
      if (text === null) parser.close();
      else parser.write(text);
    } catch (error) {
      throw malformed(error);
    }
  };
  parser.on('doctype', (doctype) => {
    sinceEvent = 0;
    Object.assign(
      entities,
      doctypeEntities(doctype, {
        file,
        line: parser.line,
        column: parser.column,
        maxExpansion: limits.maxEntityExpansion,
      }),
    );
  });
  parser.on('opentagstart', () => {
    sinceEvent = 0;
    tagLine = parser.line;
    if (attributes.length > 0) attributes = [];
  });
  // Collected as they are parsed: iterating the tag's `attributes` (a dictionary-mode object) in
  // `opentag` cost more than building the record from them. Same order: saxes adds them in this one.
  parser.on('attribute', (attribute) => {
    attributes.push(attribute);
  });
  parser.on('opentag', (tag) => {
    sinceEvent = 0;
    depth++;
    if (matched === depth - 1 && (wholeDocument || path[depth - 1] === tag.name)) matched = depth;
    const inRecord = builder.depth > 0;
    if (!inRecord && !(matched === recordDepth && depth === recordDepth)) return;
    if (!inRecord) {
      recordLine = tagLine;
      recordChars = 0;
    }
    for (let i = 0; i < attributes.length; i++) {
      const attribute = attributes[i] as XmlAttribute;
      grow(attribute.name.length + attribute.value.length);
    }
    builder.open(tag.name, attributes);
  });
  const onText = (text: string): void => {
    sinceEvent = 0;
    if (builder.depth === 0) return;
    grow(text.length);
    builder.text(text);
  };
  parser.on('text', onText);
  parser.on('cdata', onText);
  parser.on('closetag', (tag) => {
    sinceEvent = 0;
    if (matched === depth) matched = depth - 1;
    depth--;
    if (builder.depth === 0) return;
    const recordDone = builder.depth === 1;
    const value = builder.close();
    if (!recordDone) return;
    index++;
    let record: Record<string, unknown>;
    if (wholeDocument) {
      record = nullObject();
      record[tag.name] = value;
    } else if (typeof value === 'string') {
      record = nullObject();
      record['#text'] = value;
    } else record = value as Record<string, unknown>;
    out.push({ index, line: recordLine, value: record });
  });

  try {
    for await (const text of texts) {
      total += text.length;
      if (wholeDocument && total > limits.maxDocumentChars) {
        throw oversized(
          `The xml document is larger than ${describeSize(limits.maxDocumentChars)}, the most read whole; set recordPath to stream it.`,
        );
      }
      // A single text node, comment or DOCTYPE is held whole by saxes until it ends: bound it too.
      sinceEvent += text.length;
      write(text);
      if (sinceEvent > limits.maxDocumentChars) {
        throw oversized(
          `An xml node near line ${parser.line} is longer than ${describeSize(limits.maxDocumentChars)}.`,
        );
      }
      if (out.length > 0) {
        const batch = out;
        out = [];
        yield batch;
      }
    }
    write(null);
    if (out.length > 0) yield out;
  } finally {
    await texts.return(undefined);
  }
}
