/**
 * Time to the first 100 processed rows of a large file, in process: load the workspace, open the
 * source and dry-run with limit 100, timed from the start of the dry run (workspace loading, which
 * reads the sandbox, is reported apart). Prints JSON for bench/run.ts.
 */
import { nodeFileSystem } from '../engine/src/io/nodeFileSystem';
import { dryRunWorkspaceImport } from '../engine/src/run/dryRunWorkspaceImport';
import { findWorkspaceRoot, loadWorkspace } from '../engine/src/workspace';

async function main(config: string): Promise<void> {
  const t0 = performance.now();
  const root = (await findWorkspaceRoot(nodeFileSystem, config))!;
  const workspace = await loadWorkspace(nodeFileSystem, root);
  const t1 = performance.now();
  const doc = workspace.imports.find((d) => d.path === config)!;
  const run = await dryRunWorkspaceImport(nodeFileSystem, workspace, doc, { limit: 100 });
  const t2 = performance.now();
  const rows = run.ok ? run.result.counts.rowsProcessed : 0;
  console.log(JSON.stringify({ loadMs: t1 - t0, previewMs: t2 - t1, rows }));
}

// Top-level await is not available in this CommonJS package, hence main().
void main(process.argv[2]!);
