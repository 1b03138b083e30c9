/**
 * Data problems point at the source line that holds the offending value, one case per format:
 * csv (samples/broken, bad dates), tsv (the good SIS nightly, windows-1252, sorted: the line is
 * the row's line in the file, not its place in the sort), xml and json (a copy of the good
 * samples with one person id replaced, since no sample has a data problem in those formats; json
 * also gets `recordPath: $`, because a whole-document transformation has one record, line 1).
 */
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import type { Problem } from '../../engine/src/errors/problem';
import { nodeFileSystem } from '../../engine/src/io/nodeFileSystem';
import { loadWorkspace } from '../../engine/src/workspace';
import { brokenRoot, importByAlias, runImport, samplesRoot, workspaceAt } from './golden';

/** The 1-based line a problem's first location names; fails when it has no range. */
function lineOf(p: Problem): number {
  const range = p.locations[0]?.range;
  assert.ok(range, `${p.code} has no range: ${p.message}`);
  return range.start.line + 1;
}

/** The lines of a file: line n (1-based, as problems count here) is lines[n - 1]. */
function linesOf(path: string, encoding = 'utf-8'): string[] {
  return new TextDecoder(encoding).decode(readFileSync(path)).split(/\r?\n/);
}

const UNKNOWN_STATE_ID = '1000000001';
const UNKNOWN_EMAIL = 'nobody.here@students.hvusd.org';

const temp = mkdtempSync(join(tmpdir(), 'golden-locations-'));
after(() => rmSync(temp, { recursive: true, force: true }));

/** A copy of the good samples (without broken/ and .tools/) whose files `edit` may change. */
function samplesCopy(name: string, edit: (root: string) => void): string {
  const root = join(temp, name);
  cpSync(samplesRoot, root, {
    recursive: true,
    filter: (src) => src !== join(samplesRoot, 'broken') && src !== join(samplesRoot, '.tools'),
  });
  edit(root);
  return root;
}

/** Replaces the only occurrence of `from` in a file; fails when it is missing or repeated. */
function replaceOnce(path: string, from: string, to: string): void {
  const text = readFileSync(path, 'utf8');
  assert.equal(text.split(from).length, 2, `${path} must hold '${from}' exactly once`);
  writeFileSync(path, text.replace(from, to));
}

describe('golden: data problem locations', () => {
  it('csv: each bad date is on the line the problem names', async () => {
    const ws = await workspaceAt(brokenRoot);
    const result = await runImport(ws, importByAlias(ws, 'iep-bad-dates'));
    const problems = result.problems.filter((p) => p.code === 'E0009');
    assert.deepEqual(
      problems.map((p) => p.data?.value),
      ['2024-13-05', '9/15/2024', '2024-02-30', 'TBD'],
    );
    const lines = linesOf(join(brokenRoot, 'sftp/iep/iep_bad_dates.csv'));
    const header = (lines[0] ?? '').split(',');
    for (const p of problems) {
      const location = p.locations[0];
      assert.equal(location?.file, 'sftp/iep/iep_bad_dates.csv');
      assert.equal(location?.column, 'NextReviewDate');
      // The date columns come before Notes (the only quoted, multi-line cell), so a plain split holds.
      const cells = (lines[lineOf(p) - 1] ?? '').split(',');
      assert.equal(cells[header.indexOf('NextReviewDate')], p.data?.value, `line ${lineOf(p)}`);
    }
  });

  it('tsv: each unknown student number is on the line the problem names (windows-1252, sorted rows)', async () => {
    const ws = await workspaceAt(samplesRoot);
    const result = await runImport(ws, importByAlias(ws, 'sis-nightly'));
    const problems = result.problems.filter((p) => p.code === 'E0016');
    assert.equal(problems.length, 2);
    const lines = linesOf(join(samplesRoot, 'sftp/sis/students_nightly.tsv'), 'windows-1252');
    const found = problems.map((p) => {
      assert.equal(p.locations[0]?.column, 'StudentNumber');
      const cells = (lines[lineOf(p) - 1] ?? '').split('\t');
      return `${cells[0]} ${cells[2]} ${cells[1]}`;
    });
    assert.deepEqual(found.sort(), ['049113 Martín Ibáñez', '049127 Aoife Ó Súilleabháin']);
  });

  it("xml: a student with an unknown state id is located at that <Student>'s start tag", async () => {
    const xml = 'sftp/assessments/northstar_results_2024-2025.xml';
    const root = samplesCopy('xml', (dir) => {
      // The fifth student: not the first record, so an off-by-one or "always line 1" shows.
      const text = readFileSync(join(dir, xml), 'utf8');
      const id = [...text.matchAll(/<Student id="(\d+)"/g)][4]?.[1];
      assert.ok(id);
      replaceOnce(join(dir, xml), `<Student id="${id}"`, `<Student id="${UNKNOWN_STATE_ID}"`);
    });
    const ws = await loadWorkspace(nodeFileSystem, root);
    const result = await runImport(ws, importByAlias(ws, 'assessments'));
    const problems = result.problems.filter((p) => p.code === 'E0016');
    // One row per testing window the student took, each from the same <Student> record.
    assert.ok(problems.length >= 1, 'an E0016 for the unknown id');
    const lines = linesOf(join(root, xml));
    for (const p of problems) {
      assert.equal(p.locations[0]?.file, xml);
      assert.match(lines[lineOf(p) - 1] ?? '', new RegExp(`^\\s*<Student id="${UNKNOWN_STATE_ID}"`));
    }
  });

  it("json: a student with an unknown email is located at that record's opening brace", async () => {
    const file = 'sftp/contacts/emergency_contacts.json';
    const root = samplesCopy('json', (dir) => {
      const importFile = join(dir, 'imports/emergency-contacts.import.yaml');
      replaceOnce(importFile, '  dateFormat: yyyy-MM-dd\n', '  dateFormat: yyyy-MM-dd\n  recordPath: $\n');
      const docs = JSON.parse(readFileSync(join(dir, file), 'utf8')) as { student: { email: string } }[];
      const email = docs[6]?.student.email;
      assert.ok(email);
      replaceOnce(join(dir, file), `"email": "${email}"`, `"email": "${UNKNOWN_EMAIL}"`);
    });
    const ws = await loadWorkspace(nodeFileSystem, root);
    const result = await runImport(ws, importByAlias(ws, 'emergency-contacts'));
    assert.equal(result.counts.recordsRead, 345, 'recordPath $ streams one record per student');
    const problems = result.problems.filter((p) => p.code === 'E0016');
    assert.equal(problems.length, 1);
    const lines = linesOf(join(root, file));
    // The record holding the email starts at the nearest "  {" above the email's line.
    const emailLine = lines.findIndex((l) => l.includes(`"email": "${UNKNOWN_EMAIL}"`)) + 1;
    let start = emailLine;
    while (start > 1 && lines[start - 1] !== '  {') start--;
    assert.ok(start > 2, 'the seventh record, not the first');
    assert.equal(lineOf(problems[0]!), start);
  });
});
