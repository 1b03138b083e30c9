/**
 * The language-service core: open documents and file events in; diagnostics, contexts for the
 * feature modules, and the answers of the custom requests out. It owns all state and routing (like
 * vscode-json-languageservice plus the workspace), and knows nothing of connections or processes,
 * so the same core can run in a browser worker; server/src/node only connects it.
 *
 * Timing: edits are applied to the workspace model after a short debounce (or at once when a
 * request needs the latest text), diagnostics are published after each refresh, and data profiles
 * are computed in the background, republishing when one lands.
 */
import type {
  CodeAction,
  CodeLens,
  CompletionItem,
  CompletionList,
  Definition,
  Diagnostic,
  DocumentLink,
  DocumentSymbol,
  FoldingRange,
  Hover,
  Location,
  LocationLink,
  Position,
  Range,
  SelectionRange,
  WorkspaceEdit,
} from 'vscode-languageserver-types';
import { problem } from '../../../engine/src/errors/catalog';
import type { Problem } from '../../../engine/src/errors/problem';
import { dirname, type FileSystem, isInside, joinPath, normalizePath } from '../../../engine/src/io/fileSystem';
import type { ImportConfig } from '../../../engine/src/model/workspace';
import type { DataProfile } from '../../../engine/src/profile/types';
import { checkDocument } from '../../../engine/src/workspace/checkDocument';
import { detectKind } from '../../../engine/src/workspace/detectKind';
import { findWorkspaceRoot } from '../../../engine/src/workspace/findRoot';
import {
  emptyWorkspace,
  transformationPath,
  transformationSource,
  type WorkspaceOverrides,
  workspaceFileNames,
} from '../../../engine/src/workspace/loadWorkspace';
import type { LoadedDocument, Workspace } from '../../../engine/src/workspace/types';
import * as actions from './actions';
import * as completion from './completion';
import * as hover from './hover';
import type { ServiceContext } from './context';
import * as navigation from './navigation';
import * as symbols from './symbols';
import {
  CompileCache,
  dataAware,
  dataProblems,
  standaloneDiagnostics,
  transformationProblems,
  workspaceDiagnostics,
} from './diagnostics';
import { createOverlayFileSystem } from './overlayFileSystem';
import type { ListedImport, ListImportsParams, ListImportsResponse } from './requests';
import { snapshotContext } from './snapshotContext';
import { pathToUri, uriToPath } from './uri';
import { CheckCache, WorkspaceModel } from './workspaceModel';

export interface LanguageServiceHost {
  /** The file system under the open documents (Node's in server/src/node). */
  fs: FileSystem;
  publishDiagnostics(uri: string, diagnostics: Diagnostic[], version: number | undefined): void;
  log?(message: string): void;
  /** Debounce of edits before diagnostics are recomputed and published. Default 50 ms. */
  debounceMs?: number;
}

export type FileChangeType = 'created' | 'changed' | 'deleted';

/** What a dry run needs to run elsewhere (a worker): the folder, the import and the open texts. */
export type DryRunTarget =
  | {
      ok: true;
      root: string;
      importPath: string;
      importUri: string;
      overlay: [string, string][];
      overrides: WorkspaceOverrides;
    }
  | { ok: false; importUri?: string; problems: Problem[] };

/**
 * The feature modules, pure functions of a ServiceContext (server/src/service/<feature>/index.ts).
 * A module that is absent leaves its capability out of initialize.
 */
export interface FeatureModules {
  completion: {
    doComplete(ctx: ServiceContext, uri: string, position: Position): CompletionList | Promise<CompletionList>;
    doResolve?(ctx: ServiceContext, item: CompletionItem): CompletionItem | Promise<CompletionItem>;
  };
  hover: { doHover(ctx: ServiceContext, uri: string, position: Position): Hover | null | Promise<Hover | null> };
  navigation: {
    findDefinition(ctx: ServiceContext, uri: string, position: Position): Definition | LocationLink[] | null;
    findReferences(
      ctx: ServiceContext,
      uri: string,
      position: Position,
      includeDeclaration: boolean,
    ): Location[] | null;
    prepareRename(
      ctx: ServiceContext,
      uri: string,
      position: Position,
    ): Range | { range: Range; placeholder: string } | null;
    doRename(ctx: ServiceContext, uri: string, position: Position, newName: string): WorkspaceEdit | null;
  };
  symbols: {
    documentSymbols(ctx: ServiceContext, uri: string): DocumentSymbol[];
    foldingRanges(ctx: ServiceContext, uri: string): FoldingRange[];
    selectionRanges(ctx: ServiceContext, uri: string, positions: Position[]): SelectionRange[];
    documentLinks(ctx: ServiceContext, uri: string): DocumentLink[];
    codeLenses(ctx: ServiceContext, uri: string): CodeLens[];
  };
  actions: { codeActions(ctx: ServiceContext, uri: string, range: Range, diagnostics: Diagnostic[]): CodeAction[] };
}

