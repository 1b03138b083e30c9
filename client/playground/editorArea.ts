/**
 * The Monaco editor and its models: one model per opened file, created when the file is first
 * opened (so that a 500 KB data file costs nothing until asked for). Creating a model is what
 * makes monaco.lsp send didOpen, so an opened file's text is what the worker checks and runs.
 */
import * as monaco from 'monaco-editor';
import type { WorkspaceFile } from '../../server/src/browser/protocol';
import { languageOf, textOf, uriOf } from './workspaceFiles';

export interface EditorArea {
  editor: monaco.editor.IStandaloneCodeEditor;
  /** Opens a file; false when it has no text to edit (not UTF-8). */
  open(path: string, at?: { line: number; character: number }): boolean;
  current(): string | undefined;
  /** Replaces the workspace: every model is disposed (monaco.lsp closes them in the worker). */
  setFiles(files: readonly WorkspaceFile[]): void;
  /** The current text of every file opened in the editor, by path (what an export writes). */
  texts(): Map<string, string>;
}

export function createEditorArea(host: HTMLElement, files: readonly WorkspaceFile[]): EditorArea {
  let byPath = new Map(files.map((f) => [f.path, f]));
  const editor = monaco.editor.create(host, {
    automaticLayout: true,
    minimap: { enabled: false },
    fontSize: 13,
    theme: 'vs',
    model: null,
    // The server's completion (columns, fields, aliases) is what is worth offering, not words.
    wordBasedSuggestions: 'off',
  });
  let currentPath: string | undefined;

  const modelOf = (path: string): monaco.editor.ITextModel | undefined => {
    const uri = monaco.Uri.parse(uriOf(path));
    const existing = monaco.editor.getModel(uri);
    if (existing) return existing;
    const file = byPath.get(path);
    const text = file && textOf(file);
    return text === undefined ? undefined : monaco.editor.createModel(text, languageOf(path), uri);
  };

  return {
    editor,
    open(path, at) {
      const model = modelOf(path);
      if (!model) return false;
      currentPath = path;
      editor.setModel(model);
      if (at) {
        const position = { lineNumber: at.line + 1, column: at.character + 1 };
        editor.setPosition(position);
        editor.revealPositionInCenter(position);
      }
      editor.focus();
      return true;
    },
    current: () => currentPath,
    setFiles(next) {
      editor.setModel(null);
      currentPath = undefined;
      for (const path of byPath.keys()) monaco.editor.getModel(monaco.Uri.parse(uriOf(path)))?.dispose();
      byPath = new Map(next.map((f) => [f.path, f]));
    },
    texts() {
      const texts = new Map<string, string>();
      for (const path of byPath.keys()) {
        const model = monaco.editor.getModel(monaco.Uri.parse(uriOf(path)));
        if (model) texts.set(path, model.getValue());
      }
      return texts;
    },
  };
}
