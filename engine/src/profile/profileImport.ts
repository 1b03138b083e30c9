/**
 * The data profile of one import: the first rows of its source, read and transformed as a dry
 * run would (same reader, same compiled transformation under the same guardrails), summarised
 * per processed column. Bad data never throws: what stops reading becomes a problem of the
 * profile, and the rows read before it are still profiled. Only an abort rejects.
 */
import { problem } from '../errors/catalog';
import { type Problem, ProblemError } from '../errors/problem';
import { type FileSystem, joinPath, relativePath } from '../io/fileSystem';
import type { Encoding, ImportConfig } from '../model/workspace';
import { ProblemSink } from '../run/problemSink';
import { defaultGuardrails } from '../transform/guardrails';
import { compileTransformation, type Transformation } from '../transform/transformation';
import { transformationSource } from '../workspace/loadWorkspace';
import { fillProblemRanges } from '../workspace/locations';
import type { LoadedDocument, Workspace } from '../workspace/types';
import { fingerprintSource, type SourceFingerprint } from './fingerprint';
import { headerRanges } from './headerRanges';
import { emptySample, type Sample, sampleRows } from './sampleRows';
import { decodeHead, looksLikeUtf8 } from './sourceHead';
import type { DataProfile } from './types';

export const DEFAULT_SAMPLE_ROWS = 1000;
/** Problems kept per code in a profile: enough to show a pattern, few enough to stay small. */
export const PROFILE_PROBLEMS_PER_CODE = 20;

export interface ProfileOptions {
  /** Processed rows to profile at most (default 1000). */
  sampleRows?: number;
  /** Aborting rejects the profile with the signal's reason and closes the file. */
  signal?: AbortSignal;
}

const encodings: readonly Encoding[] = ['utf-8', 'ascii', 'windows-1252', 'iso-8859-1', 'utf-16le', 'utf-16be'];

export async function profileImport(
  fs: FileSystem,
  workspace: Workspace,
  importDoc: LoadedDocument<ImportConfig>,
  options: ProfileOptions = {},
): Promise<DataProfile> {
  const sampleRowCount = options.sampleRows ?? DEFAULT_SAMPLE_ROWS;
  const fingerprint = await fingerprintSource(fs, workspace, importDoc, sampleRowCount, options.signal);
  return profileWithFingerprint(fs, workspace, importDoc, fingerprint, { ...options, sampleRows: sampleRowCount });
}

/** profileImport with the fingerprint already computed (the cache computes it to decide). */
export async function profileWithFingerprint(
  fs: FileSystem,
  workspace: Workspace,
  importDoc: LoadedDocument<ImportConfig>,
  fingerprint: SourceFingerprint,
  options: ProfileOptions,
): Promise<DataProfile> {
  const config = importDoc.value;
  const profile: DataProfile = {
    sourcePath: '',
    cacheKey: fingerprint.key,
    rowsProfiled: 0,
    truncated: false,
    columns: [],
    values: {},
    problems: [],
  };
  // An invalid configuration has its own problems (schema, syntax); there is nothing to read.
  if (!config) return profile;
  profile.sourcePath = relativePath(workspace.root, joinPath(workspace.sftpRoot, config.source.file));
  const compiled = new ProblemSink(PROFILE_PROBLEMS_PER_CODE);
  const transformation = compile(workspace, importDoc, config, compiled);
  if (transformation === null) return finish(profile, compiled, workspace);

  const configured = config.source.encoding ?? 'utf-8';
  const input = {
    fs,
    workspace,
    config,
    transformation,
    sampleRows: options.sampleRows ?? DEFAULT_SAMPLE_ROWS,
    sourcePath: profile.sourcePath,
    ...(options.signal ? { signal: options.signal } : {}),
  };
  let encoding: Encoding = configured;
  let sample = emptySample();
  let sink = compiled;
  try {
    await sampleRows({ ...input, encoding, sink }, sample);
  } catch (error) {
    const stop = readProblem(error, profile.sourcePath, options.signal);
    sink.addProblem(stop);
    const suggested = stop.data?.suggestedEncoding;
    if (stop.code === 'E0026' && isEncoding(suggested) && suggested !== configured) {
      // The bytes fit another encoding: profile with it, so columns and values are known anyway.
      // The first attempt's other problems would repeat, so only its E0026 is kept.
      profile.detectedEncoding = suggested;
      encoding = suggested;
      sample = emptySample();
      sink = new ProblemSink(PROFILE_PROBLEMS_PER_CODE);
      sink.addProblem(stop);
      try {
        await sampleRows({ ...input, encoding, sink }, sample);
      } catch (again) {
        sink.addProblem(readProblem(again, profile.sourcePath, options.signal));
      }
    }
  }
  // A single-byte encoding never fails to decode, so a UTF-8 file read as windows-1252 only shows as 'Ã«'.
  if (!profile.detectedEncoding && (configured === 'windows-1252' || configured === 'iso-8859-1')) {
    if (fingerprint.head && looksLikeUtf8(fingerprint.head)) profile.detectedEncoding = 'utf-8';
  }

  fill(profile, sample, config, transformation, fingerprint, encoding);
  return finish(profile, sink, workspace);
}

