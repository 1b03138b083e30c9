/**
 * Workspaces on disk for the store tests: a copy of the samples, and a generated "grades"
 * workspace of any size (one record per student and term through record matching), with bad
 * dates and locked records where a test needs them.
 */
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const repoRoot = join(import.meta.dirname, '..', '..');

const made: string[] = [];
// The folders (and their stores, up to tens of MB) go when the test file's process ends.
process.once('exit', () => {
  for (const dir of made) rmSync(dir, { recursive: true, force: true });
});

export function tempDir(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), `import-studio-${prefix}-`));
  made.push(dir);
  return dir;
}

/** The sample workspace (without broken/ and the generator) in a fresh temporary folder. */
export function copySamples(): string {
  const dir = tempDir('samples');
  const from = join(repoRoot, 'samples');
  for (const entry of ['importstudio.yaml', 'forms', 'imports', 'mappings', 'sandbox', 'sftp']) {
    cpSync(join(from, entry), join(dir, entry), { recursive: true });
  }
  return dir;
}

export interface GradesOptions {
  students: number;
  terms: number;
  /** Sandbox records that exist before any run: the first term of the first `existing` students. */
  existing?: number;
  /** Of those, the first `locked` are locked. */
  locked?: number;
  /** Every n-th row gets a date that does not parse (an error row). */
  badDateEvery?: number;
  errorThreshold?: number;
  creationMode?: 'doNotCreate' | 'createMissing' | 'alwaysCreate';
  /** Extra keys for importstudio.yaml (after `version`), as YAML text. */
  workspaceExtra?: string;
  nightly?: boolean;
}

/** Writes the grades workspace into a new temporary folder and returns it. */
export function gradesWorkspace(options: GradesOptions): string {
  const dir = tempDir('grades');
  const file = (path: string, text: string) => {
    mkdirSync(join(dir, path, '..'), { recursive: true });
    writeFileSync(join(dir, path), text);
  };
  file(
    'importstudio.yaml',
    `version: 1\nname: Grades\nsftpRoot: sftp\nsandbox:\n  people: sandbox/people.csv\n  records: sandbox/records.csv\n${options.workspaceExtra ?? ''}`,
  );
  file(
    'forms/grades.form.yaml',
    [
      'id: grades',
      'title: Grades',
      'fields:',
      '  - { id: term, type: text }',
      '  - { id: score, type: number }',
      '  - { id: note, type: text }',
      '  - { id: due, type: date }',
      '',
    ].join('\n'),
  );
  file(
    'mappings/grades.mapping.yaml',
    [
      'form: grades',
      'import: grades',
      'matchingElement: { field: term, expression: Term }',
      'fields:',
      '  score: Score',
      '  note: Note',
      '  due: Due',
      '',
    ].join('\n'),
  );
  file(
    'imports/grades.import.yaml',
    [
      'name: Term grades',
      'alias: grades',
      'source: { type: sftp, file: grades.csv, format: csv, dateFormat: yyyy-MM-dd }',
      'personMatching: { idColumn: StudentID, matchOn: localId }',
      'recordMatching: true',
      'runOptions:',
      `  recordCreationMode: ${options.creationMode ?? 'createMissing'}`,
      ...(options.errorThreshold !== undefined ? [`  errorThreshold: ${options.errorThreshold}`] : []),
      ...(options.nightly ? ['automation: { nightly: true }'] : []),
      '',
    ].join('\n'),
  );
  const people = ['personId,localId,firstName,lastName'];
  for (let s = 1; s <= options.students; s++) people.push(`P${s},${1000 + s},First${s},Last${s}`);
  file('sandbox/people.csv', `${people.join('\n')}\n`);
  const records = ['id,form,person,key,locked,lastModified,term,score,note'];
  for (let s = 1; s <= (options.existing ?? 0); s++) {
    const locked = s <= (options.locked ?? 0);
    records.push(`E${s},grades,P${s},T1,${locked},2024-09-01T00:00:00Z,T1,1,old`);
  }
  file('sandbox/records.csv', `${records.join('\n')}\n`);
  const rows = ['StudentID,Term,Score,Note,Due'];
  let n = 0;
  for (let s = 1; s <= options.students; s++) {
    for (let t = 1; t <= options.terms; t++) {
      n++;
      const bad = options.badDateEvery !== undefined && n % options.badDateEvery === 0;
      rows.push(`${1000 + s},T${t},${(s * 7 + t) % 100},note ${s}-${t},${bad ? '2025-13-45' : '2025-01-15'}`);
    }
  }
  file('sftp/grades.csv', `${rows.join('\n')}\n`);
  return dir;
}
