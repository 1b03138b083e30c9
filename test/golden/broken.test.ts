/**
 * samples/broken: every `# expect-run: CODE` annotation must be met by a dry run. An annotation in
 * an import file is checked on that import; one in a mapping file on each import whose alias the
 * mapping reads, and the problem must then point into the mapping. Where the configuration is
 * invalid beyond running, the problems checked are the workspace's problems for the import file.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Problem } from '../../engine/src/errors/problem';
import { nodeFileSystem } from '../../engine/src/io/nodeFileSystem';
import type { ImportConfig } from '../../engine/src/model/workspace';
import { dryRunWorkspaceImport } from '../../engine/src/run/dryRunWorkspaceImport';
import type { LoadedDocument, Workspace } from '../../engine/src/workspace';
import { brokenRoot, expectRunCodes, workspaceAt } from './golden';

interface Annotation {
  /** The annotated file, relative to samples/broken. */
  file: string;
  code: string;
  /** The imports to dry-run. */
  imports: LoadedDocument<ImportConfig>[];
  /** Set for mapping annotations: the problem must point into this file. */
  mappingFile?: string;
}

function annotations(ws: Workspace): Annotation[] {
  const out: Annotation[] = [];
  for (const doc of ws.imports)
    for (const code of expectRunCodes(doc.text)) out.push({ file: doc.relativePath, code, imports: [doc] });
  for (const doc of ws.mappings)
    for (const code of expectRunCodes(doc.text)) {
      const alias = doc.value?.import;
      const readers = ws.imports.filter((i) => alias !== undefined && i.value?.alias === alias);
      out.push({ file: doc.relativePath, code, imports: readers, mappingFile: doc.relativePath });
    }
  return out;
}

/** One dry run per import, shared by its annotations. */
const runs = new Map<string, Promise<{ ran: boolean; problems: Problem[] }>>();
function problemsOf(ws: Workspace, doc: LoadedDocument<ImportConfig>): Promise<{ ran: boolean; problems: Problem[] }> {
  let run = runs.get(doc.relativePath);
  if (!run) {
    run = dryRunWorkspaceImport(nodeFileSystem, ws, doc).then((r) =>
      r.ok ? { ran: true, problems: r.result.problems } : { ran: false, problems: r.problems },
    );
    runs.set(doc.relativePath, run);
  }
  return run;
}

const summary = (problems: Problem[]): string =>
  problems.map((p) => `${p.code} ${p.locations[0]?.file ?? ''}: ${p.message}`).join('\n  ') || 'none';

describe('golden: samples/broken expect-run annotations', () => {
  it('are found in the files the broken README lists', async () => {
    const found = annotations(await workspaceAt(brokenRoot)).map((a) => `${a.file} ${a.code}`);
    // The README's table of dry-run problems: a missing or renamed annotation must not pass silently.
    assert.deepEqual(found.sort(), [
      'imports/assessments-bad-jsonata.import.yaml E0011',
      'imports/contacts-too-many.import.yaml E0022',
      'imports/grades-two-trues.import.yaml E0020',
      'imports/iep-bad-checkbox.import.yaml E0021',
      'imports/iep-bad-dates.import.yaml E0009',
      'imports/iep-bad-dropdown.import.yaml E0028',
      'imports/iep-duplicate-headers.import.yaml E0003',
      'imports/iep-missing-required.import.yaml E0029',
      'imports/iep-unknown-people.import.yaml E0016',
      'imports/sis-bad-sort.import.yaml E0005',
      'mappings/grades-unknown-column.mapping.yaml E0038',
    ]);
  });

  it('are each met by a dry run of the import they concern', async () => {
    const ws = await workspaceAt(brokenRoot);
    const failures: string[] = [];
    for (const a of annotations(ws)) {
      if (a.imports.length === 0) {
        failures.push(`${a.file}: no import reads this mapping's alias`);
        continue;
      }
      for (const doc of a.imports) {
        const { ran, problems } = await problemsOf(ws, doc);
        const hits = problems.filter((p) => p.code === a.code);
        const label = `${a.file} expects ${a.code}; ${ran ? 'dry run' : 'configuration (did not run)'} of ${doc.relativePath}`;
        if (hits.length === 0) failures.push(`${label} gave:\n  ${summary(problems)}`);
        else if (a.mappingFile && !hits.some((p) => p.locations.some((l) => l.file === a.mappingFile)))
          failures.push(`${label}: ${a.code} does not point into the mapping:\n  ${summary(hits)}`);
      }
    }
    assert.deepEqual(failures, []);
  });
});
