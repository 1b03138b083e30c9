/**
 * Fixes that add structure: the required keys a map lacks (with placeholders from the schema, as
 * Terraform prefills required attributes), a transformation for an xml or json import, a matching
 * element for a mapping whose import matches records, and one entry per option or nested field
 * for a checkbox, radio or repeater mapped with a single expression.
 */
import { isMap, isScalar, type Node } from 'yaml';
import type { CodeAction, WorkspaceEdit } from 'vscode-languageserver-types';
import { dirname, joinPath } from '../../../../engine/src/io/fileSystem';
import type { SchemaKind } from '../../../../engine/src/workspace/schemaRegistry';
import { formatPointer, isRecord, valueAt } from '../../../../engine/src/workspace/pointer';
import type { LoadedDocument } from '../../../../engine/src/workspace/types';
import { closestColumn } from '../columnMatch';
import type { ServiceContext } from '../context';
import { columnToken } from '../navigation/jsonataNames';
import { scalarText } from '../navigation/scalarText';
import { declared, formsWithId, importsWithAlias } from '../navigation/workspaceIndex';
import { keyText, nodeAt, nodeAtPointer, offsetsRange } from '../navigation/yamlTree';
import { editOf, type Fixer, type FixInput, quickFix, strings } from './context';
import { blockText, insertEntries } from './insertEntries';
import { allowsKey, placeholder } from './schemaPlaceholders';

function schemaKind(doc: LoadedDocument<unknown>): SchemaKind | undefined {
  return doc.kind === 'jsonata' ? undefined : doc.kind;
}

/** The map lacking the keys: the one whose key the diagnostic is on, else the root. */
function targetMap(input: FixInput, kind: SchemaKind, missing: string[]): string[] | undefined {
  const doc = input.doc;
  if (!doc) return undefined;
  const hit = nodeAt(doc.parsed, doc.parsed.offsetAt(input.diagnostic.range.start));
  const candidates = hit?.part === 'key' ? [hit.segments, []] : [hit?.segments ?? [], []];
  return candidates.find((segments) => {
    const value = valueAt(doc.parsed.value, formatPointer(segments));
    return isRecord(value) && missing.every((k) => !Object.hasOwn(value, k) && allowsKey(kind, segments, k));
  });
}

export const missingKeyFixes: Fixer = (input) => {
  const missing = strings(input.data.missing);
  const doc = input.doc;
  const kind = doc ? schemaKind(doc) : undefined;
  // Missing keys come from the schema (E0033, or a code the schema names such as E0004); E0028's
  // `missing` lists data values, not keys.
  if (!doc || !kind || missing.length === 0 || input.code === 'E0014' || input.code === 'E0028') return [];
  const segments = targetMap(input, kind, missing);
  if (!segments) return [];
  const entries = missing.map((key) => ({ key, value: placeholder(kind, segments, key) }));
  const edit = insertEntries(doc.parsed, nodeAtPointer(doc.parsed, formatPointer(segments)), entries);
  if (!edit) return [];
  const names = missing.map((k) => `'${k}'`).join(', ');
  const title = `Add missing key${missing.length > 1 ? 's' : ''} ${names}`;
  return [quickFix(title, input.diagnostic, editOf(input.uri, [edit]), true)];
};

/** The row key a skeleton starts from: the person id column, the one key every import has. */
function idColumn(doc: LoadedDocument<unknown>): string {
  const matching = valueAt(doc.parsed.value, '/personMatching/idColumn');
  return typeof matching === 'string' && matching !== '' ? matching : 'StudentID';
}

function transformationText(doc: LoadedDocument<unknown>): string {
  const id = idColumn(doc);
  return [
    '/* Return one flat object per row: one key per column. */',
    '$.{',
    `  ${JSON.stringify(id)}: ${columnToken(id)}`,
    '}',
    '',
  ].join('\n');
}