/** The feature modules present in this build; wiring one more is one line here. */
const featureModules: Partial<FeatureModules> = { completion, hover, navigation, symbols, actions };

interface OpenDocument {
  uri: string;
  text: string;
  version: number;
}

const decoder = new TextDecoder('utf-8');

export class LanguageService {
  /** The open documents, by absolute path: the overlay on the file system. */
  private readonly documents = new Map<string, OpenDocument>();
  private readonly models = new Map<string, WorkspaceModel>();
  /** Path overrides by client folder (setOverrides). */
  private readonly overrides = new Map<string, WorkspaceOverrides>();
  private readonly checks = new CheckCache();
  private readonly compiles = new CompileCache();
  /** Paths whose text changed since the last flush (editor or disk). */
  private readonly dirty = new Set<string>();
  /** Roots that need a full load at the next flush. */
  private readonly reloads = new Set<string>();
  /** Roots and standalone paths whose diagnostics are to be published; paths to publish even if unchanged. */
  private readonly toPublish = new Set<string>();
  private readonly touched = new Set<string>();
  /** Last published diagnostics per path (JSON), to publish only what changed and clear what is gone. */
  private readonly published = new Map<string, string>();
  private readonly publishedByRoot = new Map<string, Set<string>>();
  /** Data profiles by import path, per root, with the key they were computed for. */
  private readonly profiles = new Map<string, Map<string, { key: string; profile: DataProfile }>>();
  private profilesVersion = 0;
  private profiling: AbortController | undefined;
  private readonly contexts = new Map<string, { key: string; context: ServiceContext }>();
  private readonly diagnosticsCache = new Map<string, { key: string; byPath: Map<string, Diagnostic[]> }>();
  private folders: string[] = [];
  /** Folders searched upward for a workspace file, with what was found, so an open file asks once. */
  private readonly discovered = new Map<string, string | undefined>();
  private timer: ReturnType<typeof setTimeout> | undefined;
  private flushing: Promise<void> = Promise.resolve();
  private searching: Promise<void> = Promise.resolve();
  private disposed = false;
  private debounceMs: number;
  /** The file system with the open documents laid over it: what loads, profiles and dry runs read. */
  readonly fs: FileSystem;

  constructor(private readonly host: LanguageServiceHost) {
    this.debounceMs = host.debounceMs ?? 50;
    this.fs = createOverlayFileSystem(host.fs, {
      get: (path) => this.documents.get(path)?.text,
      keys: () => this.documents.keys(),
    });
  }

  // ------------------------------------------------------------------------------------------
  // Inputs

  /**
   * The client's workspace folders. A folder with importstudio.yaml is a workspace; one without is
   * searched two levels down for workspaces; files in none are checked on their own.
   */
  async setFolders(folderUris: readonly string[]): Promise<void> {
    this.folders = folderUris.map((u) => normalizePath(uriToPath(u)));
    // Requests wait for the search, so that none answers from an empty service at start.
    this.searching = this.searching.then(async () => {
      const roots = new Set<string>();
      for (const folder of this.folders) for (const root of await this.rootsUnder(folder, 2)) roots.add(root);
      for (const root of [...this.models.keys()]) if (!roots.has(root)) this.dropRoot(root);
      for (const root of roots) this.addRoot(root);
    });
    this.schedule(0);
    await this.flush();
  }

  /**
   * The editor's path settings for the workspaces under a client folder (sftpRoot, sandbox files):
   * they replace importstudio.yaml's on this machine only. Workspaces whose overrides change reload.
   */
  setOverrides(folderUri: string, overrides: WorkspaceOverrides): void {
    const folder = normalizePath(uriToPath(folderUri));
    const clean: WorkspaceOverrides = {};
    for (const key of ['sftpRoot', 'people', 'records'] as const) {
      const value = overrides[key]?.trim();
      if (value) clean[key] = value;
    }
    this.overrides.set(folder, clean);
    for (const [root, model] of this.models) this.applyOverrides(root, model);
    this.schedule(0);
  }

