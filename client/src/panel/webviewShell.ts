/**
 * The static page of a webview: a strict CSP (nothing remote, scripts only with this load's nonce,
 * styles only from the extension) and one bundled app. Only URIs and the nonce are interpolated;
 * data never is: it reaches the app by postMessage.
 */
import * as vscode from 'vscode';

/** A fresh script nonce per page load; from a CSPRNG, since a guessable nonce would defeat the CSP. */
function nonce(): string {
  // Web Crypto rather than node:crypto: the same code runs in VS Code for the Web.
  const bytes = crypto.getRandomValues(new Uint8Array(18));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

/** The page for `dist/<bundle>.js` and `dist/<bundle>.css`. */
export function shellHtml(webview: vscode.Webview, dist: vscode.Uri, bundle: string, title: string): string {
  const n = nonce();
  const script = webview.asWebviewUri(vscode.Uri.joinPath(dist, `${bundle}.js`));
  const style = webview.asWebviewUri(vscode.Uri.joinPath(dist, `${bundle}.css`));
  const csp = [
    "default-src 'none'",
    `script-src 'nonce-${n}'`,
    `style-src ${webview.cspSource}`,
    `font-src ${webview.cspSource}`,
  ].join('; ');
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="stylesheet" href="${style.toString()}">
<title>${title.replace(/[^\w :-]/g, '')}</title>
</head>
<body>
<main id="app" aria-live="polite"></main>
<script nonce="${n}" src="${script.toString()}"></script>
</body>
</html>`;
}
