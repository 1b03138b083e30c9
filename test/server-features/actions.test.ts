/**
 * Quick fixes on a copy of samples/broken: each fix's edit is applied to the file, the workspace is
 * reloaded (or the import dry-run again), and the problem it fixes must be gone.
 */
import assert from 'node:assert/strict';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after, before, beforeEach, describe, it } from 'node:test';
import type { CodeAction, Diagnostic, Position, TextEdit, WorkspaceEdit } from 'vscode-languageserver-types';
import type { Problem } from '../../engine/src/errors/problem';
import { nodeFileSystem } from '../../engine/src/io/nodeFileSystem';
import type { DataProfile } from '../../engine/src/profile/types';
import { dataChecks, profileImport } from '../../engine/src/profile';
import { dryRunWorkspaceImport } from '../../engine/src/run/dryRunWorkspaceImport';
import { loadWorkspace } from '../../engine/src/workspace';
import type { Workspace } from '../../engine/src/workspace/types';
import { codeActions } from '../../server/src/service/actions';
import type { ServiceContext } from '../../server/src/service/context';
import { snapshotContext } from '../../server/src/service/snapshotContext';
import { toDiagnostic } from '../../server/src/service/toDiagnostic';
import { pathToUri, uriToPath } from '../../server/src/service/uri';

const broken = join(__dirname, '..', '..', 'samples', 'broken');
let root = '';
let workspace: Workspace;
let ctx: ServiceContext;
let profiles = new Map<string, DataProfile>();

async function reload(): Promise<void> {
  workspace = await loadWorkspace(nodeFileSystem, root);
  ctx = snapshotContext(workspace, profiles);
}

function uri(rel: string): string {
  return pathToUri(`${root.replaceAll('\\', '/')}/${rel}`);
}

function read(rel: string): string {
  return readFileSync(join(root, rel), 'utf8');
}

function problemsOf(rel: string, code: string, problems: readonly Problem[] = workspace.problems): Problem[] {
  return problems.filter((p) => p.code === code && p.locations[0]?.file === rel);
}

function diagnosticOf(rel: string, code: string, problems?: readonly Problem[]): Diagnostic {
  const [problem] = problemsOf(rel, code, problems);
  assert.ok(problem, `no ${code} on ${rel}`);
  return toDiagnostic(problem, rel);
}

function actionsFor(rel: string, diagnostic: Diagnostic): CodeAction[] {
  return codeActions(ctx, uri(rel), diagnostic.range, [diagnostic]);
}

function applyEdits(text: string, edits: TextEdit[]): string {
  const starts = [0];
  for (let i = 0; i < text.length; i++) if (text[i] === '\n') starts.push(i + 1);
  const offset = (p: Position) => (starts[p.line] ?? text.length) + p.character;
  return [...edits]
    .sort((a, b) => offset(b.range.start) - offset(a.range.start))
    .reduce((t, e) => t.slice(0, offset(e.range.start)) + e.newText + t.slice(offset(e.range.end)), text);
}

async function apply(edit: WorkspaceEdit | undefined): Promise<void> {
  assert.ok(edit);
  const write = (target: string, edits: TextEdit[]) => {
    const path = uriToPath(target);
    writeFileSync(path, applyEdits(existsSync(path) ? readFileSync(path, 'utf8') : '', edits));
  };
  for (const [target, edits] of Object.entries(edit.changes ?? {})) write(target, edits);
  for (const change of edit.documentChanges ?? []) {
    if ('kind' in change) {
      assert.equal(change.kind, 'create');
      mkdirSync(dirname(uriToPath(change.uri)), { recursive: true });
      if (!existsSync(uriToPath(change.uri))) writeFileSync(uriToPath(change.uri), '');
    } else write(change.textDocument.uri, change.edits as TextEdit[]);
  }
  await reload();
}

function preferred(actions: CodeAction[]): CodeAction {
  const found = actions.filter((a) => a.isPreferred);
  assert.equal(found.length, 1, `expected one preferred fix, got: ${actions.map((a) => a.title).join(' | ')}`);
  return found[0] as CodeAction;
}

function titled(actions: CodeAction[], title: string): CodeAction {
  const found = actions.find((a) => a.title === title);
  assert.ok(found, `no fix '${title}' among: ${actions.map((a) => a.title).join(' | ')}`);
  return found;
}

