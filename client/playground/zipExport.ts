/**
 * "Export zip": the workspace as it stands in the page (the editor's texts over the files it was
 * opened with) zipped in the browser (fflate) and downloaded from a blob: URL. Nothing is uploaded.
 */
import { zipSync } from 'fflate';
import type { WorkspaceFile } from '../../server/src/browser/protocol';

function bytesOf(base64: string): Uint8Array {
  const raw = atob(base64);
  const bytes = new Uint8Array(raw.length);
  for (let i = 0; i < raw.length; i++) bytes[i] = raw.charCodeAt(i);
  return bytes;
}

/** The zip's bytes; `edited` holds the current text of the files opened in the editor, by path. */
export function zipWorkspace(files: readonly WorkspaceFile[], edited: ReadonlyMap<string, string>): Uint8Array {
  const encoder = new TextEncoder();
  const entries: Record<string, Uint8Array> = {};
  for (const file of files) {
    const text = edited.get(file.path);
    entries[file.path] = text === undefined ? bytesOf(file.base64) : encoder.encode(text);
  }
  return zipSync(entries, { level: 6 });
}

export function download(bytes: Uint8Array, name: string): void {
  const url = URL.createObjectURL(new Blob([new Uint8Array(bytes)], { type: 'application/zip' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  link.click();
  // After the click has started the download; revoking at once can cancel it in some browsers.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
