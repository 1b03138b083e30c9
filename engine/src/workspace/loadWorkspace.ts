/**
 * Loads a workspace folder through the engine's FileSystem: finds importstudio.yaml, walks the
 * folder for the files of known kinds, parses and validates each, resolves the SFTP root and the
 * sandbox, and runs the cross-file checks.
 */
import { problem } from '../errors/catalog';
import type { Location, Problem } from '../errors/problem';
import { dirname, type FileSystem, isInside, joinPath, normalizePath, relativePath } from '../io/fileSystem';
import type {
  DocumentKind,
  FormDefinition,
  ImportConfig,
  MappingFile,
  SandboxPeopleFile,
  SandboxPerson,
  SandboxRecord,
  SandboxRecordsFile,
  WorkspaceFile,
} from '../model/workspace';
import { checkDocument } from './checkDocument';
import { crossFileChecks } from './crossFileChecks';
import { detectKind } from './detectKind';
import { expressionChecks } from './expressionChecks';
import { locationAt } from './locations';
import { parseText } from './parseDocument';
import { peopleFromCsv, recordsFromCsv } from './sandbox';
import type { LoadedDocument, Workspace } from './types';

export interface LoadOptions {
  /** Files larger than this are refused (E0042) rather than parsed. Default 5 MB. */
  maxFileSize?: number;
  /**
   * The same bound for sandbox people and records files, which hold a district's whole roll (100k
   * people make a 7 MB CSV). Default 256 MB.
   */
  maxSandboxSize?: number;
  /** Directory entries visited at most; a bigger tree is cut short with a warning. Default 20,000. */
  maxEntries?: number;
  /** This machine's stand-ins for importstudio.yaml's paths (an editor's settings, CLI flags). */
  overrides?: WorkspaceOverrides;
}

/**
 * Paths that replace importstudio.yaml's sftpRoot and sandbox files on one machine, e.g. an SFTP
 * mirror mounted elsewhere. Relative paths are resolved against the workspace folder; unlike the
 * workspace file (which is shared, so portable), an override may be absolute. Empty means unset.
 */
export interface WorkspaceOverrides {
  sftpRoot?: string;
  people?: string;
  records?: string;
}

/** Where an override path points: absolute paths stay, relative ones are under the workspace folder. */
function overridePath(base: string, path: string): string {
  return path.startsWith('/') ? normalizePath(path) : joinPath(base, path);
}

/** A workspace with nothing loaded yet: the start of a load, or a lone file's stand-in. */
export function emptyWorkspace(root: string, problems: Problem[] = []): Workspace {
  return {
    root,
    sftpRoot: root,
    workspaceFile: undefined,
    imports: [],
    forms: [],
    mappings: [],
    jsonata: [],
    sandboxFiles: [],
    people: [],
    records: [],
    problems,
  };
}

export const workspaceFileNames = ['importstudio.yaml', 'importstudio.yml', 'importstudio.json'] as const;

const decoder = new TextDecoder('utf-8');

