/** Outline, folding, smart selection, document links and code lenses on a copy of samples/. */
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { type DocumentSymbol, SymbolKind } from 'vscode-languageserver-types';
import { nodeFileSystem } from '../../engine/src/io/nodeFileSystem';
import { loadWorkspace } from '../../engine/src/workspace';
import type { ServiceContext } from '../../server/src/service/context';
import { snapshotContext } from '../../server/src/service/snapshotContext';
import {
  codeLenses,
  documentLinks,
  documentSymbols,
  foldingRanges,
  selectionRanges,
} from '../../server/src/service/symbols';
import { pathToUri } from '../../server/src/service/uri';

const samples = join(__dirname, '..', '..', 'samples');
let root = '';
let ctx: ServiceContext;

function uri(rel: string): string {
  return pathToUri(`${root.replaceAll('\\', '/')}/${rel}`);
}

function lineOf(rel: string, text: string): number {
  const line = readFileSync(join(root, rel), 'utf8')
    .split('\n')
    .findIndex((l) => l.includes(text));
  assert.ok(line >= 0, `no '${text}' in ${rel}`);
  return line;
}

function names(symbols: DocumentSymbol[]): string[] {
  return symbols.map((s) => s.name);
}

describe('document structure', () => {
  before(async () => {
    root = mkdtempSync(join(tmpdir(), 'sym-'));
    cpSync(samples, root, { recursive: true });
    rmSync(join(root, 'broken'), { recursive: true, force: true });
    ctx = snapshotContext(await loadWorkspace(nodeFileSystem, root));
  });
  after(() => rmSync(root, { recursive: true, force: true }));

  describe('documentSymbols', () => {
    it('outlines an import configuration by its sections', () => {
      const symbols = documentSymbols(ctx, uri('imports/iep-snapshot.import.yaml'));
      assert.deepEqual(names(symbols), [
        'name',
        'alias',
        'description',
        'source',
        'personMatching',
        'recordMatching',
        'runOptions',
      ]);
      const source = symbols.find((s) => s.name === 'source');
      assert.equal(source?.kind, SymbolKind.Module);
      assert.deepEqual(names(source?.children ?? []), ['type', 'file', 'format', 'encoding', 'dateFormat']);
      assert.equal(source?.children?.find((c) => c.name === 'file')?.detail, 'iep/iep_snapshot.csv');
      const line = lineOf('imports/iep-snapshot.import.yaml', 'source:');
      assert.deepEqual(source?.selectionRange, { start: { line, character: 0 }, end: { line, character: 6 } });
    });

    it('outlines a form by field id with its type, options and repeater fields nested', () => {
      const symbols = documentSymbols(ctx, uri('forms/iep-snapshot.form.yaml'));
      const fields = symbols.find((s) => s.name === 'fields')?.children ?? [];
      assert.deepEqual(names(fields), [
        'disability',
        'caseManager',
        'iepDate',
        'nextReviewDate',
        'reevaluationDate',
        'services',
        'notes',
      ]);
      const services = fields.find((f) => f.name === 'services');
      assert.equal(services?.kind, SymbolKind.Field);
      assert.equal(services?.detail, 'checkbox · Related services');
      const options = services?.children?.find((c) => c.name === 'options')?.children ?? [];
      assert.equal(options[0]?.name, 'speech');
      assert.equal(options[0]?.kind, SymbolKind.EnumMember);
      const contacts = documentSymbols(ctx, uri('forms/emergency-contacts.form.yaml'))
        .find((s) => s.name === 'fields')
        ?.children?.find((f) => f.name === 'contacts');
      assert.deepEqual(names(contacts?.children?.find((c) => c.name === 'fields')?.children ?? []), [
        'name',
        'relationship',
        'phone',
      ]);
    });

    it('outlines a mapping by field with its expression', () => {
      const symbols = documentSymbols(ctx, uri('mappings/report-card.mapping.yaml'));
      assert.deepEqual(names(symbols), ['form', 'import', 'matchingElement', 'fields']);
      const fields = symbols.find((s) => s.name === 'fields')?.children ?? [];
      assert.equal(fields.find((f) => f.name === 'mathGrade')?.detail, 'MathGrade');
      assert.equal(fields.find((f) => f.name === 'mathGrade')?.kind, SymbolKind.Field);
      assert.deepEqual(names(fields.find((f) => f.name === 'effort')?.children ?? []), [
        'excellent',
        'good',
        'satisfactory',
        'needsImprovement',
      ]);
    });

    it('outlines sandbox records by id and the workspace file by key; nothing for unknown files', () => {
      const records = documentSymbols(ctx, uri('sandbox/records.yaml'))[0]?.children ?? [];
      assert.ok(records.length > 0);
      assert.match(records[0]?.name ?? '', /^R-/);
      assert.deepEqual(names(documentSymbols(ctx, uri('importstudio.yaml'))), [
        'version',
        'name',
        'sftpRoot',
        'sandbox',
        'dryRun',
      ]);
      assert.deepEqual(documentSymbols(ctx, uri('nope.yaml')), []);
    });
  });

  describe('foldingRanges', () => {
    it('folds sections, list items, block scalars and comment runs', () => {
      const rel = 'imports/emergency-contacts.import.yaml';
      const folds = foldingRanges(ctx, uri(rel));
      const source = lineOf(rel, 'source:');
      assert.ok(folds.some((f) => f.startLine === source && f.endLine === lineOf(rel, 'dateFormat:')));
      const expression = lineOf(rel, 'expression: |');
      assert.ok(folds.some((f) => f.startLine === expression && f.endLine === lineOf(rel, '    }')));
      assert.ok(folds.some((f) => f.kind === 'comment' && f.startLine === 0 && f.endLine === 1));
      const form = 'forms/iep-snapshot.form.yaml';
      const field = lineOf(form, '- id: caseManager');
      assert.ok(foldingRanges(ctx, uri(form)).some((f) => f.startLine === field && f.endLine === field + 4));
    });

    it('folds brackets and comments in a .jsonata file', () => {
      const rel = 'imports/transforms/assessments.jsonata';
      const folds = foldingRanges(ctx, uri(rel));
      assert.ok(folds.some((f) => f.kind === 'comment' && f.startLine === 0));
      const open = lineOf(rel, 'Administration.{');
      assert.ok(folds.some((f) => f.startLine === open && f.endLine === lineOf(rel, '"Comment": Comment')));
    });
  });

  describe('selectionRanges', () => {
    it('grows from a column inside an expression to the whole document', () => {
      const rel = 'mappings/student-profile.mapping.yaml';
      const line = lineOf(rel, 'gradeLevel:');
      const text = readFileSync(join(root, rel), 'utf8').split('\n')[line] ?? '';
      const character = text.indexOf('Grade =') + 2;
      const [chain] = selectionRanges(ctx, uri(rel), [{ line, character }]);
      const ranges = [];
      for (let r = chain; r; r = r.parent) ranges.push(r.range);
      const start = text.indexOf('Grade =');
      assert.deepEqual(ranges[0], { start: { line, character: start }, end: { line, character: start + 5 } });
      // The expression without its quotes, then with them, then the key-value pair.
      const quote = text.indexOf("'");
      assert.deepEqual(ranges[1], { start: { line, character: quote + 1 }, end: { line, character: text.length - 1 } });
      assert.deepEqual(ranges[2], { start: { line, character: quote }, end: { line, character: text.length } });
      assert.deepEqual(ranges[3], { start: { line, character: 2 }, end: { line, character: text.length } });
      assert.deepEqual(ranges[ranges.length - 1]?.start, { line: 0, character: 0 });
    });
  });

  describe('documentLinks', () => {
    it('links the source file under the SFTP root and the transformation file', () => {
      const links = documentLinks(ctx, uri('imports/assessments.import.yaml'));
      assert.deepEqual(
        links.map((l) => l.target),
        [uri('sftp/assessments/northstar_results_2024-2025.xml'), uri('imports/transforms/assessments.jsonata')],
      );
      const line = lineOf('imports/assessments.import.yaml', 'file: transforms/');
      assert.deepEqual(links[1]?.range, { start: { line, character: 8 }, end: { line, character: 38 } });
    });

    it('links the sandbox files of importstudio.yaml', () => {
      assert.deepEqual(
        documentLinks(ctx, uri('importstudio.yaml')).map((l) => l.target),
        [uri('sandbox/people.csv'), uri('sandbox/records.yaml')],
      );
    });
  });

  describe('codeLenses', () => {
    it('shows Dry run and the mapping and form counts above an import', () => {
      const rel = 'imports/iep-snapshot.import.yaml';
      const lenses = codeLenses(ctx, uri(rel));
      assert.deepEqual(lenses[0]?.command, { title: 'Dry run', command: 'importStudio.dryRun', arguments: [uri(rel)] });
      assert.equal(lenses[0]?.range.start.line, lineOf(rel, 'name: IEP Snapshot Data'));
      assert.equal(lenses[1]?.command?.title, '1 mapping · 1 form');
      assert.equal(lenses[1]?.command?.command, 'importStudio.showReferences');
      const locations = lenses[1]?.command?.arguments?.[2] as { uri: string }[];
      assert.deepEqual(
        locations.map((l) => l.uri),
        [uri('mappings/iep-snapshot.mapping.yaml'), uri('forms/iep-snapshot.form.yaml')],
      );
    });

    it('shows how many mappings use a form', () => {
      const lenses = codeLenses(ctx, uri('forms/report-card.form.yaml'));
      assert.equal(lenses.length, 1);
      assert.equal(lenses[0]?.command?.title, 'used by 1 mapping');
      assert.deepEqual(codeLenses(ctx, uri('mappings/report-card.mapping.yaml')), []);
    });
  });
});
