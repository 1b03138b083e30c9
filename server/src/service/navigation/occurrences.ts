/**
 * Every place a named thing appears in the workspace: its declaration and its uses, each with the
 * edit that renames it there. One collector per kind of name; definition, references, rename and
 * the code lenses all read from these, so they always agree.
 */
import type { Scalar } from 'yaml';
import type { Range, TextEdit } from 'vscode-languageserver-types';
import type { ImportConfig } from '../../../../engine/src/model/workspace';
import { formatPointer, isRecord } from '../../../../engine/src/workspace/pointer';
import type { LoadedDocument, Workspace } from '../../../../engine/src/workspace/types';
import type { ServiceContext } from '../context';
import { pathToUri } from '../uri';
import { type ExpressionSite, mappingExpressions, rewriteSite, siteRange, transformationSite } from './expressionSites';
import { columnReads, columnToken, type NameToken, objectKeys } from './jsonataNames';
import { replaceScalar } from './scalarText';
import {
  declared,
  fieldAt,
  formsWithId,
  importsWithAlias,
  mappingsOfForm,
  mappingsOfImport,
  optionValue,
  sourceFilePath,
} from './workspaceIndex';
import { keyScalarAt, scalarContentRange, stringScalarAt } from './yamlTree';

/** A name the navigation features know: what it is and where it is scoped. */
export type NamedSymbol =
  | { kind: 'alias'; name: string }
  | { kind: 'form'; name: string }
  | { kind: 'field'; name: string; formId: string; path: string[] }
  | { kind: 'option'; name: string; formId: string; fieldId: string }
  | { kind: 'column'; name: string; aliases: string[] };

export interface Occurrence {
  uri: string;
  /** The name itself, without quotes or backticks. */
  range: Range;
  declaration: boolean;
  /** The edits that rename this occurrence; undefined where renaming is not done (the data file). */
  rename?: (newName: string) => TextEdit[];
}

function scalarOccurrence(
  ctx: ServiceContext,
  doc: LoadedDocument<unknown>,
  node: Scalar | undefined,
  declaration: boolean,
): Occurrence[] {
  const range = node ? scalarContentRange(doc.parsed, node) : undefined;
  if (!node || !range) return [];
  return [
    {
      uri: ctx.uriOf(doc.path),
      range,
      declaration,
      rename: (newName) => {
        const edit = replaceScalar(doc.parsed, node, newName);
        return edit ? [edit] : [];
      },
    },
  ];
}

/** The string value at a pointer, when it equals `name`. */
function valueNamed(doc: LoadedDocument<unknown>, pointer: string, name: string): Scalar | undefined {
  const node = stringScalarAt(doc.parsed, pointer);
  return node?.value === name ? node : undefined;
}

/** Tokens of one expression site as occurrences; the first carries the rename of them all. */
function tokenOccurrences(
  ctx: ServiceContext,
  site: ExpressionSite,
  tokens: NameToken[],
  declaration: boolean,
  renamed: (newName: string, token: NameToken) => string,
): Occurrence[] {
  const out: Occurrence[] = [];
  tokens.forEach((token, i) => {
    const range = siteRange(site, token.nameStart, token.nameEnd);
    if (!range) return;
    out.push({
      uri: ctx.uriOf(site.doc.path),
      range,
      declaration,
      rename:
        i === 0
          ? (newName) =>
              rewriteSite(
                site,
                tokens.map((t) => ({ start: t.start, end: t.end, text: renamed(newName, t) })),
              )
          : () => [],
    });
  });
  return out;
}

function aliasOccurrences(ctx: ServiceContext, workspace: Workspace, alias: string): Occurrence[] {
  return [
    ...importsWithAlias(workspace, alias).flatMap((d) =>
      scalarOccurrence(ctx, d, valueNamed(d, '/alias', alias), true),
    ),
    ...mappingsOfImport(workspace, alias).flatMap((d) =>
      scalarOccurrence(ctx, d, valueNamed(d, '/import', alias), false),
    ),
  ];
}

/** Records of the sandbox with their pointers, for the form and field names they hold. */
function sandboxRecords(
  workspace: Workspace,
): { doc: LoadedDocument<unknown>; pointer: string; record: Record<string, unknown> }[] {
  return workspace.sandboxFiles.flatMap((doc) => {
    const value = doc.parsed.value;
    if (doc.kind !== 'records' || doc.parsed.syntax === 'text' || !isRecord(value) || !Array.isArray(value.records))
      return [];
    return value.records.flatMap((record, i) =>
      isRecord(record) ? [{ doc, pointer: formatPointer(['records', i]), record }] : [],
    );
  });
}

function formOccurrences(ctx: ServiceContext, workspace: Workspace, id: string): Occurrence[] {
  return [
    ...formsWithId(workspace, id).flatMap((d) => scalarOccurrence(ctx, d, valueNamed(d, '/id', id), true)),
    ...mappingsOfForm(workspace, id).flatMap((d) => scalarOccurrence(ctx, d, valueNamed(d, '/form', id), false)),
    ...sandboxRecords(workspace)
      .filter((r) => r.record.form === id)
      .flatMap((r) => scalarOccurrence(ctx, r.doc, valueNamed(r.doc, `${r.pointer}/form`, id), false)),
  ];
}

