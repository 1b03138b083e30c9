/**
 * Definition, references and rename for aliases, form ids, field ids (options and repeater fields
 * included) and column names, on a copy of samples/. Renames are applied to the files and the
 * workspace reloaded: it must still load without a problem.
 */
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Location, Position, Range, TextEdit, WorkspaceEdit } from 'vscode-languageserver-types';
import { nodeFileSystem } from '../../engine/src/io/nodeFileSystem';
import type { DataProfile } from '../../engine/src/profile/types';
import { profileImport } from '../../engine/src/profile';
import { loadWorkspace } from '../../engine/src/workspace';
import type { Workspace } from '../../engine/src/workspace/types';
import type { ServiceContext } from '../../server/src/service/context';
import {
  doRename,
  findDefinition,
  findReferences,
  prepareRename,
  renameRefusal,
} from '../../server/src/service/navigation';
import { snapshotContext } from '../../server/src/service/snapshotContext';
import { pathToUri, uriToPath } from '../../server/src/service/uri';

const samples = join(__dirname, '..', '..', 'samples');

/** A profile as the profiler gives it for a csv/tsv: the header's cells and their ranges. */
function headerProfile(root: string, sourcePath: string, delimiter: string): DataProfile {
  const header = readFileSync(join(root, sourcePath), 'latin1').split(/\r?\n/)[0] ?? '';
  let at = 0;
  const columns = header.split(delimiter).map((name, index) => {
    const start = at;
    at += name.length + 1;
    return {
      name,
      index,
      empty: 0,
      distinct: 1,
      distinctCapped: false,
      samples: [],
      inferredType: 'text' as const,
      fittingDateFormats: [],
      headerRange: { start: { line: 0, character: start }, end: { line: 0, character: start + name.length } },
    };
  });
  return { sourcePath, cacheKey: 'test', rowsProfiled: 0, truncated: false, columns, values: {}, problems: [] };
}

function profilesOf(workspace: Workspace): Map<string, DataProfile> {
  const profiles = new Map<string, DataProfile>();
  const files: Record<string, [string, string]> = {
    'imports/iep-snapshot.import.yaml': ['sftp/iep/iep_snapshot.csv', ','],
    'imports/sis-nightly.import.yaml': ['sftp/sis/students_nightly.tsv', '\t'],
    'imports/term-grades.import.yaml': ['sftp/grades/term_grades_2024-2025.csv', ','],
  };
  for (const doc of workspace.imports) {
    const file = files[doc.relativePath];
    if (file) profiles.set(doc.path, headerProfile(workspace.root, file[0], file[1]));
  }
  return profiles;
}

let root = '';
let workspace: Workspace;
let ctx: ServiceContext;

async function reload(): Promise<void> {
  workspace = await loadWorkspace(nodeFileSystem, root);
  ctx = snapshotContext(workspace, profilesOf(workspace));
}

function uri(rel: string): string {
  return pathToUri(`${root.replaceAll('\\', '/')}/${rel}`);
}

/** The position of the `nth` occurrence of `needle` on the line containing `lineText` (plus `shift`). */
function at(rel: string, lineText: string, needle: string, shift = 0): Position {
  const lines = readFileSync(join(root, rel), 'utf8').split('\n');
  const line = lines.findIndex((l) => l.includes(lineText));
  assert.ok(line >= 0, `no line '${lineText}' in ${rel}`);
  const character = (lines[line] ?? '').indexOf(needle, (lines[line] ?? '').indexOf(lineText));
  return { line, character: character + shift };
}

function span(rel: string, lineText: string, needle: string): Range {
  const start = at(rel, lineText, needle);
  return { start, end: { line: start.line, character: start.character + needle.length } };
}

function loc(rel: string, lineText: string, needle: string): Location {
  return { uri: uri(rel), range: span(rel, lineText, needle) };
}

function sorted(locations: Location[]): string[] {
  return locations
    .map(
      (l) => `${l.uri.slice(uri('').length)}@${l.range.start.line}:${l.range.start.character}-${l.range.end.character}`,
    )
    .sort();
}

function applyEdits(text: string, edits: TextEdit[]): string {
  const starts = [0];
  for (let i = 0; i < text.length; i++) if (text[i] === '\n') starts.push(i + 1);
  const offset = (p: Position) => (starts[p.line] ?? text.length) + p.character;
  return [...edits]
    .sort((a, b) => offset(b.range.start) - offset(a.range.start))
    .reduce((t, e) => t.slice(0, offset(e.range.start)) + e.newText + t.slice(offset(e.range.end)), text);
}

async function applyWorkspaceEdit(edit: WorkspaceEdit): Promise<void> {
  for (const [target, edits] of Object.entries(edit.changes ?? {})) {
    const path = uriToPath(target);
    writeFileSync(path, applyEdits(readFileSync(path, 'utf8'), edits));
  }
  await reload();
}

