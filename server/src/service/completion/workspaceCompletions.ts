/**
 * Completions whose values come from the workspace and the data, not the schema: processed columns
 * (person id and sort columns), form ids and import aliases in a mapping, the form's field ids as
 * the keys of `fields:`, option values and nested field ids inside a group field, and the plain
 * fields a matching element can name.
 */
import { CompletionItemKind, type CompletionItem } from 'vscode-languageserver-types';
import type { FormField } from '../../../../engine/src/model/workspace';
import type { DataProfile } from '../../../../engine/src/profile/types';
import type { Workspace } from '../../../../engine/src/workspace/types';
import type { KeyContext, ValueContext } from '../yamlPosition';
import { valueText, withEdit, yamlNeedsQuotes } from './edits';
import { escapeSnippet, indentAll, indentLater } from './snippetText';
import {
  columnMarkdown,
  fieldMarkdown,
  type FormInfo,
  formMarkdown,
  forms,
  importMarkdown,
  imports,
  isGroup,
  optionMarkdown,
  optionValue,
} from './workspaceFacts';
import { sameNameColumn } from '../columnMatch';

const md = (value: string) => ({ kind: 'markdown' as const, value });

/** Columns as plain names (idColumn, sort.column hold a header exactly as written, not an expression). */
export function columnValueCompletions(
  profile: DataProfile | undefined,
  ctx: ValueContext,
  json: boolean,
): CompletionItem[] {
  return (profile?.columns ?? []).map((column) =>
    withEdit(
      {
        label: column.name,
        kind: CompletionItemKind.Field,
        detail: `${column.inferredType} column${column.samples[0] !== undefined ? ` · e.g. ${column.samples[0]}` : ''}`,
        documentation: md(columnMarkdown(column, profile as DataProfile)),
        sortText: String(column.index).padStart(4, '0'),
      },
      ctx.range,
      valueText(column.name, ctx, json),
      false,
    ),
  );
}

export function formIdCompletions(
  workspace: Workspace | undefined,
  ctx: ValueContext,
  json: boolean,
): CompletionItem[] {
  return forms(workspace).map((form) =>
    withEdit(
      {
        label: form.id,
        kind: CompletionItemKind.Reference,
        ...(form.title ? { detail: form.title } : {}),
        documentation: md(formMarkdown(form, workspace)),
      },
      ctx.range,
      valueText(form.id, ctx, json),
      false,
    ),
  );
}

export function aliasCompletions(workspace: Workspace | undefined, ctx: ValueContext, json: boolean): CompletionItem[] {
  return imports(workspace).map((info) =>
    withEdit(
      {
        label: info.alias,
        kind: CompletionItemKind.Reference,
        ...(info.name ? { detail: info.name } : {}),
        documentation: md(importMarkdown(info, workspace)),
      },
      ctx.range,
      valueText(info.alias, ctx, json),
      false,
    ),
  );
}

/** The fields a matching element can name: plain fields (not groups or repeaters). */
export function matchingFieldCompletions(
  form: FormInfo | undefined,
  ctx: ValueContext,
  json: boolean,
): CompletionItem[] {
  return (form?.fields ?? [])
    .filter((f) => !isGroup(f))
    .map((field, i) =>
      withEdit(
        {
          label: field.id,
          kind: CompletionItemKind.Field,
          detail: `${field.type}${field.label ? ` · ${field.label}` : ''}`,
          documentation: md(fieldMarkdown(field, form)),
          sortText: `${field.required ? '0' : '1'}${String(i).padStart(3, '0')}`,
        },
        ctx.range,
        valueText(field.id, ctx, json),
        false,
      ),
    );
}

/** The column whose name equals the field id or label, ignoring case and punctuation. */
function matchingColumn(field: FormField, profile: DataProfile | undefined): string | undefined {
  return sameNameColumn([field.id, ...(field.label ? [field.label] : [])], profile?.columns.map((c) => c.name) ?? []);
}

