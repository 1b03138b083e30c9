/**
 * The playground's workspace on the page side: the files as the build embedded them
 * (samples.json), their URIs under the in-memory root, and their text for an editor when they
 * have one (a data file that is not UTF-8 stays bytes: its text in an editor would change it).
 */
import type { WorkspaceFile } from '../../server/src/browser/protocol';

/** The worker's root for the workspace; lower case, because monaco.lsp lower-cases the URIs it sends. */
export const workspaceRoot = 'file:///workspace';

export interface PlaygroundWorkspace {
  name: string;
  files: WorkspaceFile[];
}

export async function fetchSamples(): Promise<PlaygroundWorkspace> {
  const response = await fetch('./samples.json');
  if (!response.ok) throw new Error(`samples.json: ${response.status} ${response.statusText}`);
  return (await response.json()) as PlaygroundWorkspace;
}

export function uriOf(path: string): string {
  return `${workspaceRoot}/${path.split('/').map(encodeURIComponent).join('/')}`;
}

/** The path below the root of a URI the server or Monaco names, or undefined when outside it. */
export function pathOf(uri: string): string | undefined {
  const prefix = `${workspaceRoot}/`;
  return uri.startsWith(prefix) ? decodeURIComponent(uri.slice(prefix.length)) : undefined;
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** The file's text when it is UTF-8 (a BOM is dropped, as an editor does), else undefined. */
export function textOf(file: WorkspaceFile): string | undefined {
  const raw = atob(file.base64);
  const bytes = new Uint8Array(raw.length);
  for (let i = 0; i < raw.length; i++) bytes[i] = raw.charCodeAt(i);
  try {
    return utf8.decode(bytes);
  } catch {
    return undefined;
  }
}

/** Monaco's language for a file, by its name. */
export function languageOf(path: string): string {
  if (/\.ya?ml$/i.test(path)) return 'yaml';
  if (/\.json$/i.test(path)) return 'json';
  if (/\.jsonata$/i.test(path)) return 'jsonata';
  if (/\.xml$/i.test(path)) return 'xml';
  if (/\.md$/i.test(path)) return 'markdown';
  return 'plaintext';
}