  /** Gives a model its folder's overrides; a model whose overrides changed is reloaded. */
  private applyOverrides(root: string, model: WorkspaceModel): void {
    let best: string | undefined;
    for (const folder of this.overrides.keys()) {
      if (isInside(folder, root) && (best === undefined || folder.length > best.length)) best = folder;
    }
    const next = best === undefined ? {} : (this.overrides.get(best) ?? {});
    if (JSON.stringify(next) === JSON.stringify(model.overrides)) return;
    model.overrides = next;
    this.reloads.add(root);
    this.toPublish.add(root);
  }

  open(uri: string, text: string, version: number): void {
    this.documents.set(uriToPath(uri), { uri, text, version });
    this.edited(uri);
  }

  change(uri: string, text: string, version: number): void {
    const path = uriToPath(uri);
    const doc = this.documents.get(path);
    this.documents.set(path, { uri: doc?.uri ?? uri, text, version });
    this.edited(uri);
  }

  /** The editor closed a document: the file's disk text counts again. */
  close(uri: string): void {
    const path = uriToPath(uri);
    this.documents.delete(path);
    if (this.rootOf(path) === undefined) {
      // A standalone file has diagnostics only while it is open.
      this.forget(path);
      this.host.publishDiagnostics(uri, [], undefined);
      return;
    }
    this.dirty.add(path);
    this.schedule();
  }

  /** Files created, changed or deleted on disk (workspace/didChangeWatchedFiles). */
  filesChanged(changes: readonly { uri: string; type: FileChangeType }[]): void {
    let rediscover = false;
    for (const { uri, type } of changes) {
      const path = uriToPath(uri);
      const kind = detectKind(path);
      if (kind === 'workspace') {
        rediscover = true;
        continue;
      }
      const root = this.rootOf(path);
      if (root === undefined) continue;
      if (kind === undefined) {
        // A data file: the profiles that read it are stale (their keys include the file's size and time).
        this.profiles.get(root)?.clear();
        this.toPublish.add(root);
        continue;
      }
      // The editor's text wins over the disk's while the file is open.
      if (!this.documents.has(path) || type !== 'changed') this.dirty.add(path);
    }
    if (rediscover) {
      this.discovered.clear();
      void this.setFolders(this.folders.map(pathToUri)).catch((e: unknown) => this.log(e));
      for (const root of this.models.keys()) this.reloads.add(root);
    }
    this.schedule();
  }

  dispose(): void {
    this.disposed = true;
    if (this.timer) clearTimeout(this.timer);
    this.profiling?.abort();
  }

  // ------------------------------------------------------------------------------------------
  // Queries

  /** Resolves when every edit received so far is applied to the workspace model. */
  async ready(): Promise<void> {
    await this.flush();
  }

  /** The context the feature modules answer from, for the workspace that holds `uri`. */
  async context(uri: string): Promise<ServiceContext> {
    await this.flush();
    return this.contextNow(uri);
  }

  /** The diagnostics of one document now (pull): what the next publish for it will say. */
  async diagnostics(uri: string): Promise<Diagnostic[]> {
    await this.flush();
    const path = uriToPath(uri);
    const root = this.rootOf(path);
    if (root === undefined) {
      const text = this.documents.get(path)?.text;
      return text === undefined ? [] : standaloneDiagnostics(path, text, this.compiles);
    }
    return this.rootDiagnostics(root)?.get(path) ?? [];
  }

