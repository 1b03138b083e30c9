/**
 * What every language feature sees: the workspace as loaded from disk with the open documents laid
 * over it, and the data profiles of its imports. Features are pure functions of a ServiceContext and
 * a request (document, position); the context is built and kept fresh by languageService.ts.
 */
import type { LoadedDocument, Workspace } from '../../../engine/src/workspace/types';
import type { DataProfile } from '../../../engine/src/profile/types';
import type { ImportConfig } from '../../../engine/src/model/workspace';

export interface ServiceContext {
  /** The latest workspace snapshot (open documents included); undefined before the first load. */
  readonly workspace: Workspace | undefined;
  /** The loaded document of a file URI of the workspace (open or on disk). */
  document(uri: string): LoadedDocument<unknown> | undefined;
  /** The import configuration a document belongs to: itself, or the import a mapping reads. */
  importFor(doc: LoadedDocument<unknown>): LoadedDocument<ImportConfig> | undefined;
  /** The cached data profile of an import, if computed (profiling is async; see languageService). */
  profile(importDoc: LoadedDocument<ImportConfig>): DataProfile | undefined;
  /** file URI of a workspace-relative or absolute path. */
  uriOf(path: string): string;
}
