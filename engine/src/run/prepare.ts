/**
 * Everything a dry run compiles before reading a row: the transformation, the date format, the sort,
 * the mappings; and, apart (`sandboxIndexes`), the people and record indexes. Problems that make the
 * run pointless stop it here (Failed) before the source is opened.
 */
import { readSort, type SortSpec } from '../cache/sortRows';
import { problem } from '../errors/catalog';
import type { Problem } from '../errors/problem';
import type { CompiledMapping } from '../map/compiledMapping';
import { compileMapping, mapsDates } from '../map/compileMapping';
import { compileDateFormat, type DateParser } from '../map/dateFormat';
import { PersonIndex } from '../match/personIndex';
import { RecordIndex } from '../match/recordIndex';
import type { RecordCreationMode } from '../model/workspace';
import { defaultGuardrails, type Guardrails } from '../transform/guardrails';
import { compileTransformation, type Transformation, type TransformationSource } from '../transform/transformation';
import type { DryRunInput } from './dryRunInput';
import { pointer } from './pointer';
import type { ProblemSink } from './problemSink';

export interface Prepared {
  guardrails: Guardrails;
  transformation: Transformation | undefined;
  dates: DateParser | undefined;
  sort: SortSpec | undefined;
  mappings: CompiledMapping[];
  creationMode: RecordCreationMode;
  recordMatching: boolean;
  threshold: number;
  ignoreThreshold: boolean;
}

export type Preparation = { ok: true; prepared: Prepared } | { ok: false };

export const DEFAULT_ERROR_THRESHOLD = 500;

function transformationSource(input: DryRunInput, sink: ProblemSink): TransformationSource | null | undefined {
  if (input.transformation) return input.transformation;
  const configured = input.config.transformation;
  if (!configured) return undefined;
  if ('expression' in configured) {
    return { text: configured.expression, file: input.configPath, pointer: pointer('transformation', 'expression') };
  }
  sink.addProblem(
    problem('E0001', `Cannot read the transformation file '${configured.file}': it was not loaded.`, [
      { file: input.configPath, pointer: pointer('transformation', 'file') },
    ]),
  );
  return null;
}

export function prepare(input: DryRunInput, sink: ProblemSink): Preparation {
  const { config, configPath } = input;
  const options = input.options ?? {};
  const guardrails: Guardrails = {
    timeoutMs: options.guardrails?.timeoutMs ?? defaultGuardrails.timeoutMs,
    maxDepth: options.guardrails?.maxDepth ?? defaultGuardrails.maxDepth,
  };
  let failed = false;
  const fail = (p: Problem) => {
    sink.addProblem(p);
    failed = true;
  };

  let transformation: Transformation | undefined;
  const source = transformationSource(input, sink);
  if (source === null) failed = true;
  else if (source === undefined) {
    if (config.source.format === 'xml' || config.source.format === 'json') {
      fail(
        problem('E0014', `The import '${config.alias}' reads ${config.source.format} but has no transformation.`, [
          { file: configPath, pointer: pointer('source', 'format') },
        ]),
      );
    }
  } else {
    const compiled = compileTransformation(source, guardrails);
    if (compiled.ok) transformation = compiled.transformation;
    else fail(compiled.problem);
  }

  let dates: DateParser | undefined;
  let dateProblem: Problem | undefined;
  const dateFormat = compileDateFormat(config.source.dateFormat ?? '');
  if (dateFormat.ok) dates = dateFormat.parser;
  else {
    dateProblem = problem('E0043', `Date format '${config.source.dateFormat}': ${dateFormat.reason}.`, [
      { file: configPath, pointer: pointer('source', 'dateFormat') },
    ]);
  }

  const sort = readSort(config, configPath);
  let sortSpec: SortSpec | undefined;
  if (sort !== undefined && 'code' in sort) fail(sort);
  else sortSpec = sort;

  const recordMatching = config.recordMatching === true;
  const wanted = options.forms ? new Set(options.forms) : undefined;
  const mappings: CompiledMapping[] = [];
  let offered = 0;
  for (const mapping of input.mappings) {
    if (wanted && !wanted.has(mapping.value.form)) continue;
    offered++;
    const compiled = compileMapping(mapping, input.forms, recordMatching, guardrails, sink);
    if (compiled.ok) mappings.push(compiled.mapping);
  }
  // Mappings were given but none can run: nothing would be imported.
  if (offered > 0 && mappings.length === 0) failed = true;
  if (dateProblem) {
    // A bad pattern matters only when a date is mapped; then no date could be read, so the run stops.
    if (mappings.some(mapsDates)) fail(dateProblem);
    else sink.addProblem(dateProblem);
  }

  if (failed) return { ok: false };
  const runOptions = config.runOptions ?? {};
  return {
    ok: true,
    prepared: {
      guardrails,
      transformation,
      dates,
      sort: sortSpec,
      mappings,
      creationMode: options.creationMode ?? runOptions.recordCreationMode ?? 'createMissing',
      recordMatching,
      threshold: runOptions.errorThreshold ?? DEFAULT_ERROR_THRESHOLD,
      ignoreThreshold: options.ignoreErrorThreshold ?? runOptions.ignoreErrorThreshold ?? false,
    },
  };
}

export interface SandboxIndexes {
  people: PersonIndex;
  records: RecordIndex;
}

/**
 * The sandbox's people and records indexed for matching: the costly part of preparing (~50 ms for
 * 100k people), so the dry run builds it while a reading thread starts (SourceHints.meanwhile).
 */
export function sandboxIndexes(input: DryRunInput): SandboxIndexes {
  return {
    people: new PersonIndex(input.people, input.config.personMatching),
    records: new RecordIndex(input.records),
  };
}