  async listImports(params: ListImportsParams = {}): Promise<ListImportsResponse> {
    await this.flush();
    const only = params.uri === undefined ? undefined : this.rootOf(uriToPath(params.uri));
    const imports: ListedImport[] = [];
    for (const model of this.models.values()) {
      const workspace = model.workspace;
      if (!workspace || (only !== undefined && model.root !== only)) continue;
      for (const doc of workspace.imports) {
        const config = doc.value;
        if (!config) continue;
        const mappings = workspace.mappings.filter((m) => m.value?.import === config.alias);
        const formIds = new Set(mappings.map((m) => m.value!.form));
        const transformation = transformationPath(doc);
        imports.push({
          alias: config.alias,
          name: config.name,
          uri: this.uriOf(doc.path),
          workspace: pathToUri(workspace.root),
          format: config.source.format,
          sourceFile: config.source.file,
          sourceUri: pathToUri(joinPath(workspace.sftpRoot, config.source.file)),
          ...(transformation === undefined ? {} : { transformationUri: this.uriOf(transformation) }),
          ...(config.automation?.nightly ? { automation: true } : {}),
          mappings: mappings.map((m) => ({ uri: this.uriOf(m.path), form: m.value!.form })),
          forms: workspace.forms.flatMap((f) =>
            f.value && formIds.has(f.value.id)
              ? [{ uri: this.uriOf(f.path), id: f.value.id, title: f.value.title }]
              : [],
          ),
        });
      }
    }
    imports.sort((a, b) => (a.uri < b.uri ? -1 : a.uri > b.uri ? 1 : 0));
    return { imports };
  }

  /** The workspace holding `uri` (a file or the folder itself), with its open texts, for a load elsewhere. */
  async workspaceTarget(
    uri: string,
  ): Promise<{ root: string; overlay: [string, string][]; overrides: WorkspaceOverrides } | undefined> {
    await this.flush();
    const root = this.rootOf(uriToPath(uri));
    const model = root === undefined ? undefined : this.models.get(root);
    if (!model) return undefined;
    const overlay: [string, string][] = [];
    for (const [open, { text }] of this.documents) if (isInside(model.root, open)) overlay.push([open, text]);
    return { root: model.root, overlay, overrides: model.overrides };
  }

  /** Which import a dry run of `uri` runs (a mapping runs its import), with what a worker needs to load it. */
  async dryRunTarget(uri: string): Promise<DryRunTarget> {
    await this.flush();
    const path = uriToPath(uri);
    const root = this.rootOf(path);
    const model = root === undefined ? undefined : this.models.get(root);
    const context = this.contextNow(uri);
    const doc = context.document(uri);
    if (!model || !doc) {
      return {
        ok: false,
        problems: [
          problem('E0001', `'${path}' is not a file of an Import Studio workspace (no importstudio.yaml above it).`, [
            { file: path },
          ]),
        ],
      };
    }
    const importDoc = context.importFor(doc);
    if (!importDoc) {
      const alias = (doc.value as { import?: unknown } | undefined)?.import;
      const why =
        doc.kind === 'mapping' && typeof alias === 'string'
          ? problem('E0023', `Unknown import alias '${alias}': the mapping reads no import of the workspace.`, [
              { file: doc.relativePath, pointer: '/import' },
            ])
          : problem('E0033', `'${doc.relativePath}' is neither an import configuration nor a mapping that reads one.`, [
              { file: doc.relativePath },
            ]);
      return { ok: false, problems: [why] };
    }
    const overlay: [string, string][] = [];
    for (const [open, { text }] of this.documents) if (isInside(model.root, open)) overlay.push([open, text]);
    return {
      ok: true,
      root: model.root,
      importPath: importDoc.path,
      importUri: this.uriOf(importDoc.path),
      overlay,
      overrides: model.overrides,
    };
  }

  // ------------------------------------------------------------------------------------------
  // Language features: each waits for the latest edits, then asks its module. A module that throws
  // answers empty (a bad keystroke must not break the editor) and the failure is logged.

  /** Which feature modules exist, for the capabilities the connection declares. */
  get features(): Readonly<Partial<FeatureModules>> {
    return featureModules;
  }

  complete(uri: string, position: Position): Promise<CompletionList | null> {
    return this.feature('completion', uri, null, (m, ctx) => m.doComplete(ctx, uri, position));
  }

  async resolveCompletion(item: CompletionItem): Promise<CompletionItem> {
    const resolve = featureModules.completion?.doResolve;
    const uri = (item.data as { uri?: unknown } | undefined)?.uri;
    if (!resolve) return item;
    return this.feature('completion', typeof uri === 'string' ? uri : '', item, (m, ctx) => resolve.call(m, ctx, item));
  }

  hover(uri: string, position: Position): Promise<Hover | null> {
    return this.feature('hover', uri, null, (m, ctx) => m.doHover(ctx, uri, position));
  }