function read(rel: string): string {
  return readFileSync(join(root, rel), 'utf8');
}

describe('navigation', () => {
  before(async () => {
    root = mkdtempSync(join(tmpdir(), 'nav-'));
    cpSync(samples, root, { recursive: true });
    rmSync(join(root, 'broken'), { recursive: true, force: true });
    await reload();
    assert.deepEqual(workspace.problems, []);
  });
  after(() => rmSync(root, { recursive: true, force: true }));

  describe('aliases', () => {
    const mapping = 'mappings/iep-snapshot.mapping.yaml';
    const config = 'imports/iep-snapshot.import.yaml';

    it('goes from a mapping import to the alias declaration', () => {
      const found = findDefinition(ctx, uri(mapping), at(mapping, 'import: iep-snapshot', 'iep-snapshot', 3));
      assert.deepEqual(found, [loc(config, 'alias: iep-snapshot', 'iep-snapshot')]);
    });

    it('finds every mapping that reads an alias', () => {
      const position = at(config, 'alias: iep-snapshot', 'iep-snapshot');
      assert.deepEqual(findReferences(ctx, uri(config), position, false), [
        loc(mapping, 'import: iep-snapshot', 'iep-snapshot'),
      ]);
      assert.equal(findReferences(ctx, uri(config), position, true).length, 2);
    });

    it('refuses a new alias that breaks the pattern or is taken', () => {
      const position = at(config, 'alias: iep-snapshot', 'iep-snapshot');
      assert.equal(doRename(ctx, uri(config), position, 'IEP Snap'), null);
      assert.match(renameRefusal(ctx, uri(config), position, 'IEP Snap') ?? '', /lowercase/);
      assert.equal(doRename(ctx, uri(config), position, 'term-grades'), null);
      assert.match(renameRefusal(ctx, uri(config), position, 'term-grades') ?? '', /already/);
    });

    it('renames an alias in the import and its mappings', async () => {
      const position = at(mapping, 'import: iep-snapshot', 'iep-snapshot');
      assert.deepEqual(
        prepareRename(ctx, uri(mapping), position),
        span(mapping, 'import: iep-snapshot', 'iep-snapshot'),
      );
      const edit = doRename(ctx, uri(mapping), position, 'iep-nightly');
      assert.ok(edit?.changes);
      assert.deepEqual(Object.keys(edit.changes).sort(), [uri(config), uri(mapping)].sort());
      await applyWorkspaceEdit(edit);
      assert.match(read(config), /^alias: iep-nightly$/m);
      assert.match(read(mapping), /^import: iep-nightly$/m);
      assert.deepEqual(workspace.problems, []);
    });
  });

  describe('form ids', () => {
    const form = 'forms/report-card.form.yaml';
    const mapping = 'mappings/report-card.mapping.yaml';

    it('goes from a mapping form to the form file id', () => {
      assert.deepEqual(findDefinition(ctx, uri(mapping), at(mapping, 'form: report-card', 'report-card')), [
        loc(form, 'id: report-card', 'report-card'),
      ]);
    });

    it('finds the mappings and sandbox records that name a form', () => {
      const refs = findReferences(ctx, uri(form), at(form, 'id: report-card', 'report-card'), false);
      const records = read('sandbox/records.yaml')
        .split('\n')
        .filter((l) => /form: report-card\b/.test(l)).length;
      assert.ok(records > 0);
      assert.equal(refs.length, 1 + records);
      assert.deepEqual(refs[0], loc(mapping, 'form: report-card', 'report-card'));
    });

    it('renames a form id everywhere', async () => {
      const edit = doRename(ctx, uri(form), at(form, 'id: report-card', 'report-card'), 'report-card-2025');
      assert.ok(edit);
      assert.equal(doRename(ctx, uri(form), at(form, 'id: report-card', 'report-card'), 'iep-snapshot'), null);
      await applyWorkspaceEdit(edit);
      assert.match(read(mapping), /^form: report-card-2025$/m);
      assert.doesNotMatch(read('sandbox/records.yaml'), /form: report-card\s*$/m);
      assert.deepEqual(workspace.problems, []);
    });
  });

  describe('field ids', () => {
    it('goes from a mapping field key to the form field', () => {
      const mapping = 'mappings/iep-snapshot.mapping.yaml';
      assert.deepEqual(findDefinition(ctx, uri(mapping), at(mapping, 'caseManager: CaseManager', 'caseManager')), [
        loc('forms/iep-snapshot.form.yaml', 'id: caseManager', 'caseManager'),
      ]);
    });

    it('goes from a checkbox option key to the option value', () => {
      const mapping = 'mappings/iep-snapshot.mapping.yaml';
      assert.deepEqual(
        findDefinition(ctx, uri(mapping), at(mapping, 'resourceRoom: Svc_ResourceRoom', 'resourceRoom')),
        [loc('forms/iep-snapshot.form.yaml', 'value: resourceRoom', 'resourceRoom')],
      );
    });

    it('goes from a repeater field key to the nested field', () => {
      const mapping = 'mappings/emergency-contacts.mapping.yaml';
      assert.deepEqual(findDefinition(ctx, uri(mapping), at(mapping, 'phone: ContactPhones', 'phone')), [
        loc('forms/emergency-contacts.form.yaml', 'id: phone', 'phone'),
      ]);
    });

    it('finds a field in mapping keys, the matching element and sandbox record values', () => {
      const form = 'forms/report-card.form.yaml';
      const refs = sorted(findReferences(ctx, uri(form), at(form, '- id: term', 'term'), true));
      const mapping = 'mappings/report-card.mapping.yaml';
      assert.ok(refs.includes(sorted([loc(mapping, 'field: term', 'term')])[0] ?? ''));
      assert.ok(refs.includes(sorted([loc(form, '- id: term', 'term')])[0] ?? ''));
      assert.ok(refs.some((r) => r.startsWith('sandbox/records.yaml')));
    });

    it('renames a field, an option and a repeater field; the workspace stays clean', async () => {
      const mapping = 'mappings/iep-snapshot.mapping.yaml';
      const form = 'forms/iep-snapshot.form.yaml';
      assert.equal(
        doRename(ctx, uri(mapping), at(mapping, 'caseManager: CaseManager', 'caseManager'), 'case manager'),
        null,
      );
      assert.equal(doRename(ctx, uri(mapping), at(mapping, 'caseManager: CaseManager', 'caseManager'), 'notes'), null);
      const field = doRename(ctx, uri(mapping), at(mapping, 'caseManager: CaseManager', 'caseManager'), 'caseLead');
      assert.ok(field);
      await applyWorkspaceEdit(field);
      assert.match(read(form), /- id: caseLead$/m);
      assert.match(read(mapping), /^ {2}caseLead: CaseManager$/m);

      const option = doRename(ctx, uri(form), at(form, 'value: counseling', 'counseling'), 'counselingServices');
      assert.ok(option);
      await applyWorkspaceEdit(option);
      assert.match(read(mapping), /^ {4}counselingServices: Svc_Counseling$/m);

      const contacts = 'mappings/emergency-contacts.mapping.yaml';
      const nested = doRename(ctx, uri(contacts), at(contacts, 'phone: ContactPhones', 'phone'), 'phoneNumber');
      assert.ok(nested);
      await applyWorkspaceEdit(nested);
      assert.match(read('forms/emergency-contacts.form.yaml'), /id: phoneNumber/);
      assert.deepEqual(workspace.problems, []);
    });
  });

  describe('columns', () => {
    it('goes from a bare-name expression to the header cell of the sample file', () => {
      const mapping = 'mappings/iep-snapshot.mapping.yaml';
      const found = findDefinition(ctx, uri(mapping), at(mapping, 'notes: Notes', 'Notes'));
      const header = read('sftp/iep/iep_snapshot.csv').split('\n')[0] ?? '';
      const start = header.indexOf('Notes');
      assert.deepEqual(found, [
        {
          uri: uri('sftp/iep/iep_snapshot.csv'),
          range: { start: { line: 0, character: start }, end: { line: 0, character: start + 5 } },
        },
      ]);
    });

    it('lands on the header cell the profiler reports (profileImport)', async () => {
      const grades = workspace.imports.find((d) => d.relativePath === 'imports/term-grades.import.yaml');
      assert.ok(grades);
      const profile = await profileImport(nodeFileSystem, workspace, grades);
      const real = snapshotContext(workspace, new Map([[grades.path, profile]]));
      const mapping = 'mappings/report-card.mapping.yaml';
      const header = read('sftp/grades/term_grades_2024-2025.csv').split('\n')[0] ?? '';
      const start = header.indexOf('MathGrade');
      assert.deepEqual(findDefinition(real, uri(mapping), at(mapping, 'mathGrade: MathGrade', 'MathGrade')), [
        {
          uri: uri('sftp/grades/term_grades_2024-2025.csv'),
          range: { start: { line: 0, character: start }, end: { line: 0, character: start + 'MathGrade'.length } },
        },
      ]);
    });

    it('finds a column in sort.column and mapping expressions, and from the header cell', () => {
      const config = 'imports/sis-nightly.import.yaml';
      const mapping = 'mappings/student-profile.mapping.yaml';
      const refs = findReferences(ctx, uri(config), at(config, 'column: LastName', 'LastName'), false);
      assert.deepEqual(
        sorted(refs),
        sorted([loc(config, 'column: LastName', 'LastName'), loc(mapping, 'lastName: LastName', 'LastName')]),
      );
      const header = read('sftp/sis/students_nightly.tsv').split('\n')[0] ?? '';
      const fromHeader = findReferences(
        ctx,
        uri('sftp/sis/students_nightly.tsv'),
        { line: 0, character: header.indexOf('LastName') + 1 },
        false,
      );
      assert.deepEqual(sorted(fromHeader), sorted(refs));
      assert.equal(
        prepareRename(ctx, uri('sftp/sis/students_nightly.tsv'), {
          line: 0,
          character: header.indexOf('LastName') + 1,
        }) !== null,
        true,
      );
    });

    it('finds names inside JSONata expressions', () => {
      const mapping = 'mappings/student-profile.mapping.yaml';
      const line = `gradeLevel: 'Grade = "KG" ? "K" : $string($number(Grade))'`;
      const position = at(mapping, line, 'Grade =', 1);
      const refs = findReferences(ctx, uri(mapping), position, false);
      const first = at(mapping, line, 'Grade =');
      const second = at(mapping, line, 'Grade))');
      assert.deepEqual(
        refs.map((r) => r.range),
        [
          { start: first, end: { line: first.line, character: first.character + 5 } },
          { start: second, end: { line: second.line, character: second.character + 5 } },
        ],
      );
    });

    it('goes from a column to the transformation output key (file and inline)', () => {
      const mapping = 'mappings/assessment-results.mapping.yaml';
      assert.deepEqual(findDefinition(ctx, uri(mapping), at(mapping, 'readingScale: ReadingScale', 'ReadingScale')), [
        loc('imports/transforms/assessments.jsonata', '"ReadingScale"', 'ReadingScale'),
      ]);
      const contacts = 'mappings/emergency-contacts.mapping.yaml';
      assert.deepEqual(findDefinition(ctx, uri(contacts), at(contacts, 'name: ContactNames', 'ContactNames')), [
        loc('imports/emergency-contacts.import.yaml', '"ContactNames"', 'ContactNames'),
      ]);
    });

    it('renames a column in its configuration and expressions, not in the data file', async () => {
      const mapping = 'mappings/student-profile.mapping.yaml';
      const position = at(mapping, `gradeLevel: 'Grade = "KG"`, 'Grade =');
      const edit = doRename(ctx, uri(mapping), position, 'GradeLevel');
      assert.ok(edit?.changes);
      assert.deepEqual(Object.keys(edit.changes), [uri(mapping)]);
      await applyWorkspaceEdit(edit);
      assert.match(read(mapping), /gradeLevel: 'GradeLevel = "KG" \? "K" : \$string\(\$number\(GradeLevel\)\)'/);

      const sis = 'imports/sis-nightly.import.yaml';
      const spaced = doRename(ctx, uri(sis), at(sis, 'column: LastName', 'LastName'), 'Last Name');
      assert.ok(spaced);
      await applyWorkspaceEdit(spaced);
      assert.match(read(sis), /column: Last Name$/m);
      assert.match(read(mapping), /lastName: "`Last Name`"$/m);

      const transformed = 'mappings/assessment-results.mapping.yaml';
      const keyEdit = doRename(
        ctx,
        uri(transformed),
        at(transformed, 'readingScale: ReadingScale', 'ReadingScale'),
        'ReadingScaleScore',
      );
      assert.ok(keyEdit);
      await applyWorkspaceEdit(keyEdit);
      assert.match(read('imports/transforms/assessments.jsonata'), /"ReadingScaleScore": \$number/);
      assert.match(read(transformed), /readingScale: ReadingScaleScore$/m);
      assert.doesNotMatch(read('sftp/sis/students_nightly.tsv').split('\n')[0] ?? '', /Last Name/);
      assert.deepEqual(workspace.problems, []);
    });
  });

  describe('incomplete documents', () => {
    it('answers nothing, without throwing, on a broken file or outside any name', async () => {
      const rel = 'mappings/iep-snapshot.mapping.yaml';
      writeFileSync(join(root, rel), 'form: [iep-snapshot\nimport: : :\nfields:\n  - {');
      await reload();
      for (let line = 0; line < 5; line++) {
        for (let character = 0; character < 14; character += 3) {
          const p = { line, character };
          assert.ok(Array.isArray(findDefinition(ctx, uri(rel), p)));
          assert.ok(Array.isArray(findReferences(ctx, uri(rel), p, true)));
          prepareRename(ctx, uri(rel), p);
          doRename(ctx, uri(rel), p, 'x');
        }
      }
      assert.deepEqual(findDefinition(ctx, uri('nowhere.yaml'), { line: 0, character: 0 }), []);
      assert.deepEqual(findDefinition(snapshotContext(undefined), uri(rel), { line: 0, character: 0 }), []);
    });
  });
});
