/**
 * Completion for workspace documents: `doComplete(ctx, uri, position)`. Works out where the cursor
 * is (key or value, and the path) from the document already parsed in the context, then asks the
 * source that knows the answers at that path: the workspace (form ids, aliases, field ids,
 * options), the data profile (columns, date formats that fit), the JSONata catalog (inside
 * expressions), or the schema of the document's kind (keys, enums, booleans, defaults, snippets).
 */
import { type CompletionItem, type CompletionList, type Position } from 'vscode-languageserver-types';
import type { DocumentKind } from '../../../../engine/src/model/workspace';
import type { SchemaKind } from '../../../../engine/src/workspace/schemaRegistry';
import type { LoadedDocument } from '../../../../engine/src/workspace/types';
import type { ServiceContext } from '../context';
import { columnReference, expressionRole } from '../jsonata';
import { cursorContext, type KeyContext, type ValueContext } from '../yamlPosition';
import { dateFormatCompletions } from './dateFormats';
import { documentSnippets } from './documentSnippets';
import { expressionCompletions } from './expressionCompletions';
import { schemaKeyCompletions } from './keyCompletions';
import { schemaValueCompletions } from './valueCompletions';
import {
  aliasCompletions,
  columnValueCompletions,
  fieldKeyCompletions,
  formIdCompletions,
  groupKeyCompletions,
  matchingFieldCompletions,
} from './workspaceCompletions';
import { formOfMapping, profileFor } from './workspaceFacts';

const emptyList: CompletionList = { isIncomplete: false, items: [] };

function schemaKind(kind: DocumentKind): SchemaKind | undefined {
  return kind === 'jsonata' ? undefined : kind;
}

export function doComplete(ctx: ServiceContext, uri: string, position: Position): CompletionList {
  const doc = ctx.document(uri);
  if (!doc) return emptyList;
  const parsed = doc.parsed;
  const json = parsed.syntax === 'json';
  const kind = schemaKind(doc.kind);
  if (kind && parsed.text.trim() === '') {
    const range = { start: parsed.positionAt(0), end: parsed.positionAt(parsed.text.length) };
    const items = documentSnippets(kind, ctx.workspace, range, json);
    if (!json) {
      const cursor = cursorContext(parsed, position);
      // The snippets above are the document's own; its keys are offered one by one too.
      if (cursor.kind === 'key') items.push(...schemaKeyCompletions(kind, cursor, undefined, false, false));
    }
    return { isIncomplete: false, items };
  }
  const cursor = cursorContext(parsed, position);
  if (cursor.kind === 'key') return list(keyCompletions(ctx, doc, kind, cursor, json));
  if (cursor.kind === 'value') return list(valueCompletions(ctx, doc, kind, cursor, position, json));
  return emptyList;
}

function list(items: CompletionItem[]): CompletionList {
  return { isIncomplete: false, items };
}

function keyCompletions(
  ctx: ServiceContext,
  doc: LoadedDocument<unknown>,
  kind: SchemaKind | undefined,
  cursor: KeyContext,
  json: boolean,
): CompletionItem[] {
  if (!kind) return [];
  const root = doc.parsed.value;
  const path = cursor.path;
  if (kind === 'mapping' && path[0] === 'fields' && path.length <= 2 && path.every((s) => typeof s === 'string')) {
    const form = formOfMapping(ctx, root);
    if (path.length === 1) {
      const profile = profileFor(ctx, doc);
      return fieldKeyCompletions(form, cursor, profile, json, (name) => columnReference(name));
    }
    return groupKeyCompletions(
      form?.fields.find((f) => f.id === path[1]),
      form,
      cursor,
      json,
    );
  }
  return schemaKeyCompletions(kind, cursor, root, json);
}

function valueCompletions(
  ctx: ServiceContext,
  doc: LoadedDocument<unknown>,
  kind: SchemaKind | undefined,
  cursor: ValueContext,
  position: Position,
  json: boolean,
): CompletionItem[] {
  const path = cursor.path;
  const role = expressionRole(doc.kind, path);
  if (role)
    return expressionCompletions(cursor, position, role, role === 'row' ? profileFor(ctx, doc) : undefined, json);
  if (!kind) return [];
  const at = path.join('.');
  const root = doc.parsed.value;
  if (kind === 'import') {
    if (at === 'personMatching.idColumn' || at === 'sort.column')
      return columnValueCompletions(profileFor(ctx, doc), cursor, json);
    if (at === 'source.dateFormat') return dateFormatCompletions(profileFor(ctx, doc), cursor, json);
    if (at === 'source.encoding')
      return markDetected(schemaValueCompletions(kind, cursor, root, json), profileFor(ctx, doc)?.detectedEncoding);
  }
  if (kind === 'mapping') {
    if (at === 'form') return formIdCompletions(ctx.workspace, cursor, json);
    if (at === 'import') return aliasCompletions(ctx.workspace, cursor, json);
    if (at === 'matchingElement.field') return matchingFieldCompletions(formOfMapping(ctx, root), cursor, json);
  }
  return schemaValueCompletions(kind, cursor, root, json);
}

/** The encoding the sample's bytes look like goes first. */
function markDetected(items: CompletionItem[], detected: string | undefined): CompletionItem[] {
  if (!detected) return items;
  return items.map((item) =>
    item.label === detected
      ? { ...item, detail: 'detected in the sample file', sortText: '00', preselect: true }
      : { ...item, preselect: false },
  );
}
