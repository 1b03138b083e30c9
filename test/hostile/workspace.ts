/** Builds a small real workspace on disk around one hostile data file, and dry-runs it. */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Problem } from '../../engine/src/errors/problem';
import { nodeFileSystem } from '../../engine/src/io/nodeFileSystem';
import type { DryRunResult } from '../../engine/src/model/result';
import { dryRunWorkspaceImport } from '../../engine/src/run/dryRunWorkspaceImport';
import { loadWorkspace } from '../../engine/src/workspace';

export interface HostileCase {
  format: 'csv' | 'tsv' | 'xml' | 'json';
  data: string | Uint8Array;
  /** Extra lines of the import configuration (YAML, indented at top level). */
  extra?: string;
  encoding?: string;
  recordPath?: string;
  transformation?: string;
  /** Overrides the whole import file (for hostile configurations). */
  importText?: string;
}

export function makeWorkspace(c: HostileCase): string {
  const root = mkdtempSync(join(tmpdir(), 'hostile-'));
  mkdirSync(join(root, 'sftp'));
  mkdirSync(join(root, 'sandbox'));
  writeFileSync(
    join(root, 'importstudio.yaml'),
    'version: 1\nsftpRoot: sftp\nsandbox:\n  people: sandbox/people.csv\n',
  );
  writeFileSync(
    join(root, 'sandbox', 'people.csv'),
    'personId,localId,proprietaryId,email,firstName,lastName,active\nP1,1,A1,a@x.org,Ada,Lovelace,true\nP2,2,A2,b@x.org,Alan,Turing,true\n',
  );
  writeFileSync(join(root, 'sftp', `data.${c.format}`), c.data);
  const transformation = c.transformation ? `transformation:\n  expression: ${JSON.stringify(c.transformation)}\n` : '';
  writeFileSync(
    join(root, 'h.import.yaml'),
    c.importText ??
      `name: Hostile\nalias: hostile\nsource:\n  type: sftp\n  file: data.${c.format}\n  format: ${c.format}\n` +
        `  encoding: ${c.encoding ?? 'utf-8'}\n  dateFormat: yyyy-MM-dd\n${c.recordPath ? `  recordPath: ${c.recordPath}\n` : ''}` +
        `${transformation}personMatching:\n  idColumn: ID\n  matchOn: localId\n${c.extra ?? ''}`,
  );
  writeFileSync(join(root, 'h.form.yaml'), 'id: h\ntitle: H\nfields:\n  - id: note\n    type: text\n');
  writeFileSync(join(root, 'h.mapping.yaml'), 'form: h\nimport: hostile\nfields:\n  note: Note\n');
  return root;
}

export async function dryRunHostile(
  c: HostileCase,
): Promise<{ result?: DryRunResult; problems: Problem[]; workspaceProblems: Problem[] }> {
  const root = makeWorkspace(c);
  const workspace = await loadWorkspace(nodeFileSystem, root);
  const doc = workspace.imports[0];
  if (!doc) return { problems: [], workspaceProblems: workspace.problems };
  const run = await dryRunWorkspaceImport(nodeFileSystem, workspace, doc);
  return run.ok
    ? { result: run.result, problems: run.result.problems, workspaceProblems: workspace.problems }
    : { problems: run.problems, workspaceProblems: workspace.problems };
}

export function codes(problems: readonly Problem[]): string[] {
  return [...new Set(problems.map((p) => p.code))].sort();
}
