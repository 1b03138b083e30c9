/**
 * file URIs <-> absolute forward-slash paths, without node:url so the core runs in a browser worker.
 * Paths are percent-encoded per segment, as VS Code's URI does for file names with spaces or '#'.
 */
export function uriToPath(uri: string): string {
  return uri.startsWith('file:') ? decodeURIComponent(new URL(uri).pathname) : uri;
}

export function pathToUri(path: string): string {
  const segments = path.split('/').map((s) => encodeURIComponent(s));
  return `file://${segments.join('/')}`;
}
