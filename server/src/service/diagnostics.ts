/**
 * Diagnostics of a workspace snapshot: every file's syntax and schema problems and the cross-file
 * ones (both from the workspace model), JSONata syntax errors of transformations (inline and in
 * .jsonata files, at the exact character), and the data-aware checks of each import against its
 * data profile. Problems become LSP diagnostics through toDiagnostic, so the editor shows the
 * same code, message and documentation link as `import-studio validate`.
 */
import type { Diagnostic, DiagnosticRelatedInformation } from 'vscode-languageserver-types';
import type { Problem } from '../../../engine/src/errors/problem';
import { type FileSystem, joinPath } from '../../../engine/src/io/fileSystem';
import type { ImportConfig } from '../../../engine/src/model/workspace';
import type { DataProfile } from '../../../engine/src/profile/types';
import { dataChecks } from '../../../engine/src/profile/dataChecks';
import { ProfileCache } from '../../../engine/src/profile/profileCache';
import { defaultGuardrails } from '../../../engine/src/transform/guardrails';
import { compileTransformation, type TransformationSource } from '../../../engine/src/transform/transformation';
import { checkDocument } from '../../../engine/src/workspace/checkDocument';
import { allDocuments, fillLocationRange, fillProblemRanges } from '../../../engine/src/workspace/locations';
import type { LoadedDocument, Workspace } from '../../../engine/src/workspace/types';
import { toDiagnostic } from './toDiagnostic';
import { pathToUri } from './uri';

/**
 * The data-aware part, in one place so that wiring the engine's profiler is one line. `profile`
 * computes an import's data profile (async, off the typing path); `checks` compares the
 * configuration and its mappings with it. Undefined until engine/src/profile provides them.
 */
export interface DataAware {
  profile(
    fs: FileSystem,
    workspace: Workspace,
    importDoc: LoadedDocument<ImportConfig>,
    signal: AbortSignal,
  ): Promise<DataProfile>;
  checks(workspace: Workspace, importDoc: LoadedDocument<ImportConfig>, profile: DataProfile): Problem[];
}

/** One profile cache per file system (the overlay of one language service). */
const profileCaches = new WeakMap<FileSystem, ProfileCache>();

export const dataAware: DataAware | undefined = {
  profile(fs, workspace, importDoc, signal) {
    let cache = profileCaches.get(fs);
    if (!cache) profileCaches.set(fs, (cache = new ProfileCache(fs, { sampleRows: PROFILE_SAMPLE_ROWS })));
    return cache.get(workspace, importDoc, { signal });
  },
  checks(workspace, importDoc, profile) {
    // What reading the sample met, where it lies in a configuration file (a missing source file, a
    // duplicate header named in a mapping...), except what diagnostics already show: E0011 comes
    // from the transformation check and E0026 from dataChecks' encoding check.
    const files = new Set(allDocuments(workspace).map((d) => d.relativePath));
    const read = profile.problems.filter(
      (p) => p.code !== 'E0011' && p.code !== 'E0026' && files.has(p.locations[0]?.file ?? ''),
    );
    return [...dataChecks(workspace, importDoc, profile), ...read];
  },
};

/** Rows read per import for its profile: enough for the checks, little enough to stay off the typing path. */
const PROFILE_SAMPLE_ROWS = 1000;

/** JSONata compilations cached by text: a transformation is compiled once per distinct text, not per keystroke elsewhere. */
export class CompileCache {
  private readonly entries = new Map<string, Problem | null>();

  /** The E0011 problem of a transformation text, or undefined when it compiles. */
  problemOf(source: TransformationSource): Problem | undefined {
    const key = `${source.file}\u0000${source.pointer ?? ''}\u0000${source.text}`;
    let found = this.entries.get(key);
    if (found === undefined) {
      const compiled = compileTransformation(source, defaultGuardrails);
      found = compiled.ok ? null : compiled.problem;
      // Old texts are dropped wholesale: a typing session makes many, and recompiling is cheap enough.
      if (this.entries.size > 500) this.entries.clear();
      this.entries.set(key, found);
    }
    return found ?? undefined;
  }
}