/** Field ids of the mapping's form as the keys of `fields:`, with a template fitting each type. */
export function fieldKeyCompletions(
  form: FormInfo | undefined,
  ctx: KeyContext,
  profile: DataProfile | undefined,
  json: boolean,
  columnText: (name: string) => string,
): CompletionItem[] {
  if (!form) return [];
  const existing = new Set(ctx.existingKeys);
  return form.fields
    .filter((f) => !existing.has(f.id))
    .map((field, i) => {
      const column = isGroup(field) ? undefined : matchingColumn(field, profile);
      const value = column !== undefined ? `\${1:${escapeSnippet(columnText(column))}}` : '$1';
      const nested = isGroup(field)
        ? field.type === 'repeater'
          ? (field.fields ?? []).map((f) => f.id)
          : (field.options ?? []).map(optionValue)
        : undefined;
      return withEdit(
        {
          label: field.id,
          kind: CompletionItemKind.Field,
          detail: `${field.type}${field.required ? ' · required' : ''}${field.label ? ` · ${field.label}` : ''}`,
          documentation: md(fieldMarkdown(field, form)),
          sortText: `${field.required ? '0' : '1'}${String(i).padStart(3, '0')}`,
        },
        ctx.range,
        keyWithValue(field.id, nested, value, ctx, json),
        true,
      );
    });
}

/** Option values (checkbox, radio) or nested field ids (repeater) as the keys of a group's mapping. */
export function groupKeyCompletions(
  field: FormField | undefined,
  form: FormInfo | undefined,
  ctx: KeyContext,
  json: boolean,
): CompletionItem[] {
  if (!field) return [];
  if (field.type === 'repeater') {
    return (field.fields ?? [])
      .filter((f) => !ctx.existingKeys.includes(f.id))
      .map((nested, i) =>
        withEdit(
          {
            label: nested.id,
            kind: CompletionItemKind.Field,
            detail: `${nested.type}${nested.required ? ' · required' : ''}${nested.label ? ` · ${nested.label}` : ''}`,
            documentation: md(fieldMarkdown(nested, form, field)),
            sortText: `${nested.required ? '0' : '1'}${String(i).padStart(3, '0')}`,
          },
          ctx.range,
          keyWithValue(nested.id, undefined, '$1', ctx, json),
          true,
        ),
      );
  }
  if (field.type !== 'checkbox' && field.type !== 'radio') return [];
  return (field.options ?? [])
    .filter((o) => !ctx.existingKeys.includes(optionValue(o)))
    .map((option, i) =>
      withEdit(
        {
          label: optionValue(option),
          kind: CompletionItemKind.EnumMember,
          detail: `${field.type} option${typeof option === 'string' || !option.label ? '' : ` · ${option.label}`}`,
          documentation: md(optionMarkdown(option, field)),
          sortText: String(i).padStart(4, '0'),
        },
        ctx.range,
        keyWithValue(optionValue(option), undefined, '$1', ctx, json),
        true,
      ),
    );
}

/** `key: value`, or for a group `key:` with one `nested: $n` line per option or nested field. */
function keyWithValue(
  key: string,
  nested: string[] | undefined,
  value: string,
  ctx: KeyContext,
  json: boolean,
): string {
  if (json) {
    const k = JSON.stringify(key).replace(/[$}]/g, (c) => `\\${c}`);
    if (ctx.keyOnly) return k;
    const body =
      nested === undefined
        ? `"${value}"`
        : nested.length === 0
          ? '{$1}'
          : `{\n${nested.map((n, i) => `  ${JSON.stringify(n).replace(/[$}]/g, (c) => `\\${c}`)}: "$${i + 1}"`).join(',\n')}\n}`;
    return `${k}: ${body}${ctx.followedByEntry ? ',' : ''}`;
  }
  const k = yamlNeedsQuotes(key, false) ? JSON.stringify(key) : escapeSnippet(key);
  if (ctx.keyOnly) return k;
  if (nested === undefined) return `${k}: ${value}`;
  const lines = nested.map((n, i) => `${yamlNeedsQuotes(n, false) ? JSON.stringify(n) : escapeSnippet(n)}: $${i + 1}`);
  return indentLater(`${k}:\n${indentAll(lines.join('\n') || '$1', 2)}`, ctx.extraIndent);
}
