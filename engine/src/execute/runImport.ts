/**
 * Executing an import against the store: the same dry run the editor and the CLI show (same
 * engine code, same plan), computed from the store's people and records instead of the fixture
 * files, then applied in one transaction together with the run's outcome.
 *
 * A run is recorded Running before anything is read, so a run that dies leaves a trace; the next
 * open of the store marks it Failed (E0046), and since its writes never committed, nothing of it
 * is applied. A Failed dry run (a stopping error, the error threshold) applies nothing either.
 */
import { catalog, type ErrorCode } from '../errors/catalog';
import type { Problem } from '../errors/problem';
import type { FileSystem } from '../io/fileSystem';
import type { DryRunResult, PlanCounts } from '../model/result';
import type { ImportConfig, RecordCreationMode, SandboxRecord } from '../model/workspace';
import { resolveSourcePath } from '../read/resolveSource';
import { DEFAULT_ERROR_THRESHOLD } from '../run/prepare';
import type { DryRunOptions } from '../run/dryRunInput';
import type { StartReadThread } from '../read/readThread';
import { dryRunWorkspaceImport, type WorkspaceDryRun } from '../run/dryRunWorkspaceImport';
import type { RunOutcome, Store } from '../store/store';
import type { RunFile, RunParameters, RunSummary, RunType } from '../store/types';
import type { LoadedDocument, Workspace } from '../workspace/types';
import { planWrites } from './planWrites';

export interface RunChoices {
  /** Only these form ids (default: every form whose mapping reads the import). */
  forms?: string[];
  /** Only this person (personId). */
  person?: string;
  /** Overrides runOptions.recordCreationMode. */
  creationMode?: RecordCreationMode;
  /** Overrides runOptions.ignoreErrorThreshold. */
  ignoreErrorThreshold?: boolean;
}

export type RunProgress = { phase: 'plan'; rows: number } | { phase: 'apply'; done: number; total: number };

export interface RunImportOptions extends RunChoices {
  /** Who runs it: shown in the history. */
  user: string;
  /** Default manual. */
  type?: RunType;
  /** A run queued earlier as Pending (a nightly batch): it is started instead of a new one. */
  runId?: number;
  signal?: AbortSignal;
  onProgress?: (progress: RunProgress) => void;
  /** The clock (tests pin it). */
  now?: () => Date;
  /** Largest source file kept with the run for download; default 50 MB. Larger ones are not kept. */
  maxFileBytes?: number;
  /** A second thread to read a big source on (DryRunOptions.readThread). */
  readThread?: StartReadThread;
}

export interface RunImportResult {
  summary: RunSummary;
  /** The dry run the run applied; undefined when the configuration could not run at all. */
  result: DryRunResult | undefined;
  /** The run's problems (the configuration's own when it could not run). */
  problems: readonly Problem[];
}

const DEFAULT_MAX_FILE_BYTES = 50 * 1024 * 1024;

/** The parameters recorded with a run: the user's choices with the configuration's defaults filled in. */
export function runParameters(importDoc: LoadedDocument<ImportConfig>, choices: RunChoices): RunParameters {
  const options = importDoc.value?.runOptions;
  return {
    config: importDoc.relativePath,
    ...(choices.forms && choices.forms.length > 0 ? { forms: [...choices.forms] } : {}),
    ...(choices.person ? { person: choices.person } : {}),
    creationMode: choices.creationMode ?? options?.recordCreationMode ?? 'createMissing',
    ignoreErrorThreshold: choices.ignoreErrorThreshold ?? options?.ignoreErrorThreshold ?? false,
    errorThreshold: options?.errorThreshold ?? DEFAULT_ERROR_THRESHOLD,
  };
}

/** Problems a run keeps per code for its results file; the totals count all, and the file says how many more. */
export const RUN_PROBLEMS_PER_CODE = 10_000;

/** The workspace as the store sees it: its people and records instead of the fixture files'. */
export async function storeWorkspace(store: Store, workspace: Workspace): Promise<Workspace> {
  const [people, records] = await Promise.all([store.people(), store.records()]);
  return { ...workspace, people, records };
}

/**
 * What a run would do now, without running it: the dry run against the store's state (the
 * counts a confirmation shows). The plan keeps its first entries only, like any dry run.
 */
export async function previewRun(
  fs: FileSystem,
  store: Store,
  workspace: Workspace,
  importDoc: LoadedDocument<ImportConfig>,
  choices: RunChoices = {},
  options: Pick<DryRunOptions, 'signal' | 'onProgress' | 'planEntries' | 'cacheRows' | 'readThread'> = {},
): Promise<WorkspaceDryRun> {
  return dryRunWorkspaceImport(fs, await storeWorkspace(store, workspace), importDoc, {
    ...dryRunChoices(choices),
    ...options,
    limit: 0,
  });
}

