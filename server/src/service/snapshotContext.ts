import type { ImportConfig } from '../../../engine/src/model/workspace';
import type { DataProfile } from '../../../engine/src/profile/types';
import { allDocuments } from '../../../engine/src/workspace/locations';
import type { LoadedDocument, Workspace } from '../../../engine/src/workspace/types';
import type { ServiceContext } from './context';
import { pathToUri, uriToPath } from './uri';

/**
 * A ServiceContext over one workspace snapshot and the profiles computed for it. The language
 * service makes a new one whenever the workspace changes; tests make one from a loaded folder.
 */
export function snapshotContext(
  workspace: Workspace | undefined,
  profiles: ReadonlyMap<string, DataProfile> = new Map(),
): ServiceContext {
  const byPath = new Map(workspace ? allDocuments(workspace).map((d) => [d.path, d]) : []);
  const byAlias = new Map(workspace?.imports.flatMap((d) => (d.value ? [[d.value.alias, d] as const] : [])) ?? []);
  return {
    workspace,
    document: (uri) => byPath.get(uriToPath(uri)),
    importFor(doc: LoadedDocument<unknown>) {
      if (doc.kind === 'import') return doc as LoadedDocument<ImportConfig>;
      if (doc.kind === 'mapping') {
        const alias = (doc.value as { import?: unknown } | undefined)?.import;
        return typeof alias === 'string' ? byAlias.get(alias) : undefined;
      }
      return undefined;
    },
    /** Profiles are keyed by the import file's absolute path. */
    profile: (importDoc) => profiles.get(importDoc.path),
    uriOf: (path) => pathToUri(path.startsWith('/') || !workspace ? path : `${workspace.root}/${path}`),
  };
}