function fieldOccurrences(ctx: ServiceContext, workspace: Workspace, formId: string, path: string[]): Occurrence[] {
  const id = path[path.length - 1] ?? '';
  const out: Occurrence[] = [];
  for (const form of formsWithId(workspace, formId)) {
    const entry = fieldAt(form, path);
    if (entry) out.push(...scalarOccurrence(ctx, form, valueNamed(form, `${entry.pointer}/id`, id), true));
  }
  for (const mapping of mappingsOfForm(workspace, formId)) {
    out.push(...scalarOccurrence(ctx, mapping, keyScalarAt(mapping.parsed, formatPointer(['fields', ...path])), false));
    if (path.length === 1) {
      out.push(...scalarOccurrence(ctx, mapping, valueNamed(mapping, '/matchingElement/field', id), false));
    }
  }
  if (path.length === 1) {
    for (const r of sandboxRecords(workspace).filter((x) => x.record.form === formId)) {
      out.push(
        ...scalarOccurrence(
          ctx,
          r.doc,
          keyScalarAt(r.doc.parsed, `${r.pointer}${formatPointer(['values', id])}`),
          false,
        ),
      );
    }
  }
  return out;
}

function optionOccurrences(
  ctx: ServiceContext,
  workspace: Workspace,
  formId: string,
  fieldId: string,
  value: string,
): Occurrence[] {
  const out: Occurrence[] = [];
  for (const form of formsWithId(workspace, formId)) {
    const entry = fieldAt(form, [fieldId]);
    const options = entry && Array.isArray(entry.field.options) ? entry.field.options : [];
    options.forEach((option, k) => {
      if (optionValue(option) !== value || !entry) return;
      const pointer = `${entry.pointer}${formatPointer(['options', k])}`;
      const node =
        typeof option === 'string' ? valueNamed(form, pointer, value) : valueNamed(form, `${pointer}/value`, value);
      out.push(...scalarOccurrence(ctx, form, node, true));
    });
  }
  for (const mapping of mappingsOfForm(workspace, formId)) {
    out.push(
      ...scalarOccurrence(ctx, mapping, keyScalarAt(mapping.parsed, formatPointer(['fields', fieldId, value])), false),
    );
  }
  return out;
}

/** Where a column is declared for one import: its transformation's output key, or its header cell. */
function columnDeclarations(
  ctx: ServiceContext,
  workspace: Workspace,
  doc: LoadedDocument<ImportConfig>,
  name: string,
): Occurrence[] {
  const transformation = transformationSite(workspace, doc);
  if (transformation) {
    const keys = objectKeys(transformation.text).filter((t) => t.name === name);
    return tokenOccurrences(ctx, transformation, keys, true, (newName, t) => {
      const quote = transformation.text[t.start] ?? '"';
      const escaped = quote === "'" ? newName.replaceAll("'", "\\'") : JSON.stringify(newName).slice(1, -1);
      return `${quote}${escaped}${quote}`;
    });
  }
  const header = ctx.profile(doc)?.columns.find((c) => c.name === name)?.headerRange;
  const path = sourceFilePath(workspace, doc);
  return header && path ? [{ uri: pathToUri(path), range: header, declaration: true }] : [];
}

function columnOccurrences(ctx: ServiceContext, workspace: Workspace, aliases: string[], name: string): Occurrence[] {
  const out: Occurrence[] = [];
  for (const alias of aliases) {
    for (const doc of importsWithAlias(workspace, alias)) {
      out.push(...columnDeclarations(ctx, workspace, doc, name));
      for (const pointer of ['/personMatching/idColumn', '/sort/column']) {
        out.push(...scalarOccurrence(ctx, doc, valueNamed(doc, pointer, name), false));
      }
    }
    for (const mapping of mappingsOfImport(workspace, alias)) {
      for (const site of mappingExpressions(mapping)) {
        const tokens = columnReads(site.text).filter((t) => t.name === name);
        out.push(...tokenOccurrences(ctx, site, tokens, false, (newName) => columnToken(newName)));
      }
    }
  }
  return out;
}

/** Every occurrence of a symbol, declarations first, without duplicates. */
export function occurrencesOf(ctx: ServiceContext, symbol: NamedSymbol): Occurrence[] {
  const workspace = ctx.workspace;
  if (!workspace) return [];
  let all: Occurrence[];
  switch (symbol.kind) {
    case 'alias':
      all = aliasOccurrences(ctx, workspace, symbol.name);
      break;
    case 'form':
      all = formOccurrences(ctx, workspace, symbol.name);
      break;
    case 'field':
      all = fieldOccurrences(ctx, workspace, symbol.formId, symbol.path);
      break;
    case 'option':
      all = optionOccurrences(ctx, workspace, symbol.formId, symbol.fieldId, symbol.name);
      break;
    case 'column':
      all = columnOccurrences(ctx, workspace, symbol.aliases, symbol.name);
      break;
  }
  const seen = new Set<string>();
  return [...all.filter((o) => o.declaration), ...all.filter((o) => !o.declaration)].filter((o) => {
    const key = `${o.uri}#${o.range.start.line}:${o.range.start.character}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** The alias of an import document, for scoping a column to it. */
export function aliasOf(doc: LoadedDocument<unknown>): string | undefined {
  return declared(doc, 'alias');
}