  definition(uri: string, position: Position): Promise<Definition | LocationLink[] | null> {
    return this.feature('navigation', uri, null, (m, ctx) => m.findDefinition(ctx, uri, position));
  }

  references(uri: string, position: Position, includeDeclaration: boolean): Promise<Location[] | null> {
    return this.feature('navigation', uri, null, (m, ctx) => m.findReferences(ctx, uri, position, includeDeclaration));
  }

  prepareRename(uri: string, position: Position): Promise<Range | { range: Range; placeholder: string } | null> {
    return this.feature('navigation', uri, null, (m, ctx) => m.prepareRename(ctx, uri, position));
  }

  rename(uri: string, position: Position, newName: string): Promise<WorkspaceEdit | null> {
    return this.feature('navigation', uri, null, (m, ctx) => m.doRename(ctx, uri, position, newName));
  }

  documentSymbols(uri: string): Promise<DocumentSymbol[]> {
    return this.feature('symbols', uri, [], (m, ctx) => m.documentSymbols(ctx, uri));
  }

  foldingRanges(uri: string): Promise<FoldingRange[]> {
    return this.feature('symbols', uri, [], (m, ctx) => m.foldingRanges(ctx, uri));
  }

  selectionRanges(uri: string, positions: Position[]): Promise<SelectionRange[]> {
    return this.feature('symbols', uri, [], (m, ctx) => m.selectionRanges(ctx, uri, positions));
  }

  documentLinks(uri: string): Promise<DocumentLink[]> {
    return this.feature('symbols', uri, [], (m, ctx) => m.documentLinks(ctx, uri));
  }

  codeLenses(uri: string): Promise<CodeLens[]> {
    return this.feature('symbols', uri, [], (m, ctx) => m.codeLenses(ctx, uri));
  }

  codeActions(uri: string, range: Range, diagnostics: Diagnostic[]): Promise<CodeAction[]> {
    return this.feature('actions', uri, [], (m, ctx) => m.codeActions(ctx, uri, range, diagnostics));
  }

