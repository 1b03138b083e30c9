/**
 * The browser playground's page once Monaco is loaded (main.ts starts the worker and the samples'
 * download before): a workspace's file tree, a Monaco editor whose language features come from the
 * Import Studio language server running in a Web Worker (server/src/browser, through monaco.lsp), a
 * Dry run button whose result the VS Code panel app (client/webview) shows in a frame, and files
 * from disk in, a zip out. Everything is served from this folder: no CDN, a strict CSP (index.html).
 */
import * as monaco from 'monaco-editor';
import { openWorkspaceMethod, type OpenWorkspaceParams } from '../../server/src/browser/protocol';
import { type DryRunOutcome, type RunningDryRun, startDryRun } from './dryRun';
import { createEditorArea } from './editorArea';
import { createFileTree } from './fileTree';
import type { LspChannel, PublishedDiagnostic } from './lspChannel';
import { mark, timings } from './marks';
import { createPanelFrame } from './panelFrame';
import { filesOfDrop, filesOfInput } from './diskFiles';
import { pathOf, type PlaygroundWorkspace, uriOf, workspaceRoot } from './workspaceFiles';
import type { WorkspaceFile } from '../../server/src/browser/protocol';
import { download, zipWorkspace } from './zipExport';
import './style.css';

/** What the page measured and knows, for people (the status line) and for the playground tests. */
interface PlaygroundProbe {
  /** ms from navigation start to the first diagnostics published by the worker. */
  firstDiagnosticsMs?: number;
  /** ms from navigation start to each step of the start (performance marks 'playground:*'), for the figures. */
  timings(): Record<string, number>;
  markers(path: string): { code: string; message: string; line: number; severity: number }[];
  open(path: string): boolean;
  /** The editor, for tests that edit and ask for completion as a person would. */
  editor: monaco.editor.IStandaloneCodeEditor;
  /** Asks the worker for a file's diagnostics (pull) and resolves with the round trip in ms. */
  timeDiagnostics(path: string): Promise<number>;
  /** The codes of a file's diagnostics as the worker sees the file now (pull, bypassing Monaco's markers). */
  diagnosticCodes(path: string): Promise<string[]>;
  /** The workspace's file paths, as the tree lists them. */
  paths(): string[];
}

declare global {
  interface Window {
    importStudioPlayground?: PlaygroundProbe;
  }
}

(globalThis as { MonacoEnvironment?: monaco.Environment }).MonacoEnvironment = {
  getWorker: () => new Worker(new URL('./editor.worker.js', import.meta.url), { type: 'module' }),
};
// JSON files get Monaco's colours only: checking them is the language server's job, and its
// diagnostics should be the only ones (no second opinion from Monaco's JSON worker).
monaco.json.jsonDefaults.setModeConfiguration({ tokens: true });
monaco.json.jsonDefaults.setDiagnosticsOptions({ validate: false });
monaco.languages.register({ id: 'jsonata', extensions: ['.jsonata'], aliases: ['JSONata'] });

