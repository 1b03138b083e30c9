/**
 * "Did you mean" fixes: replace the value or key a diagnostic points at with a suggested one
 * (enum values, unknown keys, aliases, form ids, field ids, columns), or with an allowed value when
 * nothing is close. A column named inside an expression is replaced there, token by token.
 */
import { isScalar, type Scalar } from 'yaml';
import type { CodeAction } from 'vscode-languageserver-types';
import { formatPointer } from '../../../../engine/src/workspace/pointer';
import { mappingExpressions, rewriteSite } from '../navigation/expressionSites';
import { columnReads, columnToken } from '../navigation/jsonataNames';
import { replaceScalar } from '../navigation/scalarText';
import { nodeAt } from '../navigation/yamlTree';
import { editOf, type Fixer, type FixInput, quickFix, strings } from './context';

/** The scalar the diagnostic range starts on (a key or a value). */
function scalarAtDiagnostic(input: FixInput): { node: Scalar; segments: string[]; part: 'key' | 'value' } | undefined {
  const doc = input.doc;
  if (!doc) return undefined;
  const hit = nodeAt(doc.parsed, doc.parsed.offsetAt(input.diagnostic.range.start));
  return hit && isScalar(hit.node) ? { node: hit.node, segments: hit.segments, part: hit.part } : undefined;
}

/** Fixes for a column inside an expression: rename that column's tokens only. */
function columnFixes(input: FixInput, column: string, candidates: string[]): CodeAction[] {
  const doc = input.doc;
  const at = scalarAtDiagnostic(input);
  if (!doc || !at) return [];
  const site = mappingExpressions(doc).find((s) => s.pointer === formatPointer(at.segments));
  if (!site) return [];
  const tokens = columnReads(site.text).filter((t) => t.name === column);
  if (tokens.length === 0) return [];
  return candidates.map((candidate, i) =>
    quickFix(
      `Change column '${column}' to '${candidate}'`,
      input.diagnostic,
      editOf(
        input.uri,
        rewriteSite(
          site,
          tokens.map((t) => ({ start: t.start, end: t.end, text: columnToken(candidate) })),
        ),
      ),
      candidates.length === 1 || i === 0,
    ),
  );
}

/**
 * Codes whose suggestions name configuration values. E0028 also carries suggestions, but for values
 * in the data file (an option the data misspells), which a configuration edit cannot fix.
 */
const replaceable = new Set(['E0004', 'E0005', 'E0008', 'E0023', 'E0024', 'E0025', 'E0033', 'E0038']);

export const replaceFixes: Fixer = (input) => {
  const { data } = input;
  if (!replaceable.has(input.code)) return [];
  const suggestion = typeof data.suggestion === 'string' ? [data.suggestion] : [];
  const suggestions = [...new Set([...suggestion, ...strings(data.suggestions)])];
  const column = typeof data.column === 'string' ? data.column : undefined;
  const at = scalarAtDiagnostic(input);
  if (!at || !input.doc) return [];
  const current = String(at.node.value);
  if (column !== undefined && suggestions.length > 0) {
    const inExpression = columnFixes(input, column, suggestions);
    if (inExpression.length > 0) return inExpression;
  }

  // Nothing close: an enum's allowed values are still a short, exact list to pick from.
  const allowed = strings(data.allowed);
  const isUnknownKey = typeof data.unknownKey === 'string';
  const candidates =
    suggestions.length > 0 ? suggestions : !isUnknownKey && allowed.length > 0 && allowed.length <= 12 ? allowed : [];
  const doc = input.doc;
  return candidates.flatMap((candidate, i) => {
    if (candidate === current) return [];
    const edit = replaceScalar(doc.parsed, at.node, candidate);
    if (!edit) return [];
    const title =
      at.part === 'key' ? `Rename key '${current}' to '${candidate}'` : `Change '${current}' to '${candidate}'`;
    // One suggestion is the obvious fix; the first of several near misses is still the best guess.
    const preferred = suggestions.length > 0 && (suggestions.length === 1 || i === 0);
    return [quickFix(title, input.diagnostic, editOf(input.uri, [edit]), preferred)];
  });
};

/** An alias or id that breaks its pattern, rewritten to fit it ('IEP Snapshot' → 'iep-snapshot'). */
function conform(value: string, pattern: RegExp): string | undefined {
  const words = value
    .normalize('NFKD')
    .replace(/[^\w\s-]/g, '')
    .split(/[\s_-]+/)
    .filter(Boolean);
  const candidates = [
    words.join('-').toLowerCase(),
    words
      .map((w, i) => (i === 0 ? w.charAt(0).toLowerCase() + w.slice(1) : w.charAt(0).toUpperCase() + w.slice(1)))
      .join(''),
    words.join('_'),
  ];
  return candidates.find((c) => c !== value && c !== '' && pattern.test(c));
}

/** E0043: a date format with the tokens in the wrong case (mm/dd/YYYY → MM/dd/yyyy). */
function fixDateFormat(value: string): string {
  return value
    .replace(/y+/gi, (m) => (m.length >= 3 ? 'yyyy' : 'yy'))
    .replace(/m+/gi, (m) => (m.length >= 2 ? 'MM' : 'M'))
    .replace(/d+/gi, (m) => (m.length >= 2 ? 'dd' : 'd'));
}

export const patternFixes: Fixer = (input) => {
  const { data } = input;
  if (typeof data.pattern !== 'string' || !input.doc) return [];
  const at = scalarAtDiagnostic(input);
  if (!at || at.part !== 'value' || typeof at.node.value !== 'string') return [];
  let pattern: RegExp;
  try {
    pattern = new RegExp(data.pattern);
  } catch {
    return [];
  }
  const current = at.node.value;
  const fixed = input.code === 'E0043' ? fixDateFormat(current) : conform(current, pattern);
  if (fixed === undefined || fixed === current || !pattern.test(fixed)) return [];
  // A rewritten alias that another import already declares would trade this error for E0034.
  const taken = at.segments.join('/') === 'alias' && input.ctx.workspace?.imports.some((d) => d.value?.alias === fixed);
  if (taken) return [];
  const edit = replaceScalar(input.doc.parsed, at.node, fixed);
  return edit ? [quickFix(`Change '${current}' to '${fixed}'`, input.diagnostic, editOf(input.uri, [edit]), true)] : [];
};