/** The compiled transformation; undefined when there is none; null when one is needed but unusable. */
function compile(
  workspace: Workspace,
  importDoc: LoadedDocument<ImportConfig>,
  config: ImportConfig,
  sink: ProblemSink,
): Transformation | undefined | null {
  const found = transformationSource(workspace, importDoc);
  if (!found) {
    if (config.transformation && 'file' in config.transformation) {
      sink.addProblem(
        problem('E0001', `Cannot read the transformation file '${config.transformation.file}': it was not loaded.`, [
          { file: importDoc.relativePath, pointer: '/transformation/file' },
        ]),
      );
      return null;
    }
    if (config.source.format === 'xml' || config.source.format === 'json') {
      sink.addProblem(
        problem('E0014', `The import '${config.alias}' reads ${config.source.format} but has no transformation.`, [
          { file: importDoc.relativePath, pointer: '/source/format' },
        ]),
      );
      return null;
    }
    return undefined;
  }
  const compiled = compileTransformation(
    { text: found.text, file: found.document.relativePath, ...(found.pointer ? { pointer: found.pointer } : {}) },
    defaultGuardrails,
  );
  if (compiled.ok) return compiled.transformation;
  sink.addProblem(compiled.problem);
  return null;
}

/** The problem of an error that stopped reading; an abort is not a problem and propagates. */
function readProblem(error: unknown, sourcePath: string, signal: AbortSignal | undefined): Problem {
  signal?.throwIfAborted();
  if (error instanceof ProblemError) return error.problem;
  // The adapter failed (permissions, a file removed while read): still data, not a crash.
  const reason = error instanceof Error ? error.message : String(error);
  return problem('E0001', `Cannot read file '${sourcePath}': ${reason}`, [{ file: sourcePath }]);
}

function fill(
  profile: DataProfile,
  sample: Sample,
  config: ImportConfig,
  transformation: Transformation | undefined,
  fingerprint: SourceFingerprint,
  encoding: Encoding,
): void {
  profile.rowsProfiled = sample.stats.rowCount;
  profile.truncated = sample.truncated;
  profile.columns = sample.stats.profiles(config.source.dateFormat);
  profile.values = sample.stats.values();
  const format = config.source.format;
  // Header cells are columns only when no transformation renames them.
  if (transformation || !sample.headers || !fingerprint.head || (format !== 'csv' && format !== 'tsv')) return;
  const ranges = headerRanges(decodeHead(fingerprint.head, encoding), format === 'tsv' ? '\t' : ',', sample.headers);
  const byName = new Map(sample.headers.map((h, i) => [h, ranges[i]] as const));
  for (const column of profile.columns) {
    const range = byName.get(column.name);
    if (range) column.headerRange = range;
  }
}

function finish(profile: DataProfile, sink: ProblemSink, workspace: Workspace): DataProfile {
  profile.problems = fillProblemRanges(sink.kept, workspace);
  return profile;
}

function isEncoding(value: unknown): value is Encoding {
  return typeof value === 'string' && (encodings as readonly string[]).includes(value);
}