/** Transformation syntax errors (E0011): every inline expression and every .jsonata file of the workspace. */
export function transformationProblems(workspace: Workspace, cache: CompileCache): Problem[] {
  const problems: Problem[] = [];
  for (const doc of workspace.imports) {
    const transformation = doc.value?.transformation;
    if (!transformation || !('expression' in transformation)) continue;
    const found = cache.problemOf({
      text: transformation.expression,
      file: doc.relativePath,
      pointer: '/transformation/expression',
    });
    if (found) problems.push(found);
  }
  for (const doc of workspace.jsonata) {
    if (typeof doc.value !== 'string') continue;
    const found = cache.problemOf({ text: doc.value, file: doc.relativePath });
    if (found) problems.push(found);
  }
  // Inline problems know their pointer and offset; this places them on the exact character.
  return fillProblemRanges(problems, workspace);
}

/** The data-aware problems of every import whose profile is known. */
export function dataProblems(
  workspace: Workspace,
  profiles: ReadonlyMap<string, DataProfile>,
  log: (message: string) => void,
): Problem[] {
  if (!dataAware) return [];
  const checks = dataAware.checks;
  return workspace.imports.flatMap((doc) => {
    const profile = profiles.get(doc.path);
    if (!profile || !doc.value) return [];
    try {
      return fillProblemRanges(checks(workspace, doc, profile), workspace);
    } catch (error) {
      // One import's failing check must not take the other diagnostics with it; the log says why.
      log(
        `Data checks failed on ${doc.relativePath}: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
      );
      return [];
    }
  });
}

/**
 * Diagnostics by absolute path for every workspace document (an empty list for a clean one, so that
 * a publish clears it) and for any other file a problem names first (a data file, for instance).
 */
export function workspaceDiagnostics(workspace: Workspace, problems: readonly Problem[]): Map<string, Diagnostic[]> {
  const out = new Map<string, Diagnostic[]>();
  for (const doc of allDocuments(workspace)) out.set(doc.path, []);
  const workspaceFile = workspace.workspaceFile?.path;
  for (const problem of problems) {
    const primary = problem.locations[0];
    if (!primary) continue;
    // '.' is the folder itself (a tree too big to search): shown on the workspace file.
    const path = primary.file === '.' ? workspaceFile : joinPath(workspace.root, primary.file);
    if (path === undefined) continue;
    const diagnostic = toDiagnostic(problem, primary.file);
    const related = relatedInformation(workspace.root, problem);
    if (related.length > 0) diagnostic.relatedInformation = related;
    const list = out.get(path) ?? [];
    list.push(diagnostic);
    out.set(path, list);
  }
  for (const list of out.values()) list.sort(byPosition);
  return out;
}

/** A file outside any workspace: its own syntax and schema, or its JSONata syntax. */
export function standaloneDiagnostics(path: string, text: string, compile: CompileCache): Diagnostic[] {
  const name = basename(path);
  const checked = checkDocument(text, name);
  if (!checked) return [];
  const problems = [...checked.problems];
  if (checked.kind === 'jsonata') {
    const found = compile.problemOf({ text, file: name });
    if (found) problems.push(found);
  } else if (checked.kind === 'import' && checked.usable) {
    const transformation = (checked.parsed.value as ImportConfig).transformation;
    if (transformation && 'expression' in transformation) {
      const found = compile.problemOf({
        text: transformation.expression,
        file: name,
        pointer: '/transformation/expression',
      });
      if (found) {
        // Outside a workspace there is no snapshot to fill ranges from; the document itself is enough.
        const offset = typeof found.data?.offset === 'number' ? found.data.offset : undefined;
        problems.push({
          ...found,
          locations: found.locations.map((l) => fillLocationRange(l, checked.parsed, offset)),
        });
      }
    }
  }
  return problems.map((p) => toDiagnostic(p, name)).sort(byPosition);
}

function basename(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}

function relatedInformation(root: string, problem: Problem): DiagnosticRelatedInformation[] {
  return problem.locations
    .slice(1)
    .flatMap((l) =>
      l.range
        ? [{ location: { uri: pathToUri(joinPath(root, l.file)), range: l.range }, message: problem.message }]
        : [],
    );
}

function byPosition(a: Diagnostic, b: Diagnostic): number {
  return a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character;
}
