/**
 * Value completions from the schema: enum values with their (markdown) enumDescriptions, booleans,
 * and the default when there is no closed list. The default comes first and is preselected.
 */
import { CompletionItemKind, type CompletionItem } from 'vscode-languageserver-types';
import type { SchemaKind } from '../../../../engine/src/workspace/schemaRegistry';
import type { ValueContext } from '../yamlPosition';
import { valueText, withEdit } from './edits';
import { factsOf, schemaView } from './schemaIndex';

export function schemaValueCompletions(
  kind: SchemaKind,
  ctx: ValueContext,
  root: unknown,
  json: boolean,
): CompletionItem[] {
  const facts = factsOf(schemaView(kind, ctx.path, root).schemas);
  const values: unknown[] =
    facts.enumValues ??
    (facts.types.includes('boolean') ? [true, false] : facts.hasDefault ? [facts.defaultValue] : []);
  return values.flatMap((value, i): CompletionItem[] => {
    if (typeof value !== 'string' && typeof value !== 'number' && typeof value !== 'boolean') return [];
    const isDefault = facts.hasDefault && facts.defaultValue === value;
    const doc = facts.enumValues ? facts.enumDocs[i] : undefined;
    const item: CompletionItem = {
      label: String(value),
      kind: facts.enumValues ? CompletionItemKind.EnumMember : CompletionItemKind.Value,
      ...(isDefault ? { detail: 'default', preselect: true } : {}),
      ...(doc ? { documentation: { kind: 'markdown', value: doc } } : {}),
      sortText: `${isDefault ? '0' : '1'}${String(i).padStart(3, '0')}`,
    };
    return [withEdit(item, ctx.range, valueText(value, ctx, json), false)];
  });
}
