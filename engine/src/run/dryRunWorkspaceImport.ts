/**
 * A dry run of one import of a loaded workspace: gathers what the pipeline needs (the mappings
 * that read the alias, their forms, the sandbox, the source reader, the transformation text) and
 * places configuration problems at their exact range. The CLI and the language server both call
 * this, so a dry run means the same everywhere.
 */
import { problem } from '../errors/catalog';
import type { Problem } from '../errors/problem';
import { type FileSystem, joinPath, relativePath } from '../io/fileSystem';
import type { DryRunResult } from '../model/result';
import type { FormDefinition, ImportConfig } from '../model/workspace';
import { openSource } from '../read/openSource';
import { fillProblemRanges } from '../workspace/locations';
import { transformationSource } from '../workspace/loadWorkspace';
import type { LoadedDocument, Workspace } from '../workspace/types';
import { dryRun } from './dryRun';
import type { DryRunOptions, TransformationSource } from './dryRunInput';

/** A run limited to fewer rows reads them in its own thread (DryRunOptions.readThread). */
const READ_THREAD_MIN_ROWS = 100_000;

export type WorkspaceDryRun =
  | { ok: true; result: DryRunResult }
  /** The configuration is invalid beyond running: its own problems say why. */
  | { ok: false; problems: DryRunResult['problems'] };

export async function dryRunWorkspaceImport(
  fs: FileSystem,
  workspace: Workspace,
  importDoc: LoadedDocument<ImportConfig>,
  options: DryRunOptions = {},
): Promise<WorkspaceDryRun> {
  const config = importDoc.value;
  if (!config) {
    const own = workspace.problems.filter((p) => p.locations.some((l) => l.file === importDoc.relativePath));
    const why =
      own.length > 0 ? own : [problem('E0033', 'The configuration is not valid.', [{ file: importDoc.relativePath }])];
    return { ok: false, problems: why };
  }
  const mappings = workspace.mappings
    .filter((m) => m.value?.import === config.alias)
    .map((m) => ({ value: m.value!, path: m.relativePath }));
  const forms: Record<string, FormDefinition> = {};
  for (const f of workspace.forms) if (f.value) forms[f.value.id] = f.value;

  const transformation = transformationOf(workspace, importDoc);
  const sourcePath = joinRelative(workspace, config.source.file);
  const limit = options.limit ?? workspace.workspaceFile?.value?.dryRun?.rowLimit ?? 0;
  const readThread =
    options.readThread && (limit <= 0 || limit >= READ_THREAD_MIN_ROWS) ? options.readThread : undefined;
  const result = await dryRun({
    config,
    configPath: importDoc.relativePath,
    mappings,
    forms,
    people: workspace.people,
    records: workspace.records,
    sourcePath,
    openSource: (hints) =>
      openSource(fs, {
        ...hints,
        sftpRoot: workspace.sftpRoot,
        source: config.source,
        relativeTo: workspace.root,
        signal: options.signal,
        ...(readThread ? { readThread } : {}),
      }),
    ...(transformation ? { transformation } : {}),
    options: {
      ...(workspace.workspaceFile?.value?.dryRun?.rowLimit
        ? { limit: workspace.workspaceFile.value.dryRun.rowLimit }
        : {}),
      ...options,
    },
  });
  const concerns = concernedFiles(workspace, importDoc, mappings, transformation);
  const related = workspace.problems.filter((p) => p.locations.some((l) => concerns.has(l.file)));
  return { ok: true, result: withWorkspaceProblems(result, fillProblemRanges(result.problems, workspace), related) };
}

/**
 * The files whose problems change what this dry run means: the workspace file and the sandbox (a
 * sandbox that failed to load makes every row "person not found"), the import, its transformation,
 * its mappings and their forms. Their problems come first in the result, so a run is never
 * silently wrong because a file it depends on was refused.
 */
function concernedFiles(
  workspace: Workspace,
  importDoc: LoadedDocument<ImportConfig>,
  mappings: readonly { value: { form: string }; path: string }[],
  transformation: TransformationSource | undefined,
): Set<string> {
  const files = new Set<string>([importDoc.relativePath, ...mappings.map((m) => m.path)]);
  if (workspace.workspaceFile) files.add(workspace.workspaceFile.relativePath);
  for (const f of workspace.sandboxFiles) files.add(f.relativePath);
  if (transformation) files.add(transformation.file);
  const forms = new Set(mappings.map((m) => m.value.form));
  for (const f of workspace.forms) if (f.value && forms.has(f.value.id)) files.add(f.relativePath);
  return files;
}

function withWorkspaceProblems(result: DryRunResult, own: Problem[], related: Problem[]): DryRunResult {
  if (related.length === 0) return { ...result, problems: own };
  const problemTotals = { ...result.problemTotals };
  for (const p of related) problemTotals[p.code] = (problemTotals[p.code] ?? 0) + 1;
  const status = result.status === 'Complete' ? 'Complete with issues' : result.status;
  return { ...result, status, problems: [...related, ...own], problemTotals };
}

function transformationOf(
  workspace: Workspace,
  importDoc: LoadedDocument<ImportConfig>,
): TransformationSource | undefined {
  const found = transformationSource(workspace, importDoc);
  if (!found) return undefined;
  return { text: found.text, file: found.document.relativePath, ...(found.pointer ? { pointer: found.pointer } : {}) };
}

/** The source file's path relative to the workspace root, as data problems name it. */
function joinRelative(workspace: Workspace, file: string): string {
  return relativePath(workspace.root, joinPath(workspace.sftpRoot, file.replaceAll('\\', '/')));
}