export async function runWorkspaceImport(
  fs: FileSystem,
  store: Store,
  workspace: Workspace,
  importDoc: LoadedDocument<ImportConfig>,
  options: RunImportOptions,
): Promise<RunImportResult> {
  const now = options.now ?? (() => new Date());
  const started = now();
  const config = importDoc.value;
  const parameters = runParameters(importDoc, options);
  let runId = options.runId;
  if (runId === undefined) {
    runId = await store.queueRun({
      alias: config?.alias ?? importDoc.relativePath,
      name: config?.name ?? importDoc.relativePath,
      type: options.type ?? 'manual',
      user: options.user,
      parameters,
      status: 'Running',
      at: started.toISOString(),
    });
  } else {
    await store.startRun(runId, started.toISOString());
  }
  const id = runId;
  const finish = async (outcome: Omit<RunOutcome, 'finishedAt' | 'durationMs'>) => {
    const finished = now();
    await store.finishRun(
      id,
      { ...outcome, finishedAt: finished.toISOString(), durationMs: finished.getTime() - started.getTime() },
      (done, total) => options.onProgress?.({ phase: 'apply', done, total }),
    );
    const summary = await store.run(id);
    if (!summary) throw new Error(`Run ${id} vanished from the store.`);
    return summary;
  };

  let dry: WorkspaceDryRun;
  let existing: Map<string, SandboxRecord>;
  try {
    const state = await storeWorkspace(store, workspace);
    existing = new Map(state.records.map((r) => [r.id, r]));
    dry = await dryRunWorkspaceImport(fs, state, importDoc, {
      ...dryRunChoices(parameters),
      // A run applies the whole plan and keeps the whole import cache: every entry, every row.
      planEntries: Number.POSITIVE_INFINITY,
      cacheRows: Number.POSITIVE_INFINITY,
      // The results file lists problems line by line; errors stop at the threshold (500) unless it is
      // ignored, so this bounds the warnings of a large file (people not found, say).
      problemsPerCode: RUN_PROBLEMS_PER_CODE,
      limit: 0,
      ...(options.readThread ? { readThread: options.readThread } : {}),
      ...(options.signal ? { signal: options.signal } : {}),
      ...(options.onProgress ? { onProgress: (rows: number) => options.onProgress?.({ phase: 'plan', rows }) } : {}),
    });
  } catch (error) {
    const message = options.signal?.aborted
      ? 'The run was cancelled before anything was applied.'
      : `The run stopped on an internal error before anything was applied: ${error instanceof Error ? error.message : String(error)}`;
    const summary = await finish(failedOutcome(message));
    return { summary, result: undefined, problems: [] };
  }

  if (!dry.ok) {
    const summary = await finish({ ...failedOutcome(null), ...problemCounts(dry.problems, undefined) });
    return { summary, result: undefined, problems: dry.problems };
  }
  const result = dry.result;
  const applied = totals(result);
  const base = {
    status: result.status,
    counts: result.counts,
    applied,
    ...problemCounts(result.problems, result.problemTotals),
    message: null,
    cache: result.cache,
    file: config ? await sourceFile(fs, workspace, config, options.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES) : null,
  };
  if (result.status === 'Failed') {
    const summary = await finish({ ...base, writes: [] });
    return { summary, result, problems: result.problems };
  }
  const writes = planWrites(result.plan, existing, id);
  try {
    const summary = await finish({ ...base, writes });
    return { summary, result, problems: result.problems };
  } catch (error) {
    // The transaction rolled back: record the run as Failed, with nothing applied.
    const message = `The run was not applied: ${error instanceof Error ? error.message : String(error)}`;
    const summary = await finish({ ...base, status: 'Failed', writes: [], message });
    return { summary, result, problems: result.problems };
  }
}

function dryRunChoices(choices: RunChoices): DryRunOptions {
  return {
    ...(choices.forms && choices.forms.length > 0 ? { forms: choices.forms } : {}),
    ...(choices.person ? { person: choices.person } : {}),
    ...(choices.creationMode ? { creationMode: choices.creationMode } : {}),
    ...(choices.ignoreErrorThreshold !== undefined ? { ignoreErrorThreshold: choices.ignoreErrorThreshold } : {}),
  };
}

function failedOutcome(message: string | null): Omit<RunOutcome, 'finishedAt' | 'durationMs'> {
  return {
    status: 'Failed',
    counts: null,
    applied: { create: 0, update: 0, unchanged: 0, skip: 0 },
    problems: [],
    problemTotals: {},
    errors: 0,
    warnings: 0,
    message,
    cache: null,
    writes: [],
    file: null,
  };
}

/** Errors and warnings over every problem found (the totals count those past the kept ones). */
function problemCounts(
  problems: readonly Problem[],
  totals: DryRunResult['problemTotals'] | undefined,
): Pick<RunOutcome, 'problems' | 'problemTotals' | 'errors' | 'warnings'> {
  const problemTotals: Partial<Record<ErrorCode, number>> = { ...(totals ?? {}) };
  if (!totals) for (const p of problems) problemTotals[p.code] = (problemTotals[p.code] ?? 0) + 1;
  let errors = 0;
  let warnings = 0;
  for (const [code, n] of Object.entries(problemTotals) as [ErrorCode, number][]) {
    const severity = catalog[code].severity;
    if (severity === 'error') errors += n;
    else if (severity === 'warning') warnings += n;
  }
  return { problems, problemTotals, errors, warnings };
}

function totals(result: DryRunResult): PlanCounts {
  const sum: PlanCounts = { create: 0, update: 0, unchanged: 0, skip: 0 };
  for (const counts of Object.values(result.counts.plan)) {
    sum.create += counts.create;
    sum.update += counts.update;
    sum.unchanged += counts.unchanged;
    sum.skip += counts.skip;
  }
  return sum;
}

/** The source as it is now, kept with the run for download; null when missing, unsafe or too large. */
async function sourceFile(
  fs: FileSystem,
  workspace: Workspace,
  config: ImportConfig,
  maxBytes: number,
): Promise<RunFile | null> {
  try {
    const resolved = await resolveSourcePath(fs, workspace.sftpRoot, config.source.file);
    if (resolved.size > maxBytes) return null;
    return { name: config.source.file, bytes: await fs.readFile(resolved.path) };
  } catch {
    return null; // the dry run reports why the file cannot be read (E0001, E0027)
  }
}
