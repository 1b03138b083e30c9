/**
 * Files from the person's disk into the playground's workspace: from the file picker (several
 * files, or a folder with webkitdirectory) or dropped on the page (files and folders, walked through
 * the File and Directory Entries API). Read in the page, sent to the worker: nothing leaves the browser.
 */
import type { WorkspaceFile } from '../../server/src/browser/protocol';

interface PickedFile {
  /** Relative, forward slashes; a picked folder's own name first (webkitRelativePath). */
  path: string;
  file: File;
}

/** Files a workspace never needs, that a picked folder often holds. */
const skipped = /(^|\/)(\.git|node_modules|\.DS_Store|\.tools)(\/|$)/;

function base64Of(bytes: Uint8Array): string {
  let text = '';
  // In slices: spreading a whole file into String.fromCharCode overflows the stack.
  for (let at = 0; at < bytes.length; at += 0x8000) text += String.fromCharCode(...bytes.subarray(at, at + 0x8000));
  return btoa(text);
}

/** A picked or dropped folder arrives as `folder/...` for every file: the workspace is its inside. */
function withoutCommonFolder(files: PickedFile[]): PickedFile[] {
  const first = files[0]?.path.split('/')[0];
  const shared = first !== undefined && files.every((f) => f.path.startsWith(`${first}/`));
  return shared ? files.map((f) => ({ ...f, path: f.path.slice(first.length + 1) })) : files;
}

async function toWorkspace(files: PickedFile[]): Promise<WorkspaceFile[]> {
  const kept = withoutCommonFolder(files.filter((f) => !skipped.test(f.path)));
  return Promise.all(
    kept.map(async ({ path, file }) => ({ path, base64: base64Of(new Uint8Array(await file.arrayBuffer())) })),
  );
}

/** The picker's files: a folder's keep their relative paths, loose files their names. */
export function filesOfInput(list: FileList): Promise<WorkspaceFile[]> {
  return toWorkspace([...list].map((file) => ({ path: file.webkitRelativePath || file.name, file })));
}

function readEntries(reader: FileSystemDirectoryReader): Promise<FileSystemEntry[]> {
  return new Promise((resolve, reject) => reader.readEntries(resolve, reject));
}

async function walk(entry: FileSystemEntry, prefix: string, out: PickedFile[]): Promise<void> {
  const path = prefix ? `${prefix}/${entry.name}` : entry.name;
  if (entry.isFile) {
    const file = await new Promise<File>((resolve, reject) => (entry as FileSystemFileEntry).file(resolve, reject));
    out.push({ path, file });
  } else if (entry.isDirectory) {
    const reader = (entry as FileSystemDirectoryEntry).createReader();
    // readEntries answers in batches (100 in Chromium) until an empty one.
    for (let batch = await readEntries(reader); batch.length > 0; batch = await readEntries(reader)) {
      for (const child of batch) await walk(child, path, out);
    }
  }
}

/** What was dropped: folders are walked; plain files (no entries API) are taken by name. */
export async function filesOfDrop(transfer: DataTransfer): Promise<WorkspaceFile[]> {
  const entries = [...transfer.items].map((item) => item.webkitGetAsEntry()).filter((e) => e !== null);
  if (entries.length === 0) return filesOfInput(transfer.files);
  const picked: PickedFile[] = [];
  for (const entry of entries) await walk(entry, '', picked);
  return toWorkspace(picked);
}
