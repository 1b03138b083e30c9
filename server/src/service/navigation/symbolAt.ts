/**
 * What named thing is under the cursor: an alias, a form id, a field id or option value, or a
 * column name (in a configuration, inside a mapping expression, in a transformation's output keys,
 * or on the header cell of a sample file). Returns the symbol and the range of the name there.
 */
import { isScalar, type Scalar } from 'yaml';
import type { Position, Range } from 'vscode-languageserver-types';
import type { ImportConfig } from '../../../../engine/src/model/workspace';
import { transformationPath } from '../../../../engine/src/workspace/loadWorkspace';
import { formatPointer, isRecord } from '../../../../engine/src/workspace/pointer';
import type { LoadedDocument, Workspace } from '../../../../engine/src/workspace/types';
import type { ServiceContext } from '../context';
import { pathToUri } from '../uri';
import { type ExpressionSite, mappingExpressions, siteRange, transformationSite } from './expressionSites';
import { columnReads, type NameToken, objectKeys } from './jsonataNames';
import type { NamedSymbol } from './occurrences';
import { declared, fieldAt, formsWithId, isGroup, sourceFilePath } from './workspaceIndex';
import { containsPosition, type NodeHit, nodeAt, scalarContentRange } from './yamlTree';

export interface SymbolHit {
  symbol: NamedSymbol;
  /** The name under the cursor, without quotes or backticks. */
  range: Range;
}

/** The token of an expression site under the cursor, if any. */
function tokenAt(
  site: ExpressionSite,
  tokens: NameToken[],
  position: Position,
): { token: NameToken; range: Range } | undefined {
  for (const token of tokens) {
    const range = siteRange(site, token.nameStart, token.nameEnd);
    if (range && containsPosition(range, position.line, position.character)) return { token, range };
  }
  return undefined;
}

function scalarHit(doc: LoadedDocument<unknown>, hit: NodeHit, symbol: NamedSymbol): SymbolHit | undefined {
  const range = isScalar(hit.node) ? scalarContentRange(doc.parsed, hit.node) : undefined;
  return range ? { symbol, range } : undefined;
}

function text(hit: NodeHit): string | undefined {
  return isScalar(hit.node) ? String((hit.node as Scalar).value) : undefined;
}

function same(segments: string[], ...expected: (string | RegExp)[]): boolean {
  return (
    segments.length === expected.length &&
    expected.every((e, i) => (typeof e === 'string' ? segments[i] === e : e.test(segments[i] ?? '')))
  );
}

const index = /^\d+$/;

function inImport(
  ctx: ServiceContext,
  doc: LoadedDocument<unknown>,
  hit: NodeHit,
  position: Position,
): SymbolHit | undefined {
  const workspace = ctx.workspace;
  const name = text(hit);
  const alias = declared(doc, 'alias');
  if (hit.part !== 'value' || name === undefined) return undefined;
  if (same(hit.segments, 'alias')) return scalarHit(doc, hit, { kind: 'alias', name });
  if (alias === undefined) return undefined;
  if (same(hit.segments, 'personMatching', 'idColumn') || same(hit.segments, 'sort', 'column')) {
    return scalarHit(doc, hit, { kind: 'column', name, aliases: [alias] });
  }
  if (same(hit.segments, 'transformation', 'expression') && workspace) {
    const site = transformationSite(workspace, doc as LoadedDocument<ImportConfig>);
    const at = site ? tokenAt(site, objectKeys(site.text), position) : undefined;
    if (at) return { symbol: { kind: 'column', name: at.token.name, aliases: [alias] }, range: at.range };
  }
  return undefined;
}

function inForm(doc: LoadedDocument<unknown>, hit: NodeHit): SymbolHit | undefined {
  const name = text(hit);
  const formId = declared(doc, 'id');
  if (hit.part !== 'value' || name === undefined) return undefined;
  if (same(hit.segments, 'id')) return scalarHit(doc, hit, { kind: 'form', name });
  if (formId === undefined) return undefined;
  const s = hit.segments;
  if (same(s, 'fields', index, 'id')) return scalarHit(doc, hit, { kind: 'field', name, formId, path: [name] });
  if (same(s, 'fields', index, 'fields', index, 'id')) {
    const value = doc.parsed.value;
    const fields = isRecord(value) && Array.isArray(value.fields) ? value.fields : [];
    const repeater = fields[Number(s[1])];
    const repeaterId = isRecord(repeater) && typeof repeater.id === 'string' ? repeater.id : undefined;
    return repeaterId === undefined
      ? undefined
      : scalarHit(doc, hit, { kind: 'field', name, formId, path: [repeaterId, name] });
  }
  if (same(s, 'fields', index, 'options', index) || same(s, 'fields', index, 'options', index, 'value')) {
    const value = doc.parsed.value;
    const fields = isRecord(value) && Array.isArray(value.fields) ? value.fields : [];
    const field = fields[Number(s[1])];
    if (!isRecord(field) || !isGroup(field) || typeof field.id !== 'string') return undefined;
    return scalarHit(doc, hit, { kind: 'option', name, formId, fieldId: field.id });
  }
  return undefined;
}

