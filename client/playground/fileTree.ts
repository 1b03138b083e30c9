/**
 * The workspace's file tree: folders as <details>, files as buttons with a count of their
 * diagnostics. DOM APIs only (the webview's `h`), never HTML from strings: file names are data.
 */
import { h } from '../webview/dom';

export interface FileTree {
  element: HTMLElement;
  select(path: string): void;
  setProblems(path: string, errors: number, warnings: number): void;
}

interface Folder {
  folders: Map<string, Folder>;
  files: string[];
}

function folderOf(paths: readonly string[]): Folder {
  const root: Folder = { folders: new Map(), files: [] };
  for (const path of paths) {
    const parts = path.split('/');
    let at = root;
    for (const part of parts.slice(0, -1)) {
      let next = at.folders.get(part);
      if (!next) at.folders.set(part, (next = { folders: new Map(), files: [] }));
      at = next;
    }
    at.files.push(path);
  }
  return root;
}

export function createFileTree(paths: readonly string[], onOpen: (path: string) => void): FileTree {
  const buttons = new Map<string, HTMLButtonElement>();
  const badges = new Map<string, HTMLElement>();

  const render = (folder: Folder, depth: number): HTMLElement => {
    const list = h('ul', { role: 'group' });
    for (const [name, sub] of [...folder.folders].sort(([a], [b]) => a.localeCompare(b))) {
      // Broken samples start closed, so the working ones are what a first look shows.
      const open = depth < 1 && name !== 'broken';
      list.appendChild(h('li', {}, h('details', { open }, h('summary', {}, name), render(sub, depth + 1))));
    }
    for (const path of [...folder.files].sort()) {
      const badge = h('span', { class: 'badge', hidden: true });
      const button = h(
        'button',
        { type: 'button', class: 'file', 'data-path': path, title: path },
        path.slice(path.lastIndexOf('/') + 1),
        badge,
      );
      button.addEventListener('click', () => onOpen(path));
      buttons.set(path, button);
      badges.set(path, badge);
      list.appendChild(h('li', {}, button));
    }
    return list;
  };

  const element = h('nav', { class: 'file-tree', 'aria-label': 'Workspace files' }, render(folderOf(paths), 0));
  return {
    element,
    select(path) {
      for (const [p, button] of buttons) button.toggleAttribute('aria-current', p === path);
      // Reveal the file: open the folders above it.
      for (let el = buttons.get(path)?.parentElement; el && el !== element; el = el.parentElement) {
        if (el instanceof HTMLDetailsElement) el.open = true;
      }
    },
    setProblems(path, errors, warnings) {
      const badge = badges.get(path);
      if (!badge) return;
      const total = errors + warnings;
      badge.hidden = total === 0;
      badge.textContent = String(total);
      badge.className = errors > 0 ? 'badge error' : 'badge warning';
    },
  };
}
