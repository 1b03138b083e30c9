/**
 * Runs in the dry-run panel's frame (panel.html) before the panel app itself (client/webview, the
 * same bundle as VS Code's): it stands in for VS Code's webview API, so the app posts its messages
 * to the playground page and keeps its UI state in this frame, unchanged.
 */
import type { FromWebview } from '../webview/types';

interface HostApi {
  postMessage(message: FromWebview): void;
  getState(): unknown;
  setState(state: unknown): void;
}

let state: unknown;
const api: HostApi = {
  // Same origin only: the page serves this frame, and nothing else should hear the panel.
  postMessage: (message) => window.parent.postMessage(message, window.location.origin),
  getState: () => state,
  setState: (next) => {
    state = next;
  },
};

(window as unknown as { acquireVsCodeApi: () => HostApi }).acquireVsCodeApi = () => api;
