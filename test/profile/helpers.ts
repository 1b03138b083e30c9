/** Shared helpers of the profile tests: temp workspaces on disk, loaded as the language server loads them. */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after } from 'node:test';
import type { Problem, Range } from '../../engine/src/errors/problem';
import type { FileSystem } from '../../engine/src/io/fileSystem';
import { nodeFileSystem } from '../../engine/src/io/nodeFileSystem';
import type { ImportConfig } from '../../engine/src/model/workspace';
import { loadWorkspace } from '../../engine/src/workspace/loadWorkspace';
import type { LoadedDocument, Workspace } from '../../engine/src/workspace/types';

export const samplesRoot = join(__dirname, '../../samples').replaceAll('\\', '/');
export const brokenRoot = `${samplesRoot}/broken`;

/** Writes `files` (path -> text or bytes) under a fresh temp folder, removed after the test file. */
export function tempWorkspace(files: Record<string, string | Uint8Array>): string {
  const root = mkdtempSync(join(tmpdir(), 'profile-test-')).replaceAll('\\', '/');
  after(() => rmSync(root, { recursive: true, force: true }));
  writeFiles(root, { 'importstudio.yaml': 'version: 1\nsftpRoot: sftp\n', ...files });
  return root;
}

export function writeFiles(root: string, files: Record<string, string | Uint8Array>): void {
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), content);
  }
}

export async function load(root: string, fs: FileSystem = nodeFileSystem): Promise<Workspace> {
  return loadWorkspace(fs, root);
}

export function importOf(workspace: Workspace, alias: string): LoadedDocument<ImportConfig> {
  const doc = workspace.imports.find((d) => d.value?.alias === alias);
  if (!doc) throw new Error(`no valid import '${alias}' in ${workspace.root}`);
  return doc;
}

/** The text a range covers (LSP lines: \n, \r\n or \r end a line). */
export function textAt(text: string, range: Range | undefined): string {
  if (!range) throw new Error('no range');
  const lines = text.split(/\r\n|\n|\r/);
  if (range.start.line === range.end.line) {
    return (lines[range.start.line] ?? '').slice(range.start.character, range.end.character);
  }
  const parts = [(lines[range.start.line] ?? '').slice(range.start.character)];
  for (let l = range.start.line + 1; l < range.end.line; l++) parts.push(lines[l] ?? '');
  parts.push((lines[range.end.line] ?? '').slice(0, range.end.character));
  return parts.join('\n');
}

/** The problems of one code; fails unless there is exactly one. */
export function one(problems: readonly Problem[], code: string): Problem {
  const found = problems.filter((p) => p.code === code);
  if (found.length !== 1) {
    throw new Error(
      `expected one ${code}, got ${found.length}: ${problems.map((p) => `${p.code} ${p.message}`).join(' | ')}`,
    );
  }
  return found[0] as Problem;
}

/** The read tests' counting FileSystem: bytes handed out, streams opened and closed. */
export { countingFs } from '../read/helpers';

/** A small csv import with a form and a mapping; `overrides` replace whole files. */
export function csvWorkspace(overrides: Record<string, string | Uint8Array> = {}): string {
  return tempWorkspace({
    'imports/roster.import.yaml': [
      'name: Roster',
      'alias: roster',
      'source:',
      '  type: sftp',
      '  file: roster.csv',
      '  format: csv',
      '  encoding: utf-8',
      '  dateFormat: yyyy-MM-dd',
      'personMatching:',
      '  idColumn: StudentID',
      '  matchOn: localId',
      '',
    ].join('\n'),
    'forms/profile.form.yaml': [
      'id: profile',
      'title: Profile',
      'fields:',
      '  - id: name',
      '    type: text',
      '  - id: birthDate',
      '    type: date',
      '  - id: grade',
      '    type: dropdown',
      '    options:',
      '      - { value: K, label: Kindergarten }',
      '      - "1"',
      '      - "2"',
      '',
    ].join('\n'),
    'mappings/profile.mapping.yaml': [
      'form: profile',
      'import: roster',
      'fields:',
      '  name: Name',
      '  birthDate: BirthDate',
      '  grade: Grade',
      '',
    ].join('\n'),
    'sftp/roster.csv': [
      'StudentID,Name,BirthDate,Grade,Active',
      '001,Ana,2015-03-04,K,true',
      '002,Ben,2014-11-30,1,FALSE',
      '003,,2014-01-02,kindergarten,',
      '004,Dee,,2,true',
      '',
    ].join('\n'),
    ...overrides,
  });
}