/** `cancelSamples`: the samples' part still to send (broken/) must not land in a workspace from disk. */
export async function start(
  channel: LspChannel,
  samples: Promise<PlaygroundWorkspace>,
  cancelSamples: () => void,
): Promise<void> {
  mark('monaco');
  const status = document.getElementById('status')!;
  new monaco.lsp.MonacoLspClient(channel.transport());
  const workspace = await samples;

  let files: WorkspaceFile[] = workspace.files;
  const knowUris = (list: readonly WorkspaceFile[]): void =>
    channel.knowUris(list.map((f) => monaco.Uri.parse(uriOf(f.path)).toString(true)));
  knowUris(files);
  const area = createEditorArea(document.getElementById('editor')!, files);
  mark('editor');
  const filesHost = document.getElementById('files')!;
  let tree = createFileTree(
    files.map((f) => f.path),
    (path) => openFile(path),
  );
  filesHost.appendChild(tree.element);
  const openFile = (path: string, at?: { line: number; character: number }): boolean => {
    const opened = area.open(path, at);
    if (opened) tree.select(path);
    status.textContent = opened ? path : `${path} is not UTF-8 text: it is read by the dry run, not edited here.`;
    return opened;
  };

  const probe: PlaygroundProbe = {
    markers: (path) =>
      monaco.editor.getModelMarkers({ resource: monaco.Uri.parse(uriOf(path)) }).map((m) => ({
        code: typeof m.code === 'string' ? m.code : (m.code?.value ?? ''),
        message: m.message,
        line: m.startLineNumber,
        severity: m.severity,
      })),
    open: (path) => openFile(path),
    editor: area.editor,
    timeDiagnostics: async (path) => {
      const started = performance.now();
      await channel.request('textDocument/diagnostic', { textDocument: { uri: uriOf(path) } });
      return performance.now() - started;
    },
    diagnosticCodes: async (path) => {
      const report = await channel.request<{ items?: { code?: string | number }[] }>('textDocument/diagnostic', {
        textDocument: { uri: uriOf(path) },
      });
      return (report.items ?? []).map((d) => String(d.code ?? ''));
    },
    paths: () => files.map((f) => f.path),
    timings,
    // main.ts marks the first diagnostics, which may come before this page part has loaded.
    get firstDiagnosticsMs() {
      return timings()['first-diagnostics'];
    },
  };
  window.importStudioPlayground = probe;

  const onDiagnostics = (uri: string, diagnostics: PublishedDiagnostic[]): void => {
    const path = pathOf(uri);
    if (path === undefined) return;
    const errors = diagnostics.filter((d) => d.severity === 1).length;
    tree.setProblems(path, errors, diagnostics.length - errors);
  };
  // Diagnostics that came while Monaco loaded: the tree counts them now (Monaco's client gets them queued).
  channel.onDiagnostics = onDiagnostics;
  for (const [uri, diagnostics] of channel.diagnostics) onDiagnostics(uri, diagnostics);

  let last: DryRunOutcome | undefined;
  const panel = createPanelFrame({
    openProblem: (index, location) => {
      const where = last?.problems[index]?.locations[location];
      if (!where || !last) return;
      const file = last.workspacePath ? `${last.workspacePath}/${where.file}` : where.file;
      openFile(file, where.range?.start);
    },
    rerun: () => void dryRun(),
  });
  document.getElementById('panel')!.appendChild(panel.element);

  const button = document.getElementById('dry-run') as HTMLButtonElement;
  const cancelButton = document.getElementById('cancel-dry-run') as HTMLButtonElement;
  let running: RunningDryRun | undefined;
  const dryRun = async (): Promise<void> => {
    const path = area.current();
    if (!path || running) return;
    const name = path.slice(path.lastIndexOf('/') + 1);
    button.disabled = true;
    cancelButton.hidden = false;
    status.textContent = `Dry run of ${name}…`;
    panel.show({ kind: 'running', title: name });
    const run = startDryRun(channel, uriOf(path), (message) => (status.textContent = `Dry run of ${name}: ${message}`));
    running = run;
    try {
      last = await run.outcome;
      panel.show(last.state);
      status.textContent = last.state.kind === 'error' ? last.state.message : `Dry run of ${name} done`;
    } finally {
      running = undefined;
      button.disabled = false;
      cancelButton.hidden = true;
    }
  };
  button.addEventListener('click', () => void dryRun());
  cancelButton.addEventListener('click', () => running?.cancel());

  /** Files from disk replace the workspace: the editor's models close, the worker drops the old files. */
  const replaceWorkspace = (next: WorkspaceFile[]): void => {
    if (next.length === 0) return;
    cancelSamples();
    knowUris(next);
    area.setFiles(next);
    files = next;
    channel.notify(openWorkspaceMethod, {
      root: workspaceRoot,
      files: next,
      replace: true,
    } satisfies OpenWorkspaceParams);
    tree = createFileTree(
      next.map((f) => f.path),
      (path) => openFile(path),
    );
    filesHost.replaceChildren(tree.element);
    panel.show({ kind: 'empty' });
    const first =
      next.find((f) => /\.import\.(ya?ml|json)$/.test(f.path)) ??
      next.find((f) => /^importstudio\.(ya?ml|json)$/.test(f.path)) ??
      next[0];
    if (first && !openFile(first.path)) status.textContent = `${next.length} files opened`;
  };
  const opening = (read: Promise<WorkspaceFile[]>): void => {
    status.textContent = 'Reading the files…';
    read.then(replaceWorkspace, (error: unknown) => {
      status.textContent = `Cannot read the files: ${error instanceof Error ? error.message : String(error)}`;
    });
  };
  for (const id of ['open-files', 'open-folder']) {
    const input = document.getElementById(id) as HTMLInputElement;
    input.addEventListener('change', () => {
      if (input.files && input.files.length > 0) opening(filesOfInput(input.files));
      input.value = '';
    });
  }
  const hint = document.getElementById('drop-hint')!;
  const hasFiles = (e: DragEvent): boolean => e.dataTransfer?.types.includes('Files') === true;
  document.addEventListener('dragover', (e) => {
    if (!hasFiles(e)) return;
    e.preventDefault();
    hint.hidden = false;
  });
  document.addEventListener('dragleave', (e) => {
    if (e.relatedTarget === null) hint.hidden = true;
  });
  document.addEventListener('drop', (e) => {
    hint.hidden = true;
    if (!hasFiles(e) || !e.dataTransfer) return;
    e.preventDefault();
    opening(filesOfDrop(e.dataTransfer));
  });
  document.getElementById('export-zip')!.addEventListener('click', () => {
    download(zipWorkspace(files, area.texts()), 'import-workspace.zip');
  });

  openFile('imports/term-grades.import.yaml');
  mark('ready');
  document.body.dataset.ready = 'true';
}
