/**
 * One workspace folder kept loaded while the user types. A full load goes through the engine's
 * loadWorkspace (so the server sees exactly what the CLI sees); an edit of one import, form,
 * mapping or .jsonata file is applied in place: that one file is re-checked (cached by path and
 * text) and the cross-file problems are recomputed from the cached documents, which is what keeps
 * diagnostics of a 2,000-line file within a keystroke's budget.
 */
import type { Problem } from '../../../engine/src/errors/problem';
import { type FileSystem, relativePath } from '../../../engine/src/io/fileSystem';
import type { DocumentKind, ImportConfig } from '../../../engine/src/model/workspace';
import { detectKind } from '../../../engine/src/workspace/detectKind';
import { type CheckedDocument, checkDocument } from '../../../engine/src/workspace/checkDocument';
import { crossFileChecks } from '../../../engine/src/workspace/crossFileChecks';
import { expressionChecks } from '../../../engine/src/workspace/expressionChecks';
import {
  loadWorkspace,
  transformationPath,
  type WorkspaceOverrides,
} from '../../../engine/src/workspace/loadWorkspace';
import { allDocuments, rangeFor } from '../../../engine/src/workspace/locations';
import type { LoadedDocument, Workspace } from '../../../engine/src/workspace/types';

/** Kinds whose edit changes nothing but the file itself and the names it declares. */
const inPlaceKinds = new Set(['import', 'form', 'mapping', 'jsonata']);

/** Checked documents by path, valid while the text is the same: the parse and schema cache. */
export class CheckCache {
  private readonly entries = new Map<string, { text: string; checked: CheckedDocument | undefined }>();

  check(path: string, text: string, relative: string, kind: DocumentKind): CheckedDocument | undefined {
    const hit = this.entries.get(path);
    if (hit && hit.text === text) return hit.checked;
    const checked = checkDocument(text, relative, kind);
    this.entries.set(path, { text, checked });
    return checked;
  }

  /** Records what a full load already found for a text, so that it is not parsed a second time. */
  prime(path: string, text: string, checked: CheckedDocument): void {
    if (this.entries.get(path)?.text !== text) this.entries.set(path, { text, checked });
  }

  forget(path: string): void {
    this.entries.delete(path);
  }
}

export class WorkspaceModel {
  /** The latest snapshot; a new object on every change, so a context built on it never sees a later edit. */
  workspace: Workspace | undefined;
  /** Bumped on every new snapshot; diagnostics and contexts are cached by it. */
  version = 0;
  /**
   * Problems of the load itself (missing files, sandbox rows, a tree too big): neither one file's
   * syntax and schema nor a cross-file rule, so an in-place edit keeps them (ranges refreshed).
   */
  private loadProblems: Problem[] = [];
  /** The editor's settings that replace importstudio.yaml's paths on this machine; a change needs a reload. */
  overrides: WorkspaceOverrides = {};

  constructor(
    readonly root: string,
    private readonly fs: FileSystem,
    private readonly cache: CheckCache,
  ) {}

  /** Loads the whole folder again (start, the workspace file or a sandbox file edited, a transformation file named). */
  async reload(): Promise<void> {
    const workspace = await loadWorkspace(this.fs, this.root, { overrides: this.overrides });
    const cross = new Map<string, number>();
    for (const p of crossFile(workspace)) {
      const key = JSON.stringify(p);
      cross.set(key, (cross.get(key) ?? 0) + 1);
    }
    const editable = new Map<string, LoadedDocument<unknown>>();
    for (const doc of allDocuments(workspace)) if (inPlaceKinds.has(doc.kind)) editable.set(doc.relativePath, doc);
    const own = new Map<LoadedDocument<unknown>, Problem[]>();
    this.loadProblems = [];
    // Sorts loadWorkspace's problems without parsing anything twice (a sandbox of 100k records takes
    // a second to parse): cross-file ones are recomputed on every edit; those of an editable file
    // are its own (cached with its text), except a missing transformation file, which is the
    // load's; everything else (workspace file, sandbox, tree) stays until the next full load.
    for (const p of workspace.problems) {
      const key = JSON.stringify(p);
      const left = cross.get(key) ?? 0;
      if (left > 0) {
        cross.set(key, left - 1);
        continue;
      }
      const primary = p.locations[0];
      const doc = primary ? editable.get(primary.file) : undefined;
      if (doc && !(p.code === 'E0001' && primary?.pointer === '/transformation/file')) {
        own.set(doc, [...(own.get(doc) ?? []), p]);
      } else this.loadProblems.push(p);
    }
    for (const doc of editable.values()) {
      this.cache.prime(doc.path, doc.text, {
        kind: doc.kind,
        parsed: doc.parsed,
        problems: own.get(doc) ?? [],
        usable: doc.value !== undefined,
      });
    }
    this.commit(workspace);
  }