export async function loadWorkspace(fs: FileSystem, root: string, options: LoadOptions = {}): Promise<Workspace> {
  const base = normalizePath(root);
  const maxFileSize = options.maxFileSize ?? 5 * 1024 * 1024;
  const maxSandboxSize = options.maxSandboxSize ?? 256 * 1024 * 1024;
  const problems: Problem[] = [];
  const workspace = emptyWorkspace(base, problems);

  /** Reads a file as text, or records why not. */
  const readText = async (path: string, refusedAt: Location, limit = maxFileSize): Promise<string | undefined> => {
    const stat = await fs.stat(path);
    if (!stat?.isFile) {
      problems.push(
        problem('E0001', `Cannot read file '${relativePath(base, path)}': there is no such file.`, [refusedAt]),
      );
      return undefined;
    }
    if (stat.size > limit) {
      problems.push(
        problem(
          'E0042',
          `The file '${relativePath(base, path)}' has ${stat.size} bytes; ${limit === maxFileSize ? 'workspace' : 'sandbox'} files are read up to ${limit} bytes.`,
          [refusedAt],
        ),
      );
      return undefined;
    }
    try {
      return decoder.decode(await fs.readFile(path));
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      problems.push(problem('E0001', `Cannot read file '${relativePath(base, path)}': ${reason}`, [refusedAt]));
      return undefined;
    }
  };

  const load = async <T>(
    path: string,
    kind: DocumentKind,
    limit = maxFileSize,
  ): Promise<LoadedDocument<T> | undefined> => {
    const rel = relativePath(base, path);
    const text = await readText(path, { file: rel }, limit);
    if (text === undefined) return undefined;
    const checked = checkDocument(text, rel, kind);
    if (!checked) return undefined;
    problems.push(...checked.problems);
    return {
      path,
      relativePath: rel,
      kind,
      text,
      value: checked.usable ? (checked.parsed.value as T) : undefined,
      parsed: checked.parsed,
    };
  };

  // 1. The workspace file.
  let workspacePath: string | undefined;
  for (const name of workspaceFileNames) {
    const candidate = joinPath(base, name);
    if ((await fs.stat(candidate))?.isFile) {
      workspacePath = candidate;
      break;
    }
  }
  if (!workspacePath) {
    problems.push(
      problem(
        'E0001',
        `No importstudio.yaml in '${base}': a workspace folder starts with an importstudio.yaml (or .yml, .json) holding at least 'version: 1'.`,
        [{ file: 'importstudio.yaml' }],
        { fix: 'Create importstudio.yaml at the root of the workspace folder with `version: 1`.' },
      ),
    );
    return workspace;
  }
  const workspaceFile = await load<WorkspaceFile>(workspacePath, 'workspace');
  workspace.workspaceFile = workspaceFile;
  const settings = workspaceFile?.value;
  const overrides = options.overrides ?? {};
  workspace.sftpRoot = overrides.sftpRoot
    ? overridePath(base, overrides.sftpRoot)
    : joinPath(base, settings?.sftpRoot ?? '.');

  // 2. Every file of a known kind under the root.
  const files = await walk(fs, base, workspace.sftpRoot, options.maxEntries ?? 20_000, problems);
  const byPath = new Map<string, LoadedDocument<unknown>>();
  for (const { path, kind } of files) {
    const sandbox = kind === 'people' || kind === 'records';
    const doc = await load<unknown>(path, kind, sandbox ? maxSandboxSize : maxFileSize);
    if (!doc) continue;
    byPath.set(path, doc);
    if (kind === 'import') workspace.imports.push(doc as LoadedDocument<ImportConfig>);
    else if (kind === 'form') workspace.forms.push(doc as LoadedDocument<FormDefinition>);
    else if (kind === 'mapping') workspace.mappings.push(doc as LoadedDocument<MappingFile>);
    else if (kind === 'jsonata') workspace.jsonata.push(doc as LoadedDocument<string>);
    else if (kind === 'people' || kind === 'records') {
      workspace.sandboxFiles.push(doc as LoadedDocument<SandboxPeopleFile | SandboxRecordsFile>);
    }
  }

  // 3. The sandbox named by importstudio.yaml.
  const peopleFile = overrides.people ? overridePath(base, overrides.people) : settings?.sandbox?.people;
  if (workspaceFile && peopleFile) {
    const people = await loadSandbox(peopleFile, 'people', '/sandbox/people');
    if (people) workspace.people = people as SandboxPerson[];
  }
  const recordsFile = overrides.records ? overridePath(base, overrides.records) : settings?.sandbox?.records;
  if (workspaceFile && recordsFile) {
    const records = await loadSandbox(recordsFile, 'records', '/sandbox/records');
    if (records) workspace.records = records as SandboxRecord[];
  }

  async function loadSandbox(
    file: string,
    kind: 'people' | 'records',
    pointer: string,
  ): Promise<SandboxPerson[] | SandboxRecord[] | undefined> {
    if (!workspaceFile) return undefined;
    const path = overridePath(base, file);
    const at = locationAt(workspaceFile, pointer);
    if (!(await fs.stat(path))?.isFile) {
      const overridden = kind === 'people' ? overrides.people : overrides.records;
      const origin = overridden ? ' (this machine overrides the path in importstudio.yaml)' : '';
      problems.push(
        problem('E0001', `Cannot read the sandbox ${kind} file '${file}'${origin}: there is no such file.`, [at]),
      );
      return undefined;
    }
    if (file.toLowerCase().endsWith('.csv')) {
      const text = await readText(path, at, maxSandboxSize);
      if (text === undefined) return undefined;
      const rel = relativePath(base, path);
      const result = kind === 'people' ? peopleFromCsv(text, rel) : recordsFromCsv(text, rel);
      problems.push(...result.problems);
      const rows = 'people' in result ? result.people : result.records;
      workspace.sandboxFiles.push({
        path,
        relativePath: rel,
        kind,
        text,
        value: (kind === 'people' ? { people: rows } : { records: rows }) as SandboxPeopleFile | SandboxRecordsFile,
        parsed: parseText(text, rel),
      });
      return rows;
    }
    let doc = byPath.get(path);
    if (!doc) {
      doc = await load<unknown>(path, kind, maxSandboxSize);
      if (!doc) return undefined;
      workspace.sandboxFiles.push(doc as LoadedDocument<SandboxPeopleFile | SandboxRecordsFile>);
    } else if (doc.kind !== kind) {
      problems.push(problem('E0033', `sandbox.${kind}: '${file}' is a ${doc.kind} file, not a ${kind} file.`, [at]));
      return undefined;
    }
    const value = doc.value;
    if (kind === 'people') return (value as SandboxPeopleFile | undefined)?.people;
    return (value as SandboxRecordsFile | undefined)?.records;
  }

  // 4. Transformation files the imports name.
  for (const doc of workspace.imports) {
    const path = transformationPath(doc);
    if (path === undefined) continue;
    if (!(await fs.stat(path))?.isFile) {
      problems.push(
        problem(
          'E0001',
          `Cannot read the transformation file '${relativePath(base, path)}' (transformation.file is relative to the import file's folder): there is no such file.`,
          [locationAt(doc, '/transformation/file')],
        ),
      );
    }
  }

  // 5. Names across files.
  problems.push(...crossFileChecks(workspace), ...expressionChecks(workspace.mappings));
  return workspace;
}

