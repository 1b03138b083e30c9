/**
 * The execution and monitoring requests (importStudio/previewRun, executeRun, listRuns, runDetails,
 * runResults): each loads the workspace as the editor sees it, opens its store for this request
 * only, and closes it, so the CLI (or a nightly job) can use the store in between. A store held by
 * another process answers at once with its holder (E0044), never a wait the editor would feel.
 */
import { existsSync } from 'node:fs';
import { hostname, userInfo } from 'node:os';
import { type CancellationToken, type Connection, LSPErrorCodes, ResponseError } from 'vscode-languageserver/node';
import { catalog, problem } from '../../../engine/src/errors/catalog';
import { type Problem, ProblemError } from '../../../engine/src/errors/problem';
import { relativePath } from '../../../engine/src/io/fileSystem';
import { nodeFileSystem } from '../../../engine/src/io/nodeFileSystem';
import { runResultsCsv } from '../../../engine/src/execute/resultsCsv';
import { previewRun, runWorkspaceImport } from '../../../engine/src/execute/runImport';
import { nodeReadThread } from '../../../engine/src/io/nodeReadThread';
import { ensureSeeded } from '../../../engine/src/execute/seedStore';
import type { PlanCounts } from '../../../engine/src/model/result';
import { openNodeStore } from '../../../engine/src/store/nodeSqliteStore';
import type { Store } from '../../../engine/src/store/store';
import type { RunSummary } from '../../../engine/src/store/types';
import { storeFileOf } from '../../../engine/src/store/storeLocation';
import { loadWorkspace } from '../../../engine/src/workspace/loadWorkspace';
import type { Workspace } from '../../../engine/src/workspace/types';
import type { LanguageService } from '../service/languageService';
import { createOverlayFileSystem, mapOverlay } from '../service/overlayFileSystem';
import type {
  ExecuteRunParams,
  ExecuteRunResponse,
  ListRunsParams,
  ListRunsResponse,
  PreviewRunParams,
  PreviewRunResponse,
  RunChoicesParams,
  RunDetailsParams,
  RunDetailsResponse,
  RunResultsParams,
  RunResultsResponse,
} from '../service/requests';
import { startProgress } from './progress';

type Loaded = { ok: true; workspace: Workspace; fs: ReturnType<typeof createOverlayFileSystem> };
type Failed = { ok: false; problems: Problem[] };

async function loadFor(service: LanguageService, uri: string): Promise<Loaded | Failed> {
  const target = await service.workspaceTarget(uri);
  if (!target) {
    return {
      ok: false,
      problems: [
        problem('E0001', `'${uri}' is not in an Import Studio workspace (no importstudio.yaml above it).`, []),
      ],
    };
  }
  const fs = createOverlayFileSystem(nodeFileSystem, mapOverlay(new Map(target.overlay)));
  return { ok: true, workspace: await loadWorkspace(fs, target.root, { overrides: target.overrides }), fs };
}

/**
 * Opens the workspace's store for `work` and closes it after, whatever happens. Reading requests
 * pass `create: false`: looking at the history must not create (and seed) a store in a workspace
 * that never ran anything; they get `undefined` instead.
 */
async function withStore<T>(
  workspace: Workspace,
  purpose: string,
  waitMs: number,
  work: (store: Store) => Promise<T>,
  create = true,
): Promise<T | Failed | undefined> {
  if (!create && !existsSync(storeFileOf(workspace))) return undefined;
  let opened;
  try {
    opened = await openNodeStore(storeFileOf(workspace), { purpose, waitMs });
  } catch (error) {
    if (error instanceof ProblemError) return { ok: false, problems: [error.problem] };
    throw error;
  }
  try {
    if (create) await ensureSeeded(opened.store, workspace, new Date().toISOString());
    return await work(opened.store);
  } finally {
    await opened.store.close();
  }
}

/** A request's run choices as they came: the engine drops empty ones (runImport.ts, runParameters and dryRunChoices). */
function choicesOf({ forms, person, creationMode, ignoreErrorThreshold }: RunChoicesParams): RunChoicesParams {
  return { forms, person, creationMode, ignoreErrorThreshold };
}

function user(): string {
  try {
    return `${userInfo().username} (VS Code)`;
  } catch {
    return `${hostname()} (VS Code)`;
  }
}

function planTotals(plan: Record<string, PlanCounts>): PlanCounts {
  const total: PlanCounts = { create: 0, update: 0, unchanged: 0, skip: 0 };
  for (const counts of Object.values(plan)) {
    total.create += counts.create;
    total.update += counts.update;
    total.unchanged += counts.unchanged;
    total.skip += counts.skip;
  }
  return total;
}

type ImportDocument = Workspace['imports'][number];
type Resolved = Loaded & {
  importUri: string;
  importDoc: ImportDocument & { value: NonNullable<ImportDocument['value']> };
};

/** The import a request names, in its workspace loaded with the editor's unsaved text. */
async function importFor(
  service: LanguageService,
  uri: string,
): Promise<Resolved | { ok: false; importUri?: string; problems: Problem[] }> {
  const target = await service.dryRunTarget(uri);
  if (!target.ok) return target;
  const loaded = await loadFor(service, uri);
  if (!loaded.ok) return loaded;
  const importDoc = loaded.workspace.imports.find((d) => d.path === target.importPath);
  if (!importDoc?.value) return { ok: false, importUri: target.importUri, problems: [] };
  return { ...loaded, importUri: target.importUri, importDoc: { ...importDoc, value: importDoc.value } };
}

