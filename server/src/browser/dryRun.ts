/**
 * `importStudio/dryRun` in the browser worker: no worker_threads here, so the run happens in this
 * worker, from the workspace loaded afresh over the memory file system with the editor's open texts
 * laid over it (the same inputs server/src/node/dryRunWorker.ts loads on Node). Diagnostics wait
 * while it runs; the sample workspaces run in well under a second.
 */
import { problem } from '../../../engine/src/errors/catalog';
import type { FileSystem } from '../../../engine/src/io/fileSystem';
import { dryRunWorkspaceImport } from '../../../engine/src/run/dryRunWorkspaceImport';
import { loadWorkspace } from '../../../engine/src/workspace/loadWorkspace';
import type { LanguageService } from '../service/languageService';
import { createOverlayFileSystem, mapOverlay } from '../service/overlayFileSystem';
import type { DryRunParams, DryRunResponse } from '../service/requests';

export async function dryRunInWorker(
  service: LanguageService,
  base: FileSystem,
  params: DryRunParams,
): Promise<DryRunResponse> {
  const target = await service.dryRunTarget(params.uri);
  if (!target.ok) return target;
  const fs = createOverlayFileSystem(base, mapOverlay(new Map(target.overlay)));
  const workspace = await loadWorkspace(fs, target.root, { overrides: target.overrides });
  const importDoc = workspace.imports.find((d) => d.path === target.importPath);
  if (!importDoc) {
    return {
      ok: false,
      importUri: target.importUri,
      problems: [
        problem('E0001', `The import '${target.importPath}' is no longer in the workspace.`, [
          { file: target.importPath },
        ]),
      ],
    };
  }
  const outcome = await dryRunWorkspaceImport(fs, workspace, importDoc, {
    ...(params.limit !== undefined ? { limit: params.limit } : {}),
    ...(params.cacheRows !== undefined ? { cacheRows: params.cacheRows } : {}),
  });
  return outcome.ok
    ? { ok: true, importUri: target.importUri, result: outcome.result }
    : { ok: false, importUri: target.importUri, problems: outcome.problems };
}
