/**
 * Hover for workspace documents: `doHover(ctx, uri, position)`. Finds the key or value under the
 * cursor in the parsed document and documents it from what knows it best: the schema (keys, enum
 * values), the workspace (fields, forms, aliases and who uses them), the data profile (columns)
 * or the JSONata catalog (functions inside expressions).
 */
import { isScalar, type Node } from 'yaml';
import type { Hover, MarkupContent, Position, Range } from 'vscode-languageserver-types';
import type { DocumentKind } from '../../../../engine/src/model/workspace';
import type { ParsedDocument } from '../../../../engine/src/workspace/parseDocument';
import type { LoadedDocument } from '../../../../engine/src/workspace/types';
import type { ServiceContext } from '../context';
import { enumValueMarkdown, keyMarkdown } from '../completion/schemaDocs';
import { factsOf, schemaView } from '../completion/schemaIndex';
import {
  columnMarkdown,
  fieldMarkdown,
  formById,
  formMarkdown,
  formOfMapping,
  importByAlias,
  importMarkdown,
  optionMarkdown,
  optionValue,
  profileFor,
} from '../completion/workspaceFacts';
import { expressionRole } from '../jsonata';
import { lineText, type NodeHit, nodeAt, type Segment } from '../yamlPosition';
import { expressionHover } from './expressionHover';

export function doHover(ctx: ServiceContext, uri: string, position: Position): Hover | null {
  const doc = ctx.document(uri);
  if (!doc) return null;
  const parsed = doc.parsed;
  if (parsed.syntax === 'text') return expressionHover(lineText(parsed, position.line), position, 0, undefined);
  const hit = nodeAt(parsed, parsed.offsetAt(position));
  if (!hit || !isScalar(hit.node) || doc.kind === 'jsonata') return null;
  const range = nodeRange(parsed, hit.node);
  const markdown = hit.isKey ? keyHover(ctx, doc, hit) : valueHover(ctx, doc, hit, position);
  if (markdown === null || typeof markdown !== 'string') return markdown;
  return markdown === '' ? null : { contents: markup(markdown), ...(range ? { range } : {}) };
}

function markup(value: string): MarkupContent {
  return { kind: 'markdown', value };
}

function nodeRange(parsed: ParsedDocument, node: Node): Range | undefined {
  return node.range ? { start: parsed.positionAt(node.range[0]), end: parsed.positionAt(node.range[1]) } : undefined;
}

function schemaDoc(kind: Exclude<DocumentKind, 'jsonata'>, path: Segment[], root: unknown): string {
  const facts = factsOf(schemaView(kind, path, root).schemas);
  if (!facts.title && !facts.markdown) return '';
  return keyMarkdown(facts, path.filter((s) => typeof s === 'string').join('.'));
}

function keyHover(ctx: ServiceContext, doc: LoadedDocument<unknown>, hit: NodeHit): string {
  const kind = doc.kind as Exclude<DocumentKind, 'jsonata'>;
  const root = doc.parsed.value;
  const path = hit.path;
  if (kind === 'mapping' && path[0] === 'fields' && (path.length === 2 || path.length === 3)) {
    const form = formOfMapping(ctx, root);
    const field = form?.fields.find((f) => f.id === path[1]);
    if (!field) return schemaDoc(kind, path, root);
    if (path.length === 2) return fieldMarkdown(field, form);
    const nested = field.fields?.find((f) => f.id === path[2]);
    if (nested) return fieldMarkdown(nested, form, field);
    const option = field.options?.find((o) => optionValue(o) === path[2]);
    return option !== undefined ? optionMarkdown(option, field) : schemaDoc(kind, path, root);
  }
  return schemaDoc(kind, path, root);
}

function valueHover(
  ctx: ServiceContext,
  doc: LoadedDocument<unknown>,
  hit: NodeHit,
  position: Position,
): Hover | string | null {
  const kind = doc.kind as Exclude<DocumentKind, 'jsonata'>;
  const parsed = doc.parsed;
  const root = parsed.value;
  const node = hit.node;
  const value = isScalar(node) ? node.value : undefined;
  const at = hit.path.join('.');
  const role = expressionRole(doc.kind, hit.path);
  if (role && node.range) {
    const start = parsed.positionAt(node.range[0]);
    const quoted = isScalar(node) && (node.type === 'QUOTE_DOUBLE' || node.type === 'QUOTE_SINGLE');
    const scanFrom = start.line === position.line ? start.character + (quoted ? 1 : 0) : 0;
    return expressionHover(
      lineText(parsed, position.line),
      position,
      scanFrom,
      role === 'row' ? profileFor(ctx, doc) : undefined,
    );
  }
  if (typeof value === 'string') {
    if (kind === 'import' && (at === 'personMatching.idColumn' || at === 'sort.column')) {
      const profile = profileFor(ctx, doc);
      const column = profile?.columns.find((c) => c.name === value);
      if (column && profile) return columnMarkdown(column, profile);
    }
    if ((kind === 'mapping' && at === 'import') || (kind === 'import' && at === 'alias')) {
      const info = importByAlias(ctx.workspace, value);
      if (info) return importMarkdown(info, ctx.workspace);
    }
    if ((kind === 'mapping' && at === 'form') || (kind === 'form' && at === 'id')) {
      const form = formById(ctx.workspace, value);
      if (form) return formMarkdown(form, ctx.workspace);
    }
    if (kind === 'mapping' && at === 'matchingElement.field') {
      const form = formOfMapping(ctx, root);
      const field = form?.fields.find((f) => f.id === value);
      if (field) return fieldMarkdown(field, form);
    }
  }
  const facts = factsOf(schemaView(kind, hit.path, root).schemas);
  return enumValueMarkdown(facts, value) ?? schemaDoc(kind, hit.path, root);
}
