/**
 * The playground's entry, kept small so that the slow parts start at once: the language server's
 * worker and the samples' download begin here, while Monaco (app.ts, 4 MB of script in its own
 * chunk) is still loading, and the worker loads the main workspace meanwhile. broken/ (a second
 * workspace of failing examples, closed in the tree) follows once the first diagnostics are out, so
 * it does not delay them. Issue 7: interactive within 2 s, cold cache, 2 cores.
 */
import { openWorkspaceMethod, type OpenWorkspaceParams } from '../../server/src/browser/protocol';
import { h } from '../webview/dom';
import { LspChannel } from './lspChannel';
import { mark } from './marks';
import { fetchSamples, type PlaygroundWorkspace, workspaceRoot } from './workspaceFiles';

mark('boot');
const worker = new Worker(new URL('./server.worker.js', import.meta.url), { type: 'module', name: 'import-studio' });
const channel = new LspChannel(worker);
channel.onFirstDiagnostics(() => mark('first-diagnostics'));

/** Set when files from disk replace the samples before broken/ was sent: it is not sent then. */
let laterCancelled = false;

/** Files under broken/ wait for the first diagnostics of the rest. */
const isLater = (path: string): boolean => path.startsWith('broken/');

const samples: Promise<PlaygroundWorkspace> = fetchSamples().then((workspace) => {
  mark('samples');
  const first = workspace.files.filter((f) => !isLater(f.path));
  const later = workspace.files.filter((f) => isLater(f.path));
  channel.notify(openWorkspaceMethod, { root: workspaceRoot, files: first } satisfies OpenWorkspaceParams);
  if (later.length > 0) {
    const sendLater = (): void => {
      if (laterCancelled) return;
      channel.notify(openWorkspaceMethod, { root: workspaceRoot, files: later } satisfies OpenWorkspaceParams);
    };
    if (channel.diagnostics.size > 0) sendLater();
    else channel.onFirstDiagnostics(sendLater);
  }
  return workspace;
});

import('./app')
  .then(({ start }) => start(channel, samples, () => (laterCancelled = true)))
  .catch((error: unknown) => {
    const message = error instanceof Error ? error.message : String(error);
    document.body.replaceChildren(h('p', { class: 'fatal' }, `The playground could not start: ${message}`));
    console.error(error);
  });