export async function previewRunRequest(
  service: LanguageService,
  params: PreviewRunParams,
): Promise<PreviewRunResponse> {
  const loaded = await importFor(service, params.uri);
  if (!loaded.ok) return loaded;
  const { importDoc, importUri } = loaded;
  const config = importDoc.value;
  const answer = await withStore(loaded.workspace, `VS Code: preview of ${config.alias}`, 10_000, async (store) => {
    const dry = await previewRun(loaded.fs, store, loaded.workspace, importDoc, choicesOf(params), {
      cacheRows: 0,
      readThread: nodeReadThread(),
    });
    if (!dry.ok) return { ok: false as const, importUri, problems: dry.problems };
    const { result } = dry;
    let errors = 0;
    let warnings = 0;
    for (const [code, n] of Object.entries(result.problemTotals)) {
      const severity = catalog[code as keyof typeof catalog].severity;
      if (severity === 'error') errors += n ?? 0;
      else if (severity === 'warning') warnings += n ?? 0;
    }
    return {
      ok: true as const,
      importUri,
      alias: config.alias,
      name: config.name,
      status: result.status,
      counts: result.counts,
      plan: planTotals(result.counts.plan),
      errors,
      warnings,
      store: relativePath(loaded.workspace.root, storeFileOf(loaded.workspace)),
    };
  });
  return answer ?? { ok: false, problems: [] };
}

export async function executeRunRequest(
  connection: Connection,
  service: LanguageService,
  params: ExecuteRunParams,
  cancel: CancellationToken,
  canCreateProgress: boolean,
): Promise<ExecuteRunResponse> {
  const loaded = await importFor(service, params.uri);
  if (!loaded.ok) return loaded;
  const { importDoc, importUri } = loaded;
  const alias = importDoc.value.alias;
  const progress = await startProgress(connection, params, canCreateProgress, `Run of ${alias}`);
  const abort = new AbortController();
  const subscription = cancel.onCancellationRequested(() => abort.abort());
  let last = 0;
  try {
    const answer = await withStore(loaded.workspace, `VS Code: run of ${alias}`, 0, async (store) => {
      const run = await runWorkspaceImport(loaded.fs, store, loaded.workspace, importDoc, {
        ...choicesOf(params),
        user: user(),
        signal: abort.signal,
        readThread: nodeReadThread(),
        onProgress: (p) => {
          const now = Date.now();
          if (now - last < 100) return;
          last = now;
          progress.report(
            p.phase === 'plan'
              ? `${p.rows.toLocaleString('en-US')} rows`
              : `applying ${p.done.toLocaleString('en-US')} of ${p.total.toLocaleString('en-US')} records`,
          );
        },
      });
      return { ok: true as const, importUri, run: run.summary, problems: [...run.problems] };
    });
    // A cancelled run is recorded (Failed, nothing applied); the request answers as cancelled.
    if (abort.signal.aborted) throw new ResponseError(LSPErrorCodes.RequestCancelled, 'The run was cancelled.');
    return answer ?? { ok: false, problems: [] };
  } finally {
    subscription.dispose();
    progress.done();
  }
}

export async function listRunsRequest(service: LanguageService, params: ListRunsParams): Promise<ListRunsResponse> {
  const loaded = await loadFor(service, params.uri);
  if (!loaded.ok) return loaded;
  const days = params.days ?? 30;
  const since = new Date(Date.now() - days * 24 * 60 * 60 * 1000).toISOString();
  const store = relativePath(loaded.workspace.root, storeFileOf(loaded.workspace));
  const answer = await withStore(
    loaded.workspace,
    'VS Code: run history',
    10_000,
    async (opened) => ({
      ok: true as const,
      workspace: loaded.workspace.root,
      store,
      runs: await opened.runs({ since }),
    }),
    false,
  );
  return answer ?? { ok: true, workspace: loaded.workspace.root, store, runs: [] };
}

/** One existing run of the workspace holding `uri`, read from its store (which must exist already). */
async function withRun<T extends { ok: true }>(
  service: LanguageService,
  params: { uri: string; runId: number },
  purpose: string,
  work: (store: Store, run: RunSummary) => Promise<T>,
): Promise<T | Failed> {
  const loaded = await loadFor(service, params.uri);
  if (!loaded.ok) return loaded;
  const missing = (why: string): Failed => ({
    ok: false,
    problems: [problem('E0001', `There is no run ${params.runId}: ${why}.`, [])],
  });
  const answer = await withStore(
    loaded.workspace,
    purpose,
    10_000,
    async (store): Promise<T | Failed> => {
      const run = await store.run(params.runId);
      return run ? work(store, run) : missing('the store has no such run');
    },
    false,
  );
  return answer ?? missing('the workspace has no store yet');
}

export function runDetailsRequest(service: LanguageService, params: RunDetailsParams): Promise<RunDetailsResponse> {
  return withRun(service, params, 'VS Code: run details', async (store, run) => {
    const [problems, cache, changes, file] = await Promise.all([
      store.problems(run.id, params.problems),
      store.cache(run.id, params.cache),
      store.changes(run.id, params.changes),
      store.file(run.id),
    ]);
    return { ok: true as const, run, problems, cache, changes, originalFile: file?.name ?? null };
  });
}

export function runResultsRequest(service: LanguageService, params: RunResultsParams): Promise<RunResultsResponse> {
  return withRun(service, params, 'VS Code: run results', async (store, run) => {
    const csv = (await runResultsCsv(store, run.id)) ?? '';
    const file = await store.file(run.id);
    return {
      ok: true as const,
      csvName: `${run.alias}-run-${run.id}-results.csv`,
      csv,
      original: file ? { name: file.name, base64: Buffer.from(file.bytes).toString('base64') } : null,
    };
  });
}
