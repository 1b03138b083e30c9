/**
 * json: without `recordPath` the whole document is one record, parsed by JSON.parse (about 2.3x
 * faster than any streaming parser; bounded by maxDocumentChars, past which E0042 advises a
 * recordPath). With `recordPath` the elements at that path are streamed with @streamparser/json,
 * one record each, in bounded memory.
 *
 * `__proto__` keys: JSON.parse defines them as own properties and @streamparser/json does the
 * same (Object.defineProperty), so no prototype is ever changed by input data.
 */
import { JSONParser, TokenType } from '@streamparser/json';
import { problem } from '../errors/catalog';
import { ProblemError } from '../errors/problem';
import { recordStream } from './batches';
import { describeSize, type ReadLimits } from './limits';
import { nullObject } from './nullObject';
import { dataLocation } from './location';
import type { SourceReader, SourceRecord } from './sourceRecord';

export interface JsonOptions {
  file: string;
  recordPath?: string;
  limits: ReadLimits;
}

export function readJson(texts: AsyncGenerator<string, void, undefined>, options: JsonOptions): SourceReader {
  const path = options.recordPath?.trim();
  const batches = path === undefined ? wholeDocument(texts, options) : streamRecords(texts, options, path);
  return { ...recordStream(batches), problems: [] };
}

function malformed(file: string, line: number, column: number, reason: string): ProblemError {
  return new ProblemError(
    problem(
      'E0015',
      `Malformed json at line ${line}, column ${column}: ${reason}`,
      [dataLocation(file, line, column)],
      {
        data: { line, column },
      },
    ),
  );
}

/** A record's value: objects as they are, arrays too (the transformation receives them), scalars wrapped. */
function asRecord(value: unknown): Record<string, unknown> {
  if (typeof value === 'object' && value !== null) return value as Record<string, unknown>;
  const wrapped = nullObject();
  wrapped.value = value;
  return wrapped;
}

async function* wholeDocument(
  texts: AsyncGenerator<string, void, undefined>,
  options: JsonOptions,
): AsyncGenerator<SourceRecord[], void, undefined> {
  const { file, limits } = options;
  const parts: string[] = [];
  let total = 0;
  try {
    for await (const text of texts) {
      total += text.length;
      if (total > limits.maxDocumentChars) {
        throw new ProblemError(
          problem(
            'E0042',
            `The json document is larger than ${describeSize(limits.maxDocumentChars)}, the most read whole; set recordPath to stream its records.`,
            [{ file }],
            {
              fix: 'Set `source.recordPath` to the array of records (for example `students`, or `$` for a top-level array) so the file is streamed.',
              data: { maxDocumentChars: limits.maxDocumentChars },
            },
          ),
        );
      }
      parts.push(text);
    }
  } finally {
    await texts.return(undefined);
  }
  const text = parts.join('');
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    // V8's messages do not always carry a position: the streaming parser finds it (error path only).
    const at = locateJsonError(text);
    throw malformed(file, at.line, at.column, at.reason);
  }
  yield [{ index: 1, line: 1, value: asRecord(value) }];
}

/** Line, column and reason of the first syntax error in `text`, found by the streaming parser. */
function locateJsonError(text: string): { line: number; column: number; reason: string } {
  const bytes = new TextEncoder().encode(text);
  const parser = new JSONParser({ paths: ['$'], keepStack: false });
  parser.onValue = () => {};
  let lastOffset = 0;
  parser.onToken = ({ offset }) => {
    lastOffset = offset;
  };
  let offset = bytes.length;
  let reason = 'the document ends before its last value is complete';
  try {
    parser.write(bytes);
    if (!parser.isEnded) parser.end();
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const absolute = /absolute position "(\d+)"/.exec(message);
    if (!/ended in the middle|Unexpected end/i.test(message)) {
      offset = absolute ? Number(absolute[1]) : lastOffset;
      reason = message.replace(/ at chunk position .*? in state /, ' in state ');
    }
  }
  let line = 1;
  let lineStart = 0;
  for (let i = bytes.indexOf(10); i !== -1 && i < offset; i = bytes.indexOf(10, i + 1)) {
    line++;
    lineStart = i + 1;
  }
  return { line, column: new TextDecoder().decode(bytes.subarray(lineStart, offset)).length + 1, reason };
}

/** `students` -> `$.students.*`; `$` or empty -> `$.*` (a top-level array). */
export function recordSelector(recordPath: string): { selector: string; depth: number } {
  const segments = recordPath
    .replace(/^\$\.?/, '')
    .split('.')
    .filter((s) => s !== '');
  return { selector: ['$', ...segments, '*'].join('.'), depth: segments.length + 1 };
}