  /**
   * A new import, form, mapping or .jsonata file, added in place; false when a full load is needed
   * (another kind, or an import that names a transformation file, whose existence the load checks).
   */
  add(path: string, text: string): boolean {
    const workspace = this.workspace;
    const kind = detectKind(path);
    if (!workspace || kind === undefined || !inPlaceKinds.has(kind) || this.has(path)) return false;
    const doc = this.documentOf(path, relativePath(this.root, path), kind, text);
    if (!doc) return false;
    if (doc.kind === 'import' && transformationPath(doc as LoadedDocument<ImportConfig>) !== undefined) return false;
    const add = <T>(docs: LoadedDocument<T>[]): LoadedDocument<T>[] =>
      listOf(workspace, kind) === docs
        ? [...docs, doc as LoadedDocument<T>].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))
        : docs;
    this.rebuild({
      ...workspace,
      imports: add(workspace.imports),
      forms: add(workspace.forms),
      mappings: add(workspace.mappings),
      jsonata: add(workspace.jsonata),
    });
    return true;
  }

  /** A deleted import, form or mapping, removed in place; false when a full load is needed. */
  remove(path: string): boolean {
    const workspace = this.workspace;
    const old = workspace ? allDocuments(workspace).find((d) => d.path === path) : undefined;
    // A deleted .jsonata may be named by an import: the load reports that (E0001).
    if (!workspace || !old || old.kind === 'jsonata' || !inPlaceKinds.has(old.kind)) return false;
    const keep = <T>(docs: LoadedDocument<T>[]): LoadedDocument<T>[] => docs.filter((d) => d.path !== path);
    this.loadProblems = this.loadProblems.filter((p) => p.locations[0]?.file !== old.relativePath);
    this.cache.forget(path);
    this.rebuild({
      ...workspace,
      imports: keep(workspace.imports),
      forms: keep(workspace.forms),
      mappings: keep(workspace.mappings),
    });
    return true;
  }

  /**
   * Applies a new text of one file in place. False when the edit needs a full load: the file is new
   * to the workspace, is the workspace file or a sandbox file, or names another transformation file.
   */
  update(path: string, text: string): boolean {
    const workspace = this.workspace;
    if (!workspace) return false;
    const old = allDocuments(workspace).find((d) => d.path === path);
    if (!old || !inPlaceKinds.has(old.kind)) return false;
    if (old.text === text) return true;
    const doc = this.documentOf(path, old.relativePath, old.kind, text);
    if (!doc) return false;
    if (
      doc.kind === 'import' &&
      transformationPath(doc as LoadedDocument<ImportConfig>) !==
        transformationPath(old as LoadedDocument<ImportConfig>)
    ) {
      // Whether the named .jsonata exists is a question for the file system: a full load asks it.
      return false;
    }
    const swap = <T>(docs: LoadedDocument<T>[]): LoadedDocument<T>[] =>
      docs.map((d) => (d.path === path ? (doc as LoadedDocument<T>) : d));
    // A load problem pointing into the edited file keeps its pointer; its range follows the edit.
    this.loadProblems = this.loadProblems.map((p) =>
      p.locations.some((l) => l.file === doc.relativePath && l.pointer !== undefined)
        ? {
            ...p,
            locations: p.locations.map((l) =>
              l.file === doc.relativePath && l.pointer !== undefined
                ? { ...l, range: rangeFor(doc.parsed, l.pointer) }
                : l,
            ),
          }
        : p,
    );
    this.rebuild({
      ...workspace,
      imports: swap(workspace.imports),
      forms: swap(workspace.forms),
      mappings: swap(workspace.mappings),
      jsonata: swap(workspace.jsonata),
    });
    return true;
  }

  private documentOf(
    path: string,
    relative: string,
    kind: DocumentKind,
    text: string,
  ): LoadedDocument<unknown> | undefined {
    const checked = this.cache.check(path, text, relative, kind);
    if (!checked) return undefined;
    return {
      path,
      relativePath: relative,
      kind,
      text,
      value: checked.usable ? checked.parsed.value : undefined,
      parsed: checked.parsed,
    };
  }

  /** A new snapshot from new document lists: the load's problems, each file's own, and the cross-file ones. */
  private rebuild(next: Workspace): void {
    // Throws like loadWorkspace would on a document the engine mistook for usable; the caller
    // keeps the previous snapshot then (stale diagnostics beat none) and logs the failure.
    next.problems = [...this.loadProblems, ...this.documentProblems(next), ...crossFile(next)];
    this.commit(next);
  }

  /** Whether a path is one of this workspace's loaded documents. */
  has(path: string): boolean {
    return this.workspace !== undefined && allDocuments(this.workspace).some((d) => d.path === path);
  }

  relative(path: string): string {
    return relativePath(this.root, path);
  }

  private commit(workspace: Workspace): void {
    this.workspace = workspace;
    this.version++;
  }

  /** Each editable file's own syntax and schema problems, from the cache (the others' are the load's). */
  private documentProblems(workspace: Workspace): Problem[] {
    const out: Problem[] = [];
    for (const doc of allDocuments(workspace)) {
      if (!inPlaceKinds.has(doc.kind)) continue;
      const checked = this.cache.check(doc.path, doc.text, doc.relativePath, doc.kind);
      if (checked) out.push(...checked.problems);
    }
    return out;
  }
}

function listOf(workspace: Workspace, kind: DocumentKind): LoadedDocument<unknown>[] | undefined {
  if (kind === 'import') return workspace.imports;
  if (kind === 'form') return workspace.forms;
  if (kind === 'mapping') return workspace.mappings;
  if (kind === 'jsonata') return workspace.jsonata;
  return undefined;
}

function crossFile(workspace: Workspace): Problem[] {
  return [...crossFileChecks(workspace), ...expressionChecks(workspace.mappings)];
}