/**
 * The absolute path of an import's transformation file: `transformation.file` is relative to the
 * folder of the import file (like a relative link), so an import and its .jsonata travel together.
 */
export function transformationPath(doc: LoadedDocument<ImportConfig>): string | undefined {
  const transformation = doc.value?.transformation;
  if (!transformation || !('file' in transformation)) return undefined;
  return joinPath(dirname(doc.path), transformation.file);
}

/** The text of an import's transformation: the inline expression, or the loaded .jsonata file. */
export function transformationSource(
  workspace: Workspace,
  doc: LoadedDocument<ImportConfig>,
): { text: string; document: LoadedDocument<unknown>; pointer: string } | undefined {
  const transformation = doc.value?.transformation;
  if (!transformation) return undefined;
  if ('expression' in transformation) {
    return { text: transformation.expression, document: doc, pointer: '/transformation/expression' };
  }
  const path = transformationPath(doc);
  const file = workspace.jsonata.find((j) => j.path === path);
  return file?.value === undefined ? undefined : { text: file.value, document: file, pointer: '' };
}

/** The files of known kinds under `root`, sorted; skips dot-folders, node_modules, the SFTP root and nested workspaces. */
async function walk(
  fs: FileSystem,
  root: string,
  sftpRoot: string,
  maxEntries: number,
  problems: Problem[],
): Promise<{ path: string; kind: DocumentKind }[]> {
  const found: { path: string; kind: DocumentKind }[] = [];
  // The SFTP root holds data files, possibly many; none of them is a workspace file.
  const skipSftp = sftpRoot !== root && isInside(root, sftpRoot);
  let visited = 0;
  const visit = async (dir: string): Promise<void> => {
    let entries: { name: string; isDirectory: boolean }[];
    try {
      entries = await fs.readDirectory(dir);
    } catch {
      return;
    }
    if (dir !== root && entries.some((e) => !e.isDirectory && detectKind(e.name) === 'workspace')) return;
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const entry of entries) {
      if (++visited > maxEntries) return;
      if (entry.name.startsWith('.')) continue;
      const path = joinPath(dir, entry.name);
      if (entry.isDirectory) {
        if (entry.name === 'node_modules' || (skipSftp && path === sftpRoot)) continue;
        await visit(path);
        continue;
      }
      const kind = detectKind(entry.name);
      if (kind && kind !== 'workspace') found.push({ path, kind });
    }
  };
  await visit(root);
  if (visited > maxEntries) {
    problems.push(
      problem(
        'E0042',
        `The workspace folder has more than ${maxEntries} entries; only the first ${maxEntries} were searched for workspace files.`,
        [{ file: '.' }],
        { severity: 'warning' },
      ),
    );
  }
  return found;
}