export const transformationFixes: Fixer = (input) => {
  const doc = input.doc;
  if (!doc || doc.kind !== 'import' || input.code !== 'E0014') return [];
  const root = doc.parsed.document?.contents as Node | null | undefined;
  if (!isMap(root) || root.items.some((p) => keyText(p.key) === 'transformation')) return [];
  const before = root.items.some((p) => keyText(p.key) === 'personMatching') ? 'personMatching' : undefined;
  const inline = insertEntries(
    doc.parsed,
    root,
    [{ key: 'transformation', value: { expression: transformationText(doc) } }],
    before,
  );
  const actions: CodeAction[] = [];
  if (inline) {
    actions.push(quickFix('Add an inline transformation', input.diagnostic, editOf(input.uri, [inline]), true));
  }
  // The same skeleton in its own .jsonata file, next to the import as the format recommends.
  const alias = declared(doc, 'alias') ?? 'import';
  const relative = `transforms/${alias}.jsonata`;
  const fileUri = input.ctx.uriOf(joinPath(dirname(doc.path), relative));
  const exists = input.ctx.workspace?.jsonata.some((j) => input.ctx.uriOf(j.path) === fileUri) ?? false;
  const asFile = insertEntries(doc.parsed, root, [{ key: 'transformation', value: { file: relative } }], before);
  if (asFile) {
    const edit: WorkspaceEdit = {
      documentChanges: [
        { textDocument: { uri: input.uri, version: null }, edits: [asFile] },
        ...(exists
          ? []
          : [
              { kind: 'create' as const, uri: fileUri, options: { ignoreIfExists: true } },
              {
                textDocument: { uri: fileUri, version: null },
                edits: [{ range: offsetsRange(doc.parsed, 0, 0), newText: transformationText(doc) }],
              },
            ]),
      ],
    };
    actions.push(quickFix(`Add a transformation file (${relative})`, input.diagnostic, edit));
  }
  return actions;
};

/** The columns a mapping's expressions can read, when the import's data has been profiled. */
export function profiledColumns(ctx: ServiceContext, doc: LoadedDocument<unknown>): string[] {
  const importDoc = ctx.importFor(doc);
  return importDoc ? (ctx.profile(importDoc)?.columns.map((c) => c.name) ?? []) : [];
}

/**
 * The column for a field or option (its id, then its label): the profiled column closest to it,
 * else `fallback`, else its id capitalised.
 */
export function columnFor(names: readonly string[], columns: string[], fallback?: string): string {
  const name = names[0] ?? '';
  return columnToken(closestColumn(names, columns) ?? fallback ?? name.charAt(0).toUpperCase() + name.slice(1));
}

const plainTypes = new Set(['text', 'textarea', 'number', 'date', 'dropdown']);

export const matchingElementFixes: Fixer = (input) => {
  const { ctx, doc } = input;
  if (!doc || doc.kind !== 'mapping' || input.code !== 'E0018' || !ctx.workspace) return [];
  const root = doc.parsed.document?.contents as Node | null | undefined;
  const formId = declared(doc, 'form');
  if (!isMap(root) || formId === undefined) return [];
  const form = formsWithId(ctx.workspace, formId)[0];
  const fields =
    form && isRecord(form.parsed.value) && Array.isArray(form.parsed.value.fields) ? form.parsed.value.fields : [];
  // The record key is a plain field; a required one is likelier to be the key (term, window).
  const plain = fields.filter(
    (f): f is Record<string, unknown> => isRecord(f) && typeof f.id === 'string' && plainTypes.has(String(f.type)),
  );
  const field = plain.find((f) => f.required === true) ?? plain[0];
  const fieldId = typeof field?.id === 'string' ? field.id : 'term';
  const expression = columnFor([fieldId], profiledColumns(ctx, doc));
  const before = root.items.some((p) => keyText(p.key) === 'fields') ? 'fields' : undefined;
  const edit = insertEntries(
    doc.parsed,
    root,
    [{ key: 'matchingElement', value: { field: fieldId, expression } }],
    before,
  );
  return edit
    ? [quickFix(`Add a matching element on '${fieldId}'`, input.diagnostic, editOf(input.uri, [edit]), true)]
    : [];
};

