/**
 * Quick fixes from diagnostics: each diagnostic carries its problem's code and machine-readable
 * data (suggestions, missing keys, suggested formats...), and each fixer turns what it understands
 * into code actions with exact workspace edits. Pure, and never throws: a fixer that cannot place
 * its edit offers nothing.
 */
import type { CodeAction, Diagnostic, Range } from 'vscode-languageserver-types';
import { isRecord } from '../../../../engine/src/workspace/pointer';
import type { ServiceContext } from '../context';
import type { Fixer } from './context';
import { patternFixes, replaceFixes } from './replaceFixes';
import { requiredFieldFixes } from './requiredFieldFixes';
import { dataFixes, groupMapFixes, matchingElementFixes, missingKeyFixes, transformationFixes } from './structureFixes';

const fixers: Fixer[] = [
  replaceFixes,
  patternFixes,
  missingKeyFixes,
  transformationFixes,
  matchingElementFixes,
  groupMapFixes,
  dataFixes,
  requiredFieldFixes,
];

function overlaps(a: Range, b: Range): boolean {
  const before = (x: Range['start'], y: Range['start']) =>
    x.line < y.line || (x.line === y.line && x.character < y.character);
  return !before(a.end, b.start) && !before(b.end, a.start);
}

export function codeActions(ctx: ServiceContext, uri: string, range: Range, diagnostics: Diagnostic[]): CodeAction[] {
  const doc = ctx.document(uri);
  const actions: CodeAction[] = [];
  for (const diagnostic of diagnostics) {
    if (!overlaps(diagnostic.range, range)) continue;
    const data = isRecord(diagnostic.data) ? diagnostic.data : {};
    const code = typeof data.code === 'string' ? data.code : typeof diagnostic.code === 'string' ? diagnostic.code : '';
    for (const fixer of fixers) {
      try {
        actions.push(...fixer({ ctx, uri, doc, diagnostic, code, data }));
      } catch {
        // One fixer tripping over a half-typed document must not hide the others' fixes.
      }
    }
  }
  // Several diagnostics can offer one fix (two near misses of one key): keep each edit once.
  const seen = new Set<string>();
  return actions.filter((a) => {
    const key = JSON.stringify([a.title, a.edit]);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
