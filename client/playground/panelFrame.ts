/**
 * The page's side of the dry-run panel: an iframe running client/webview (panel.html), fed
 * PanelState messages as dryRunPanel.ts feeds VS Code's webview, and answering its messages.
 */
import type { FromWebview, PanelState, ToWebview } from '../webview/types';

export interface PanelFrame {
  element: HTMLIFrameElement;
  show(state: PanelState): void;
}

export function createPanelFrame(handlers: {
  openProblem(problem: number, location: number): void;
  rerun(): void;
}): PanelFrame {
  const element = document.createElement('iframe');
  element.className = 'panel-frame';
  element.title = 'Dry run';
  element.src = './panel.html';
  let ready = false;
  let current: PanelState = { kind: 'empty' };
  const post = () => {
    const message: ToWebview = { type: 'state', state: current };
    element.contentWindow?.postMessage(message, window.location.origin);
  };
  window.addEventListener('message', (event: MessageEvent<FromWebview>) => {
    if (event.source !== element.contentWindow || event.origin !== window.location.origin) return;
    const message = event.data;
    if (message.type === 'ready') {
      ready = true;
      post();
    } else if (message.type === 'openProblem') handlers.openProblem(message.problem, message.location);
    else if (message.type === 'rerun') handlers.rerun();
  });
  return {
    element,
    show(state) {
      current = state;
      if (ready) post();
    },
  };
}
