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
import { doctypeEntities, predefinedEntities } from './xmlDoctype';

export interface XmlOptions {
  file: string;
  recordPath?: string;
  limits: ReadLimits;
}

interface Frame {
  name: string;
  value: Record<string, unknown>;
  text: string;
  hasChildren: boolean;
  hasAttributes: boolean;
}

export function readXml(texts: AsyncGenerator<string, void, undefined>, options: XmlOptions): SourceReader {
  return { ...recordStream(xmlBatches(texts, options)), problems: [] };
}

function frameValue(frame: Frame): unknown {
  if (!frame.hasChildren && !frame.hasAttributes) return frame.text;
  if (frame.text.trim() !== '') frame.value['#text'] = frame.hasChildren ? frame.text.trim() : frame.text;
  return frame.value;
}

function addChild(parent: Record<string, unknown>, name: string, value: unknown): void {
  const existing = parent[name];
  if (existing === undefined) parent[name] = value;
  else if (Array.isArray(existing)) existing.push(value);
  else parent[name] = [existing, value];
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
  const frames: Frame[] = [];
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

  parser.on('error', (error) => {
    const reason = error.message.replace(/^\d+:\d+: /, '');
    throw new ProblemError(
      problem(
        'E0015',
        `Malformed xml at line ${parser.line}, column ${parser.column}: ${reason}`,
        [dataLocation(file, parser.line, parser.column)],
        { data: { line: parser.line, column: parser.column } },
      ),
    );
  });
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
  });
  parser.on('opentag', (tag) => {
    sinceEvent = 0;
    depth++;
    if (matched === depth - 1 && (wholeDocument || path[depth - 1] === tag.name)) matched = depth;
    const inRecord = frames.length > 0;
    if (!inRecord && !(matched === recordDepth && depth === recordDepth)) return;
    if (!inRecord) {
      recordLine = tagLine;
      recordChars = 0;
    }
    const value = nullObject();
    let hasAttributes = false;
    for (const name in tag.attributes) {
      const attribute = tag.attributes[name] as string;
      value[`@${name}`] = attribute;
      grow(name.length + attribute.length);
      hasAttributes = true;
    }
    frames.push({ name: tag.name, value, text: '', hasChildren: false, hasAttributes });
  });
  const onText = (text: string): void => {
    sinceEvent = 0;
    const frame = frames[frames.length - 1];
    if (!frame) return;
    grow(text.length);
    frame.text += text;
  };
  parser.on('text', onText);
  parser.on('cdata', onText);
  parser.on('closetag', () => {
    sinceEvent = 0;
    if (matched === depth) matched = depth - 1;
    depth--;
    const frame = frames.pop();
    if (!frame) return;
    const value = frameValue(frame);
    const parent = frames[frames.length - 1];
    if (parent) {
      parent.hasChildren = true;
      addChild(parent.value, frame.name, value);
      return;
    }
    index++;
    let record: Record<string, unknown>;
    if (wholeDocument) {
      record = nullObject();
      record[frame.name] = value;
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
      parser.write(text);
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
    parser.close();
    if (out.length > 0) yield out;
  } finally {
    await texts.return(undefined);
  }
}