  private async feature<K extends keyof FeatureModules, R>(
    name: K,
    uri: string,
    empty: R,
    call: (module: FeatureModules[K], ctx: ServiceContext) => R | Promise<R>,
  ): Promise<R> {
    const module = featureModules[name];
    if (!module) return empty;
    const ctx = await this.context(uri);
    try {
      return await call(module as FeatureModules[K], ctx);
    } catch (error) {
      this.host.log?.(
        `Feature '${name}' failed on ${uri}: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
      );
      return empty;
    }
  }

  // ------------------------------------------------------------------------------------------
  // Refreshing

  private edited(uri: string): void {
    const path = uriToPath(uri);
    this.dirty.add(path);
    this.touched.add(path);
    this.schedule();
  }

  /** Changes the debounce of edits (initializationOptions.diagnosticsDelay; a benchmark sets 0). */
  setDebounce(ms: number): void {
    this.debounceMs = Math.max(0, ms);
  }

  private schedule(delay = this.debounceMs): void {
    if (this.disposed) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.flush().then(() => this.publish());
    }, delay);
  }

  /** Applies pending edits and loads; serialised, so two flushes never interleave. */
  private flush(): Promise<void> {
    const next = this.flushing
      .then(() => this.searching)
      .then(() => this.applyPending())
      .catch((e: unknown) => this.log(e));
    this.flushing = next;
    return next;
  }

  private async applyPending(): Promise<void> {
    const paths = [...this.dirty];
    this.dirty.clear();
    for (const path of paths) {
      let root = this.rootOf(path);
      if (root === undefined && detectKind(path) !== undefined && this.documents.has(path)) {
        root = await this.discover(path);
      }
      if (root === undefined) {
        if (this.documents.has(path)) this.toPublish.add(path);
        continue;
      }
      this.toPublish.add(root);
      const model = this.models.get(root)!;
      if (this.reloads.has(root) || !model.workspace) {
        this.reloads.add(root);
        continue;
      }
      const text = this.documents.get(path)?.text ?? (await this.readDisk(path));
      try {
        const applied = model.has(path)
          ? text === undefined
            ? model.remove(path)
            : model.update(path, text)
          : text === undefined || detectKind(path) === undefined || model.add(path, text);
        if (!applied) this.reloads.add(root);
      } catch (error) {
        // An engine check that throws leaves the previous snapshot in place; the next edit retries.
        this.log(error);
      }
    }
    for (const root of [...this.reloads]) {
      this.reloads.delete(root);
      const model = this.models.get(root);
      if (!model) continue;
      try {
        await model.reload();
      } catch (error) {
        this.log(error);
      }
      this.toPublish.add(root);
      // Edits that arrived while loading are in the overlay already; nothing more to apply.
    }
  }

  private publish(): void {
    if (this.disposed) return;
    const targets = [...this.toPublish];
    this.toPublish.clear();
    for (const target of targets) {
      const model = this.models.get(target);
      if (model) {
        this.publishRoot(model);
        this.scheduleProfiles(model);
      } else if (this.documents.has(target)) {
        const doc = this.documents.get(target)!;
        this.send(target, standaloneDiagnostics(target, doc.text, this.compiles));
      }
    }
    this.touched.clear();
  }

  private publishRoot(model: WorkspaceModel): void {
    const byPath = this.rootDiagnostics(model.root);
    if (!byPath) return;
    const before = this.publishedByRoot.get(model.root) ?? new Set<string>();
    for (const [path, diagnostics] of byPath) this.send(path, diagnostics);
    for (const path of before) if (!byPath.has(path)) this.send(path, []);
    this.publishedByRoot.set(model.root, new Set(byPath.keys()));
  }

  private send(path: string, diagnostics: Diagnostic[]): void {
    const json = JSON.stringify(diagnostics);
    const force = this.touched.has(path);
    if (!force && (this.published.get(path) ?? '[]') === json) return;
    this.published.set(path, json);
    const doc = this.documents.get(path);
    this.host.publishDiagnostics(doc?.uri ?? pathToUri(path), diagnostics, doc?.version);
  }

  private rootDiagnostics(root: string): Map<string, Diagnostic[]> | undefined {
    const model = this.models.get(root);
    const workspace = model?.workspace;
    if (!model || !workspace) return undefined;
    const key = `${model.version}:${this.profilesVersion}`;
    const cached = this.diagnosticsCache.get(root);
    if (cached?.key === key) return cached.byPath;
    const problems = [
      ...workspace.problems,
      ...transformationProblems(workspace, this.compiles),
      ...dataProblems(workspace, this.profileMap(root), (m) => this.log(m)),
    ];
    const byPath = workspaceDiagnostics(workspace, problems);
    this.diagnosticsCache.set(root, { key, byPath });
    return byPath;
  }

  // ------------------------------------------------------------------------------------------
  // Data profiles: computed one import at a time, after diagnostics, and never on the typing path.

  private scheduleProfiles(model: WorkspaceModel): void {
    const aware = dataAware;
    const workspace = model.workspace;
    if (!aware || !workspace) return;
    const known = this.profiles.get(model.root) ?? new Map<string, { key: string; profile: DataProfile }>();
    this.profiles.set(model.root, known);
    const stale = workspace.imports.filter(
      (doc) => doc.value && known.get(doc.path)?.key !== profileKey(workspace, doc),
    );
    if (stale.length === 0) return;
    this.profiling?.abort();
    const controller = new AbortController();
    this.profiling = controller;
    void (async () => {
      for (const doc of stale) {
        if (controller.signal.aborted) return;
        try {
          const profile = await aware.profile(this.fs, workspace, doc, controller.signal);
          if (controller.signal.aborted) return;
          known.set(doc.path, { key: profileKey(workspace, doc), profile });
          this.profilesVersion++;
          this.toPublish.add(model.root);
        } catch (error) {
          if (!controller.signal.aborted) this.log(error);
        }
      }
      if (!controller.signal.aborted) this.publish();
    })();
  }

  private profileMap(root: string): Map<string, DataProfile> {
    const out = new Map<string, DataProfile>();
    for (const [path, { profile }] of this.profiles.get(root) ?? []) out.set(path, profile);
    return out;
  }

  // ------------------------------------------------------------------------------------------
  // Roots

  private contextNow(uri: string): ServiceContext {
    const path = uriToPath(uri);
    const root = this.rootOf(path);
    const model = root === undefined ? undefined : this.models.get(root);
    if (!model || root === undefined) {
      const text = this.documents.get(path)?.text;
      return snapshotContext(text === undefined ? undefined : standaloneWorkspace(path, text));
    }
    const key = `${model.version}:${this.profilesVersion}`;
    const cached = this.contexts.get(root);
    if (cached?.key === key) return cached.context;
    const context = snapshotContext(model.workspace, this.profileMap(root));
    this.contexts.set(root, { key, context });
    return context;
  }

  /** The innermost known workspace folder holding `path` (a nested workspace is its own). */
  private rootOf(path: string): string | undefined {
    let best: string | undefined;
    for (const root of this.models.keys()) {
      if (isInside(root, path) && (best === undefined || root.length > best.length)) best = root;
    }
    return best;
  }

  private addRoot(root: string): void {
    if (this.models.has(root)) return;
    const model = new WorkspaceModel(root, this.fs, this.checks);
    this.models.set(root, model);
    this.applyOverrides(root, model);
    this.reloads.add(root);
    this.toPublish.add(root);
  }

  private dropRoot(root: string): void {
    this.models.delete(root);
    for (const path of this.publishedByRoot.get(root) ?? []) this.send(path, []);
    this.publishedByRoot.delete(root);
    this.profiles.delete(root);
  }

  /** An open file outside the known workspaces: the nearest workspace above it, if any, becomes known. */
  private async discover(path: string): Promise<string | undefined> {
    const dir = dirname(path);
    if (!this.discovered.has(dir)) this.discovered.set(dir, await findWorkspaceRoot(this.fs, dir));
    const root = this.discovered.get(dir);
    if (root !== undefined) this.addRoot(root);
    return root;
  }

  /** Workspace folders at `folder` and up to `depth` levels below it (a nested workspace is a root of its own). */
  private async rootsUnder(folder: string, depth: number): Promise<string[]> {
    const found: string[] = [];
    for (const name of workspaceFileNames) {
      if ((await this.fs.stat(joinPath(folder, name)))?.isFile) {
        found.push(folder);
        break;
      }
    }
    if (depth === 0) return found;
    let entries: { name: string; isDirectory: boolean }[];
    try {
      entries = await this.fs.readDirectory(folder);
    } catch {
      return found;
    }
    for (const entry of entries) {
      if (!entry.isDirectory || entry.name.startsWith('.') || entry.name === 'node_modules') continue;
      found.push(...(await this.rootsUnder(joinPath(folder, entry.name), depth - 1)));
    }
    return found;
  }

  private async readDisk(path: string): Promise<string | undefined> {
    try {
      return decoder.decode(await this.fs.readFile(path));
    } catch {
      return undefined;
    }
  }

  private forget(path: string): void {
    this.published.delete(path);
    this.checks.forget(path);
  }

  private uriOf(path: string): string {
    return this.documents.get(path)?.uri ?? pathToUri(path);
  }

  private log(error: unknown): void {
    const message = error instanceof Error ? (error.stack ?? error.message) : String(error);
    this.host.log?.(message);
  }
}

/** What a profile depends on besides the data file: the configuration and the transformation text. */
function profileKey(workspace: Workspace, doc: LoadedDocument<ImportConfig>): string {
  return `${doc.text}\u0000${transformationSource(workspace, doc)?.text ?? ''}`;
}

/** A one-file workspace for a file outside any workspace, so features still see its document. */
function standaloneWorkspace(path: string, text: string): Workspace {
  const name = path.slice(path.lastIndexOf('/') + 1);
  const checked = checkDocument(text, name);
  const root = dirname(path);
  const workspace = emptyWorkspace(root);
  if (!checked) return workspace;
  const doc: LoadedDocument<unknown> = {
    path,
    relativePath: name,
    kind: checked.kind,
    text,
    value: checked.usable ? checked.parsed.value : undefined,
    parsed: checked.parsed,
  };
  if (doc.kind === 'import') workspace.imports.push(doc as Workspace['imports'][number]);
  else if (doc.kind === 'form') workspace.forms.push(doc as Workspace['forms'][number]);
  else if (doc.kind === 'mapping') workspace.mappings.push(doc as Workspace['mappings'][number]);
  else if (doc.kind === 'jsonata') workspace.jsonata.push(doc as Workspace['jsonata'][number]);
  else if (doc.kind === 'workspace') workspace.workspaceFile = doc as Workspace['workspaceFile'];
  else workspace.sandboxFiles.push(doc as Workspace['sandboxFiles'][number]);
  return workspace;
}

export function createLanguageService(host: LanguageServiceHost): LanguageService {
  return new LanguageService(host);
}