export const groupMapFixes: Fixer = (input) => {
  const { ctx, doc } = input;
  const keys = strings(input.data.keys);
  if (!doc || doc.kind !== 'mapping' || input.code !== 'E0041' || input.data.expected !== 'map' || keys.length === 0)
    return [];
  const hit = nodeAt(doc.parsed, doc.parsed.offsetAt(input.diagnostic.range.start));
  if (!hit || hit.part !== 'value' || !isScalar(hit.node) || !hit.node.range || hit.segments.length !== 2) return [];
  const current = String(hit.node.value);
  const columns = profiledColumns(ctx, doc);
  const fieldId = hit.segments[1] ?? '';
  const entries = keys.map((key, i) => ({ key, value: columnFor([key], columns, i === 0 ? current : undefined) }));
  const keyNode = isMap(hit.ancestors[hit.ancestors.length - 1])
    ? (hit.ancestors[hit.ancestors.length - 1] as { items: { key: unknown }[] }).items.find(
        (p) => keyText(p.key) === fieldId,
      )?.key
    : undefined;
  const keyStart = (keyNode as Node | undefined)?.range?.[0];
  if (keyStart === undefined) return [];
  const indent = ' '.repeat(doc.parsed.positionAt(keyStart).character + 2);
  const block = blockText(
    entries.map((e) => ({ key: e.key, value: e.value })),
    indent,
  ).replace(/\n$/, '');
  // From just after the colon, so no trailing space is left on the key's line.
  const colon = doc.parsed.text.indexOf(':', (keyNode as Node | undefined)?.range?.[1] ?? keyStart);
  const from = colon >= 0 && colon < hit.node.range[0] ? colon + 1 : hit.node.range[0];
  const range = offsetsRange(doc.parsed, doc.parsed.syntax === 'json' ? hit.node.range[0] : from, hit.node.range[1]);
  const newText =
    doc.parsed.syntax === 'json'
      ? JSON.stringify(Object.fromEntries(entries.map((e) => [e.key, e.value])))
      : `\n${block}`;
  const what = input.data.fieldType === 'repeater' ? 'nested field' : 'option';
  return [
    quickFix(`Map each ${what} of '${fieldId}'`, input.diagnostic, editOf(input.uri, [{ range, newText }]), true),
  ];
};

/** The import a data problem is about: the document itself, a mapping's import, or the file's readers. */
function importsFor(input: FixInput): LoadedDocument<unknown>[] {
  const { ctx, doc } = input;
  if (doc?.kind === 'import') return [doc];
  if (doc?.kind === 'mapping') {
    const found = ctx.importFor(doc);
    return found ? [found] : [];
  }
  const workspace = ctx.workspace;
  const alias = typeof input.data.alias === 'string' ? input.data.alias : undefined;
  if (!workspace) return [];
  if (alias !== undefined) return importsWithAlias(workspace, alias);
  return workspace.imports.filter((d) => {
    const file = valueAt(d.parsed.value, '/source/file');
    return typeof file === 'string' && ctx.uriOf(joinPath(workspace.sftpRoot, file)) === input.uri;
  });
}

/** Sets `source.<key>` of the import(s) to `value`, replacing it or adding it to `source`. */
function setSource(input: FixInput, key: string, value: string, title: string): CodeAction[] {
  return importsFor(input).flatMap((doc) => {
    const uri = input.ctx.uriOf(doc.path);
    const node = nodeAtPointer(doc.parsed, formatPointer(['source', key]));
    let edit;
    if (isScalar(node) && node.range) {
      if (node.value === value) return [];
      const text = doc.parsed.syntax === 'json' ? JSON.stringify(value) : scalarText(value);
      edit = { range: offsetsRange(doc.parsed, node.range[0], node.range[1]), newText: text };
    } else {
      edit = insertEntries(doc.parsed, nodeAtPointer(doc.parsed, '/source'), [{ key, value }]);
    }
    return edit ? [quickFix(title, input.diagnostic, editOf(uri, [edit]), true)] : [];
  });
}

export const dataFixes: Fixer = (input) => {
  const { data } = input;
  if (typeof data.suggestedFormat === 'string') {
    return setSource(input, 'dateFormat', data.suggestedFormat, `Set source.dateFormat to '${data.suggestedFormat}'`);
  }
  if (typeof data.suggestedEncoding === 'string') {
    return setSource(input, 'encoding', data.suggestedEncoding, `Set source.encoding to '${data.suggestedEncoding}'`);
  }
  return [];
};