function inMapping(
  ctx: ServiceContext,
  doc: LoadedDocument<unknown>,
  hit: NodeHit,
  position: Position,
): SymbolHit | undefined {
  const workspace = ctx.workspace;
  const name = text(hit);
  if (name === undefined || !workspace) return undefined;
  const s = hit.segments;
  const formId = declared(doc, 'form');
  const alias = declared(doc, 'import');
  if (hit.part === 'value' && same(s, 'import')) return scalarHit(doc, hit, { kind: 'alias', name });
  if (hit.part === 'value' && same(s, 'form')) return scalarHit(doc, hit, { kind: 'form', name });
  if (hit.part === 'value' && same(s, 'matchingElement', 'field') && formId !== undefined) {
    return scalarHit(doc, hit, { kind: 'field', name, formId, path: [name] });
  }
  if (hit.part === 'key' && formId !== undefined) {
    if (same(s, 'fields', /./)) return scalarHit(doc, hit, { kind: 'field', name, formId, path: [name] });
    if (same(s, 'fields', /./, /./)) {
      const fieldId = s[1] ?? '';
      const field = formsWithId(workspace, formId)
        .map((f) => fieldAt(f, [fieldId])?.field)
        .find((f) => f !== undefined);
      if (isGroup(field)) return scalarHit(doc, hit, { kind: 'option', name, formId, fieldId });
      if (field?.type === 'repeater')
        return scalarHit(doc, hit, { kind: 'field', name, formId, path: [fieldId, name] });
      return undefined;
    }
  }
  if (hit.part === 'value' && alias !== undefined) {
    const pointer = formatPointer(s);
    const site = mappingExpressions(doc).find((e) => e.pointer === pointer);
    const at = site ? tokenAt(site, columnReads(site.text), position) : undefined;
    if (at) return { symbol: { kind: 'column', name: at.token.name, aliases: [alias] }, range: at.range };
  }
  return undefined;
}

function inRecords(doc: LoadedDocument<unknown>, hit: NodeHit): SymbolHit | undefined {
  const name = text(hit);
  const s = hit.segments;
  if (name === undefined) return undefined;
  if (hit.part === 'value' && same(s, 'records', index, 'form')) return scalarHit(doc, hit, { kind: 'form', name });
  if (hit.part === 'key' && same(s, 'records', index, 'values', /./)) {
    const value = doc.parsed.value;
    const records = isRecord(value) && Array.isArray(value.records) ? value.records : [];
    const record = records[Number(s[1])];
    const formId = isRecord(record) && typeof record.form === 'string' ? record.form : undefined;
    return formId === undefined ? undefined : scalarHit(doc, hit, { kind: 'field', name, formId, path: [name] });
  }
  return undefined;
}

/** A .jsonata file: the output keys of the imports whose transformation it is. */
function inJsonata(
  ctx: ServiceContext,
  workspace: Workspace,
  doc: LoadedDocument<unknown>,
  position: Position,
): SymbolHit | undefined {
  const owners = workspace.imports.filter((i) => i.value && transformationPath(i) === doc.path);
  const aliases = owners.flatMap((o) => (o.value ? [o.value.alias] : []));
  if (aliases.length === 0) return undefined;
  const site: ExpressionSite = { doc, pointer: '', text: doc.text, node: undefined };
  const at = tokenAt(site, objectKeys(doc.text), position);
  return at ? { symbol: { kind: 'column', name: at.token.name, aliases }, range: at.range } : undefined;
}

/** A header cell of a sample file: the column of every import that reads the file. */
function inDataFile(ctx: ServiceContext, workspace: Workspace, uri: string, position: Position): SymbolHit | undefined {
  const aliases: string[] = [];
  let found: { name: string; range: Range } | undefined;
  for (const doc of workspace.imports) {
    const path = sourceFilePath(workspace, doc);
    if (path === undefined || pathToUri(path) !== uri) continue;
    const column = ctx
      .profile(doc)
      ?.columns.find((c) => c.headerRange && containsPosition(c.headerRange, position.line, position.character));
    const alias = declared(doc, 'alias');
    if (!column?.headerRange || alias === undefined) continue;
    found ??= { name: column.name, range: column.headerRange };
    if (column.name === found.name) aliases.push(alias);
  }
  return found ? { symbol: { kind: 'column', name: found.name, aliases }, range: found.range } : undefined;
}

export function symbolAt(ctx: ServiceContext, uri: string, position: Position): SymbolHit | undefined {
  const workspace = ctx.workspace;
  if (!workspace) return undefined;
  const doc = ctx.document(uri);
  if (!doc) return inDataFile(ctx, workspace, uri, position);
  if (doc.kind === 'jsonata') return inJsonata(ctx, workspace, doc, position);
  const hit = nodeAt(doc.parsed, doc.parsed.offsetAt(position));
  if (!hit) return undefined;
  switch (doc.kind) {
    case 'import':
      return inImport(ctx, doc, hit, position);
    case 'form':
      return inForm(doc, hit);
    case 'mapping':
      return inMapping(ctx, doc, hit, position);
    case 'records':
      return inRecords(doc, hit);
    default:
      return undefined;
  }
}
