/**
 * The JSONata transformation: compiled once per run, then evaluated per source record, sequentially
 * (performance-baseline §4: compiling per record is 10x slower, and Promise.all fan-out 5x slower).
 */
import type jsonata from 'jsonata';
import { problem } from '../errors/catalog';
import type { Location, Problem } from '../errors/problem';
import type { ExpressionErrorPosition } from '../model/result';
import type { SourceRecord } from '../read/sourceRecord';
import { compileGuarded, type Guardrails } from './guardrails';
import { failureOffset, type JsonataFailure, lineAndColumn, readJsonataFailure } from './jsonataErrors';
import { FALLBACK, type PathObjectSpec, pathObjectOf, pathObjectSpec } from './pathObject';
import { type ShapeError, shapeOutput } from './rowShape';
import type { Row } from '../cache/processedRow';

/** The transformation text and where it lives: a .jsonata file (no pointer), or a key of the import configuration. */
export interface TransformationSource {
  text: string;
  file: string;
  /** JSON pointer of the expression inside `file` (e.g. /transformation/expression); absent for a .jsonata file. */
  pointer?: string;
}

export interface RecordOutcome {
  rows: Row[];
  shapeErrors: ShapeError[];
  /** Set when the evaluation threw. */
  failure?: JsonataFailure;
}

export interface Transformation {
  /** Synchronous when the record took the path-object fast path (pathObject.ts), so it costs no promise. */
  run(record: SourceRecord): RecordOutcome | Promise<RecordOutcome>;
  /** The expression as a path object, when it is one: the xml reader then builds only what its paths read. */
  readonly pathObject?: PathObjectSpec;
}

export type TransformationCompilation = { ok: true; transformation: Transformation } | { ok: false; problem: Problem };

export function compileTransformation(source: TransformationSource, guardrails: Guardrails): TransformationCompilation {
  let expression: jsonata.Expression;
  try {
    expression = compileGuarded(source.text, guardrails);
  } catch (error) {
    return { ok: false, problem: compileProblem(source, readJsonataFailure(error)) };
  }
  const spec = pathObjectSpec(expression);
  const evaluate = async (record: SourceRecord): Promise<RecordOutcome> => {
    let output: unknown;
    try {
      output = await expression.evaluate(record.value);
    } catch (error) {
      return { rows: [], shapeErrors: [], failure: readJsonataFailure(error) };
    }
    const shaped = shapeOutput(output);
    return { rows: shaped.rows, shapeErrors: shaped.errors };
  };
  if (!spec) return { ok: true, transformation: { run: evaluate } };
  const fast = pathObjectOf(spec);
  return {
    ok: true,
    transformation: {
      pathObject: spec,
      run(record) {
        // The reader made the row already (xml in two halves): the same path object's answer.
        if (record.row) return { rows: [record.row], shapeErrors: NO_SHAPE_ERRORS };
        const row = fast(record.value);
        return row === FALLBACK ? evaluate(record) : { rows: [row], shapeErrors: NO_SHAPE_ERRORS };
      },
    },
  };
}

/** Shared by every fast-path outcome: nobody adds to a record's shape errors after the fact. */
const NO_SHAPE_ERRORS: ShapeError[] = [];

function compileProblem(source: TransformationSource, failure: JsonataFailure): Problem {
  const offset = failureOffset(failure, source.text);
  const { line, column } = lineAndColumn(source.text, offset);
  const data: ExpressionErrorPosition = { offset, line, column };
  if (failure.code) data.jsonataCode = failure.code;
  const location: Location = { file: source.file };
  if (source.pointer !== undefined) {
    location.pointer = source.pointer;
  } else {
    // A .jsonata file is the expression itself, so the position is a range in that file.
    const start = { line: line - 1, character: column - 1 };
    const width = failure.token && failure.token !== '(end)' ? failure.token.length : 0;
    location.range = { start, end: { line: start.line, character: start.character + width } };
  }
  return problem(
    'E0011',
    `Transformation syntax error at line ${line}, column ${column}: ${failure.message}`,
    [location],
    { data: { ...data } },
  );
}

/** Where a problem about a source record is: its line, and for csv and tsv (one record = one data row) its row. */
export function recordLocation(sourcePath: string, record: SourceRecord, recordIsRow: boolean): Location {
  const location: Location = { file: sourcePath, range: lineRange(record.line) };
  if (recordIsRow) location.row = record.index;
  return location;
}

function lineRange(line: number): Location['range'] {
  return { start: { line: line - 1, character: 0 }, end: { line: line - 1, character: 0 } };
}

export function runtimeProblem(
  failure: JsonataFailure,
  record: SourceRecord,
  location: Location,
  guardrails: Guardrails,
): Problem {
  let what = failure.message;
  if (failure.code === 'D1012') what = `it ran longer than ${guardrails.timeoutMs} ms (an infinite loop?)`;
  if (failure.code === 'D1011')
    what = `it recursed deeper than ${guardrails.maxDepth} steps (a recursion that never ends?)`;
  return problem('E0012', `Transformation failed on record ${record.index}: ${what}`, [location], {
    data: { record: record.index, ...(failure.code ? { jsonataCode: failure.code } : {}) },
  });
}

export function shapeProblem(error: ShapeError, record: SourceRecord, location: Location): Problem {
  const where = error.key === undefined ? '' : `, key '${error.key}'`;
  return problem(
    'E0013',
    `Transformation output row ${error.outputRow} of record ${record.index}${where} ${error.reason}.`,
    [location],
    {
      data: {
        record: record.index,
        outputRow: error.outputRow,
        ...(error.key === undefined ? {} : { key: error.key }),
      },
    },
  );
}
