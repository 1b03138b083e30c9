/**
 * Completion and hover tests run on a copy of the real sample workspace in a temporary folder: a
 * test writes one edited file with a cursor marker (‸), and gets the service context (with the
 * real data profile of the document's import) and the cursor's position.
 */
import { cp, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { CompletionItem, Position } from 'vscode-languageserver-types';
import { nodeFileSystem } from '../../engine/src/io/nodeFileSystem';
import { profileImport } from '../../engine/src/profile';
import type { DataProfile } from '../../engine/src/profile/types';
import { loadWorkspace } from '../../engine/src/workspace';
import type { ServiceContext } from '../../server/src/service/context';
import { snapshotContext } from '../../server/src/service/snapshotContext';
import { pathToUri } from '../../server/src/service/uri';

export const CURSOR = '‸';
const samples = join(import.meta.dirname, '..', '..', 'samples');
const roots: string[] = [];

export interface Opened {
  ctx: ServiceContext;
  uri: string;
  position: Position;
}

/** Text without the marker, and the marker's position. */
export function cursorIn(marked: string): { text: string; position: Position } {
  const at = marked.indexOf(CURSOR);
  if (at < 0) throw new Error(`no ${CURSOR} in the text`);
  const lines = marked.slice(0, at).split('\n');
  return {
    text: marked.slice(0, at) + marked.slice(at + CURSOR.length),
    position: { line: lines.length - 1, character: (lines[lines.length - 1] ?? '').length },
  };
}

/**
 * A fresh copy of samples/ (without broken/) with `files` written over it, one of them holding the
 * cursor; loaded, and profiled for the import the cursor's document belongs to.
 */
export async function openAt(path: string, marked: string, files: Record<string, string> = {}): Promise<Opened> {
  const root = await mkdtemp(join(tmpdir(), 'import-studio-features-'));
  roots.push(root);
  await cp(samples, root, { recursive: true, filter: (src) => !/[\\/](broken|\.tools)$/.test(src) });
  const { text, position } = cursorIn(marked);
  for (const [rel, content] of Object.entries({ ...files, [path]: text })) {
    await mkdir(dirname(join(root, rel)), { recursive: true });
    await writeFile(join(root, rel), content);
  }
  const workspace = await loadWorkspace(nodeFileSystem, root);
  const uri = pathToUri(`${workspace.root}/${path}`);
  // The profile of the import the document belongs to: itself, or the import its `import:` names
  // (followed as written, since a mapping being typed is rarely valid).
  const profiles = new Map<string, DataProfile>();
  const doc = snapshotContext(workspace).document(uri);
  const alias = doc?.kind === 'mapping' ? (doc.parsed.value as { import?: unknown } | undefined)?.import : undefined;
  const importDoc =
    doc?.kind === 'import'
      ? workspace.imports.find((d) => d.path === doc.path)
      : workspace.imports.find((d) => d.value?.alias === alias);
  if (importDoc?.value) profiles.set(importDoc.path, await profileImport(nodeFileSystem, workspace, importDoc));
  return { ctx: snapshotContext(workspace, profiles), uri, position };
}

export async function removeWorkspaces(): Promise<void> {
  await Promise.all(roots.splice(0).map((r) => rm(r, { recursive: true, force: true })));
}

export function labels(items: readonly CompletionItem[]): string[] {
  return [...items].sort((a, b) => (a.sortText ?? a.label).localeCompare(b.sortText ?? b.label)).map((i) => i.label);
}

export function item(items: readonly CompletionItem[], label: string, description?: string): CompletionItem {
  const found = items.find(
    (i) => i.label === label && (description === undefined || i.labelDetails?.description === description),
  );
  if (!found) throw new Error(`no completion '${label}' among ${items.map((i) => i.label).join(', ')}`);
  return found;
}

export function newText(i: CompletionItem): string | undefined {
  return i.textEdit && 'range' in i.textEdit ? i.textEdit.newText : undefined;
}

export function docOf(i: { documentation?: CompletionItem['documentation'] }): string {
  const d = i.documentation;
  return typeof d === 'string' ? d : (d?.value ?? '');
}