/** The schema and cross-file problems of one file, as the editor shows them. */
function remaining(rel: string): string[] {
  return workspace.problems.filter((p) => p.locations.some((l) => l.file === rel)).map((p) => p.code);
}

describe('quick fixes', () => {
  before(() => {
    root = mkdtempSync(join(tmpdir(), 'fix-'));
  });
  beforeEach(async () => {
    rmSync(root, { recursive: true, force: true });
    cpSync(broken, root, { recursive: true });
    profiles = new Map();
    await reload();
  });
  after(() => rmSync(root, { recursive: true, force: true }));

  it('renames an unknown key to the suggested key (E0033)', async () => {
    const rel = 'imports/unknown-key.import.yaml';
    const action = preferred(actionsFor(rel, diagnosticOf(rel, 'E0033')));
    assert.equal(action.title, "Rename key 'recordMatch' to 'recordMatching'");
    assert.equal(action.kind, 'quickfix');
    await apply(action.edit);
    assert.match(read(rel), /^recordMatching: true$/m);
    assert.deepEqual(remaining(rel), []);
  });

  it('offers the allowed values for an enum with no near miss (E0033)', async () => {
    const rel = 'imports/bad-format.import.yaml';
    const actions = actionsFor(rel, diagnosticOf(rel, 'E0033'));
    assert.deepEqual(
      actions.map((a) => a.title),
      ["Change 'xls' to 'csv'", "Change 'xls' to 'tsv'", "Change 'xls' to 'xml'", "Change 'xls' to 'json'"],
    );
    assert.ok(actions.every((a) => !a.isPreferred));
    await apply(titled(actions, "Change 'xls' to 'csv'").edit);
    assert.deepEqual(remaining(rel), []);

    const form = 'forms/bad-field-type.form.yaml';
    await apply(titled(actionsFor(form, diagnosticOf(form, 'E0033')), "Change 'select' to 'dropdown'").edit);
    assert.match(read(form), /^ {4}type: dropdown$/m);
    assert.deepEqual(remaining(form), []);
  });

  it('adds a missing required key with a placeholder from the schema (E0033)', async () => {
    const rel = 'imports/missing-key.import.yaml';
    const action = preferred(actionsFor(rel, diagnosticOf(rel, 'E0033')));
    assert.equal(action.title, "Add missing key 'matchOn'");
    await apply(action.edit);
    assert.match(
      read(rel),
      /^personMatching:\n {2}idColumn: StateStudentID\n {2}matchOn: localId\nrecordMatching: false/m,
    );
    assert.deepEqual(remaining(rel), []);
  });

  it('adds missing keys at the root and in a JSON object', async () => {
    const rel = 'imports/new.import.yaml';
    writeFileSync(join(root, rel), 'name: New\nalias: new-import\n');
    const json = 'imports/new-json.import.json';
    writeFileSync(
      join(root, json),
      '{\n  "name": "New",\n  "alias": "new-json",\n  "source": { "type": "sftp", "file": "iep/iep_snapshot.csv", "format": "csv", "dateFormat": "yyyy-MM-dd" }\n}\n',
    );
    await reload();
    const action = preferred(actionsFor(rel, diagnosticOf(rel, 'E0033')));
    assert.equal(action.title, "Add missing keys 'source', 'personMatching'");
    await apply(action.edit);
    assert.deepEqual(remaining(rel), []);
    await apply(preferred(actionsFor(json, diagnosticOf(json, 'E0033'))).edit);
    assert.match(
      read(json),
      /"personMatching": \{"idColumn":"StudentID","matchOn":"localId","ignoreLeadingZeros":true\}\n\}/,
    );
    assert.deepEqual(remaining(json), []);
  });

  it('rewrites an alias to fit the alias pattern (E0033)', async () => {
    const rel = 'imports/bad-alias-name.import.yaml';
    const action = preferred(actionsFor(rel, diagnosticOf(rel, 'E0033')));
    assert.equal(action.title, "Change 'IEP Snapshot' to 'iep-snapshot'");
    await apply(action.edit);
    assert.deepEqual(remaining(rel), []);
  });

  it('corrects the case of date tokens (E0043)', async () => {
    const rel = 'imports/bad-date-pattern.import.yaml';
    const action = preferred(actionsFor(rel, diagnosticOf(rel, 'E0043')));
    assert.equal(action.title, "Change 'mm/dd/yyyy' to 'MM/dd/yyyy'");
    await apply(action.edit);
    assert.deepEqual(remaining(rel), []);
  });

  for (const rel of [
    'imports/assessments-no-transformation.import.yaml',
    'imports/contacts-no-transformation.import.yaml',
  ]) {
    it(`adds an inline transformation skeleton (E0014, ${rel})`, async () => {
      const action = preferred(actionsFor(rel, diagnosticOf(rel, 'E0014')));
      assert.equal(action.title, 'Add an inline transformation');
      await apply(action.edit);
      assert.match(read(rel), /^transformation:\n {2}expression: \|\n {4}\/\* Return one flat object per row/m);
      assert.deepEqual(remaining(rel), []);
    });
  }

  it('adds a transformation file with its skeleton (E0014)', async () => {
    const rel = 'imports/assessments-no-transformation.import.yaml';
    const action = titled(
      actionsFor(rel, diagnosticOf(rel, 'E0014')),
      'Add a transformation file (transforms/assessments-no-transformation.jsonata)',
    );
    await apply(action.edit);
    assert.match(read('imports/transforms/assessments-no-transformation.jsonata'), /"StateID": StateID/);
    assert.deepEqual(remaining(rel), []);
    assert.deepEqual(
      workspace.jsonata.map((j) => j.relativePath),
      ['imports/transforms/assessments-no-transformation.jsonata'],
    );
  });

  it('adds a matching element on the form key field (E0018)', async () => {
    const rel = 'mappings/grades-no-matching-element.mapping.yaml';
    const action = preferred(actionsFor(rel, diagnosticOf(rel, 'E0018')));
    assert.equal(action.title, "Add a matching element on 'term'");
    await apply(action.edit);
    assert.match(read(rel), /^matchingElement:\n {2}field: term\n {2}expression: Term\nfields:/m);
    assert.deepEqual(remaining(rel), []);
  });

  it('maps the required fields a mapping leaves out to the closest sample columns (E0048)', async () => {
    const rel = 'mappings/iep-required-unmapped.mapping.yaml';
    const importDoc = workspace.imports.find((d) => d.value?.alias === 'iep-required-unmapped');
    assert.ok(importDoc);
    const profile = await profileImport(nodeFileSystem, workspace, importDoc);
    profiles = new Map([[importDoc.path, profile]]);
    ctx = snapshotContext(workspace, profiles);
    const action = preferred(actionsFor(rel, diagnosticOf(rel, 'E0048')));
    assert.equal(action.title, "Map the required fields 'caseManager', 'iepDate'");
    await apply(action.edit);
    // caseManager and iepDate match CaseManager and IEPDate, case and punctuation aside.
    assert.match(read(rel), /^ {2}notes: Notes\n {2}caseManager: CaseManager\n {2}iepDate: IEPDate\n/m);
    assert.deepEqual(remaining(rel), []);
    const reloaded = workspace.imports.find((d) => d.value?.alias === 'iep-required-unmapped');
    assert.ok(reloaded);
    assert.deepEqual(
      dataChecks(workspace, reloaded, profile).filter((p) => p.locations[0]?.file === rel),
      [],
      'the columns it chose are in the sample',
    );
  });

  it('maps a required choice field one option at a time, by label when the label names the column (E0048)', async () => {
    const form = 'forms/consent.form.yaml';
    writeFileSync(
      join(root, form),
      [
        'id: consent',
        'title: Consent',
        'fields:',
        '  - id: plan',
        '    type: radio',
        '    required: true',
        '    options: [{ value: S, label: Speech services }, { value: T, label: Transportation }]',
        '  - { id: reviewer, label: Case manager, type: text, required: true }',
        '  - { id: note, type: text }',
        '',
      ].join('\n'),
    );
    const rel = 'mappings/consent.mapping.yaml';
    writeFileSync(join(root, rel), 'form: consent\nimport: iep-required-unmapped\nfields:\n  note: Notes\n');
    await reload();
    const importDoc = workspace.imports.find((d) => d.value?.alias === 'iep-required-unmapped');
    assert.ok(importDoc);
    profiles = new Map([[importDoc.path, await profileImport(nodeFileSystem, workspace, importDoc)]]);
    ctx = snapshotContext(workspace, profiles);
    const action = preferred(actionsFor(rel, diagnosticOf(rel, 'E0048')));
    assert.equal(action.title, "Map the required fields 'plan', 'reviewer'");
    await apply(action.edit);
    assert.match(read(rel), /^ {2}plan:\n {4}S: Svc_Speech\n {4}T: Svc_Transportation\n {2}reviewer: CaseManager\n/m);
    assert.deepEqual(remaining(rel), []);
  });

  it('maps each option of a checkbox group mapped with one expression (E0041)', async () => {
    const rel = 'mappings/iep-group-mismatch.mapping.yaml';
    const action = preferred(actionsFor(rel, diagnosticOf(rel, 'E0041')));
    assert.equal(action.title, "Map each option of 'services'");
    await apply(action.edit);
    assert.match(read(rel), /^ {2}services:\n {4}speech: Svc_Speech\n {4}occupationalTherapy: OccupationalTherapy\n/m);
    assert.deepEqual(remaining(rel), []);
  });

  it('replaces an unknown field, form or alias with the suggestion (E0025, E0024, E0023)', async () => {
    const field = 'mappings/iep-unknown-field.mapping.yaml';
    const fieldFix = preferred(actionsFor(field, diagnosticOf(field, 'E0025')));
    assert.equal(fieldFix.title, "Rename key 'nextReviewDte' to 'nextReviewDate'");
    await apply(fieldFix.edit);
    assert.deepEqual(remaining(field), []);

    const form = 'mappings/iep-unknown-form.mapping.yaml';
    const formFix = preferred(actionsFor(form, diagnosticOf(form, 'E0024')));
    assert.equal(formFix.title, "Change 'iep-snapshots' to 'iep-snapshot'");
    await apply(formFix.edit);
    assert.deepEqual(remaining(form), []);

    // No alias of this workspace is near 'iep-snapshots': no fix rather than a wild guess.
    const alias = 'mappings/unknown-alias.mapping.yaml';
    assert.deepEqual(actionsFor(alias, diagnosticOf(alias, 'E0023')), []);
    writeFileSync(join(root, alias), read(alias).replace('import: iep-snapshots', 'import: "iep-bad-date"'));
    await reload();
    const aliasFix = preferred(actionsFor(alias, diagnosticOf(alias, 'E0023')));
    await apply(aliasFix.edit);
    assert.match(read(alias), /^import: "iep-bad-dates"$/m);
    assert.deepEqual(remaining(alias), []);
  });

  it('replaces a column inside an expression and a sort column (E0038, E0005 from a dry run)', async () => {
    const rel = 'mappings/grades-unknown-column.mapping.yaml';
    const grades = workspace.imports.find((d) => d.value?.alias === 'grades-unknown-column');
    assert.ok(grades);
    const run = await dryRunWorkspaceImport(nodeFileSystem, workspace, grades);
    assert.ok(run.ok);
    const action = preferred(actionsFor(rel, diagnosticOf(rel, 'E0038', run.result.problems)));
    assert.equal(action.title, "Change column 'Math_Grade' to 'MathGrade'");
    await apply(action.edit);
    assert.match(read(rel), /^ {2}mathGrade: MathGrade$/m);
    const again = await dryRunWorkspaceImport(
      nodeFileSystem,
      workspace,
      workspace.imports.find((d) => d.value?.alias === 'grades-unknown-column') ?? grades,
    );
    assert.ok(again.ok);
    assert.deepEqual(problemsOf(rel, 'E0038', again.result.problems), []);

    const sis = 'imports/sis-bad-sort.import.yaml';
    const sort = workspace.imports.find((d) => d.value?.alias === 'sis-bad-sort');
    assert.ok(sort);
    const sorted = await dryRunWorkspaceImport(nodeFileSystem, workspace, sort);
    assert.ok(sorted.ok);
    await apply(preferred(actionsFor(sis, diagnosticOf(sis, 'E0005', sorted.result.problems))).edit);
    assert.match(read(sis), /^ {2}column: LastName$/m);
  });

  it('fixes the data-aware problems of the profiled sample (E0038, E0009) and leaves data values alone (E0028)', async () => {
    const checks = async (alias: string) => {
      const doc = workspace.imports.find((d) => d.value?.alias === alias);
      assert.ok(doc);
      const profile = await profileImport(nodeFileSystem, workspace, doc);
      profiles = new Map([[doc.path, profile]]);
      ctx = snapshotContext(workspace, profiles);
      return dataChecks(workspace, doc, profile);
    };
    const rel = 'mappings/grades-unknown-column.mapping.yaml';
    const column = diagnosticOf(rel, 'E0038', await checks('grades-unknown-column'));
    const action = preferred(actionsFor(rel, column));
    assert.equal(action.title, "Change column 'Math_Grade' to 'MathGrade'");
    await apply(action.edit);
    assert.deepEqual(problemsOf(rel, 'E0038', await checks('grades-unknown-column')), []);

    // The file writes yyyy-MM-dd; configured as M/d/yyyy, the profile suggests the format that fits.
    const importRel = 'imports/iep-unknown-field.import.yaml';
    writeFileSync(join(root, importRel), read(importRel).replace('dateFormat: yyyy-MM-dd', 'dateFormat: M/d/yyyy'));
    await reload();
    const dates = diagnosticOf(importRel, 'E0009', await checks('iep-unknown-field'));
    const dateFix = preferred(actionsFor(importRel, dates));
    assert.equal(dateFix.title, "Set source.dateFormat to 'yyyy-MM-dd'");
    await apply(dateFix.edit);
    assert.deepEqual(problemsOf(importRel, 'E0009', await checks('iep-unknown-field')), []);

    const dropdown = 'mappings/iep-bad-dropdown.mapping.yaml';
    const options = diagnosticOf(dropdown, 'E0028', await checks('iep-bad-dropdown'));
    assert.deepEqual(actionsFor(dropdown, options), []);
  });

  it('switches source.dateFormat and source.encoding to the suggested ones (E0009, E0026)', async () => {
    const rel = 'imports/iep-bad-dates.import.yaml';
    const line = read(rel)
      .split('\n')
      .findIndex((l) => l.includes('dateFormat'));
    const range = { start: { line, character: 14 }, end: { line, character: 24 } };
    const dates: Diagnostic = {
      range,
      message: 'dates',
      code: 'E0009',
      data: { code: 'E0009', suggestedFormat: 'M/d/yyyy' },
    };
    const action = preferred(actionsFor(rel, dates));
    assert.equal(action.title, "Set source.dateFormat to 'M/d/yyyy'");
    await apply(action.edit);
    assert.match(read(rel), /^ {2}dateFormat: M\/d\/yyyy$/m);

    // Shown on the mapping, the fix still edits the import the mapping reads.
    const mapping = 'mappings/iep-bad-dates.mapping.yaml';
    const onMapping: Diagnostic = {
      range: { start: { line: 1, character: 0 }, end: { line: 1, character: 4 } },
      message: 'enc',
      data: { code: 'E0026', suggestedEncoding: 'windows-1252' },
    };
    await apply(preferred(actionsFor(mapping, onMapping)).edit);
    assert.match(read(rel), /^ {2}encoding: windows-1252$/m);

    // An import without source.encoding gets the key added.
    const sis = 'imports/iep-unknown-field.import.yaml';
    writeFileSync(join(root, sis), read(sis).replace('  encoding: utf-8\n', ''));
    await reload();
    const csv = 'sftp/iep/iep_snapshot.csv';
    const onData: Diagnostic = {
      range: { start: { line: 3, character: 0 }, end: { line: 3, character: 1 } },
      message: 'enc',
      data: { code: 'E0026', suggestedEncoding: 'utf-16le', alias: 'iep-unknown-field' },
    };
    await apply(preferred(codeActions(ctx, uri(csv), onData.range, [onData])).edit);
    assert.match(read(sis), /^ {2}dateFormat: yyyy-MM-dd\n {2}encoding: utf-16le\n/m);
    assert.deepEqual(remaining(rel), []);
    assert.deepEqual(remaining(sis), []);
  });

  it('offers nothing for diagnostics outside the range or without data, and never throws', async () => {
    const rel = 'imports/unknown-key.import.yaml';
    const diagnostic = diagnosticOf(rel, 'E0033');
    assert.deepEqual(
      codeActions(ctx, uri(rel), { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } }, [diagnostic]),
      [],
    );
    const bare: Diagnostic = { range: diagnostic.range, message: 'x' };
    assert.deepEqual(codeActions(ctx, uri(rel), bare.range, [bare]), []);
    writeFileSync(join(root, rel), 'name: [\nalias: : x\n');
    await reload();
    assert.ok(Array.isArray(codeActions(ctx, uri(rel), diagnostic.range, [diagnostic])));
  });
});
