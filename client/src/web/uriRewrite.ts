/**
 * The web extension's language server speaks file:///path URIs (the core maps URIs to engine paths
 * that way), while the editor's folders may be vscode-remote://host/path (code-server), vscode-vfs://
 * (github.dev) and so on. Rather than teaching every request of the client and every URI in the
 * server's answers about schemes, the transport between them rewrites whole-string URIs: the
 * workspace's `scheme://authority` prefix becomes `file://` going to the server, and back coming from it.
 * Only strings that start with the prefix change, so document texts and messages keep theirs.
 */
export interface UriRewriter {
  toServer(message: unknown): unknown;
  fromServer(message: unknown): unknown;
}

const filePrefix = 'file://';

function rewrite(value: unknown, from: string, to: string): unknown {
  if (typeof value === 'string') return value.startsWith(from) ? to + value.slice(from.length) : value;
  if (Array.isArray(value)) return value.map((v) => rewrite(v, from, to));
  if (typeof value === 'object' && value !== null) {
    const out: Record<string, unknown> = {};
    for (const [key, v] of Object.entries(value)) out[key] = rewrite(v, from, to);
    return out;
  }
  return value;
}

/**
 * `workspacePrefix`: the workspace's `scheme://authority` (e.g. `vscode-remote://127.0.0.1:8080`), or
 * undefined when the folders are file URIs already (nothing to rewrite).
 */
export function uriRewriter(workspacePrefix: string | undefined): UriRewriter {
  if (workspacePrefix === undefined || workspacePrefix === 'file://') {
    return { toServer: (m) => m, fromServer: (m) => m };
  }
  // `prefix/` and `file:///`: the slash keeps `file://host/...` and a longer authority from matching.
  const from = `${workspacePrefix}/`;
  const to = `${filePrefix}/`;
  return { toServer: (m) => rewrite(m, from, to), fromServer: (m) => rewrite(m, to, from) };
}
