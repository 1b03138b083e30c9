/**
 * Links from the paths a workspace file names to the files themselves: an import's source file
 * (under the SFTP root) and transformation file (next to the import), and the sandbox files of
 * importstudio.yaml. A path that escapes its root (E0027) gets no link.
 */
import type { DocumentLink } from 'vscode-languageserver-types';
import { dirname, joinPath } from '../../../../engine/src/io/fileSystem';
import type { LoadedDocument, Workspace } from '../../../../engine/src/workspace/types';
import type { ServiceContext } from '../context';
import { isSafeRelative } from '../navigation/workspaceIndex';
import { scalarContentRange, stringScalarAt } from '../navigation/yamlTree';

interface LinkedPath {
  pointer: string;
  /** The folder the path is relative to. */
  base: (workspace: Workspace, doc: LoadedDocument<unknown>) => string;
  tooltip: string;
}

const linked: Partial<Record<LoadedDocument<unknown>['kind'], LinkedPath[]>> = {
  import: [
    { pointer: '/source/file', base: (w) => w.sftpRoot, tooltip: 'Open the import file (under the SFTP root)' },
    { pointer: '/transformation/file', base: (_, d) => dirname(d.path), tooltip: 'Open the transformation' },
  ],
  workspace: [
    { pointer: '/sandbox/people', base: (_, d) => dirname(d.path), tooltip: 'Open the sandbox people' },
    { pointer: '/sandbox/records', base: (_, d) => dirname(d.path), tooltip: 'Open the sandbox records' },
  ],
};

export function linksOf(ctx: ServiceContext, workspace: Workspace, doc: LoadedDocument<unknown>): DocumentLink[] {
  const out: DocumentLink[] = [];
  for (const { pointer, base, tooltip } of linked[doc.kind] ?? []) {
    const node = stringScalarAt(doc.parsed, pointer);
    const range = node ? scalarContentRange(doc.parsed, node) : undefined;
    if (!node || !range || !isSafeRelative(node.value)) continue;
    out.push({ range, target: ctx.uriOf(joinPath(base(workspace, doc), node.value)), tooltip });
  }
  return out;
}