async function* streamRecords(
  texts: AsyncGenerator<string, void, undefined>,
  options: JsonOptions,
  recordPath: string,
): AsyncGenerator<SourceRecord[], void, undefined> {
  const { file, limits } = options;
  const { selector, depth: recordDepth } = recordSelector(recordPath);
  const parser = new JSONParser({ paths: [selector], keepStack: false });
  const encoder = new TextEncoder();

  // Lines: the parser reports byte offsets into the utf-8 it was given; newlines are counted in
  // those bytes, lazily, up to each record's first token (each newline byte is counted once).
  let chunk = new Uint8Array(0);
  let chunkStart = 0;
  let countedTo = 0;
  let line = 1;
  let lineStart = 0;
  const lineAt = (offset: number): number => {
    let i = Math.max(countedTo, chunkStart) - chunkStart;
    const end = Math.min(offset - chunkStart, chunk.length);
    for (i = chunk.indexOf(10, i); i !== -1 && i < end; i = chunk.indexOf(10, i + 1)) {
      line++;
      lineStart = chunkStart + i + 1;
    }
    countedTo = Math.max(countedTo, chunkStart + Math.max(end, 0));
    return line;
  };
  const columnAt = (offset: number): number => {
    if (lineStart >= chunkStart && offset - chunkStart <= chunk.length) {
      return new TextDecoder().decode(chunk.subarray(lineStart - chunkStart, offset - chunkStart)).length + 1;
    }
    return offset - lineStart + 1;
  };

  let depth = 0;
  const containers: boolean[] = []; // true: object
  let previous = -1;
  let recordStart = -1;
  let lastOffset = 0;
  let recordLine = 1;
  let index = 0;
  let out: SourceRecord[] = [];

  parser.onToken = ({ token, offset }) => {
    lastOffset = offset;
    const inObject = containers[containers.length - 1] === true;
    const isKey =
      token === TokenType.STRING && inObject && (previous === TokenType.LEFT_BRACE || previous === TokenType.COMMA);
    const startsValue =
      token === TokenType.LEFT_BRACE ||
      token === TokenType.LEFT_BRACKET ||
      token === TokenType.NUMBER ||
      token === TokenType.TRUE ||
      token === TokenType.FALSE ||
      token === TokenType.NULL ||
      (token === TokenType.STRING && !isKey);
    if (startsValue && depth === recordDepth) {
      recordStart = offset;
      recordLine = lineAt(offset);
    }
    if (token === TokenType.LEFT_BRACE || token === TokenType.LEFT_BRACKET) {
      depth++;
      containers.push(token === TokenType.LEFT_BRACE);
    } else if (token === TokenType.RIGHT_BRACE || token === TokenType.RIGHT_BRACKET) {
      depth--;
      containers.pop();
    }
    previous = token;
  };
  parser.onValue = ({ value }) => {
    index++;
    out.push({ index, line: recordLine, value: asRecord(value) });
    recordStart = -1;
  };

  const fail = (error: unknown, atEnd: boolean): ProblemError => {
    if (error instanceof ProblemError) return error;
    const message = error instanceof Error ? error.message : String(error);
    const absolute = /absolute position "(\d+)"/.exec(message);
    const offset = atEnd ? chunkStart + chunk.length : absolute ? Number(absolute[1]) : lastOffset;
    const reason = atEnd
      ? 'the document ends before its last value is complete'
      : message.replace(/ at chunk position .*? in state /, ' in state ');
    const errorLine = lineAt(offset);
    return malformed(file, errorLine, columnAt(offset), reason);
  };

  try {
    for await (const text of texts) {
      chunkStart += chunk.length;
      chunk = encoder.encode(text);
      try {
        parser.write(chunk);
      } catch (error) {
        throw fail(error, false);
      }
      // Count the rest of the chunk now: the next record may start in a later one.
      lineAt(chunkStart + chunk.length);
      if (recordStart >= 0 && chunkStart + chunk.length - recordStart > limits.maxDocumentChars) {
        throw new ProblemError(
          problem(
            'E0042',
            `The json record starting at line ${recordLine} is larger than ${describeSize(limits.maxDocumentChars)}.`,
            [dataLocation(file, recordLine)],
            { data: { maxDocumentChars: limits.maxDocumentChars } },
          ),
        );
      }
      if (out.length > 0) {
        const batch = out;
        out = [];
        yield batch;
      }
    }
    try {
      // The parser ends by itself once the top-level value closes.
      if (!parser.isEnded) parser.end();
    } catch (error) {
      throw fail(error, true);
    }
    if (out.length > 0) yield out;
  } finally {
    await texts.return(undefined);
  }
}
