/**
 * E0048's fix: map the required fields a mapping leaves out, each to the sample column closest to
 * its id or label (a choice field or repeater gets one entry per option or nested field), added to
 * the mapping's `fields` in its own style. Offered, never applied unasked.
 */
import type { FieldOption, FormDefinition, FormField } from '../../../../engine/src/model/workspace';
import type { Entry } from './insertEntries';
import { insertEntries } from './insertEntries';
import { declared, formsWithId } from '../navigation/workspaceIndex';
import { nodeAtPointer } from '../navigation/yamlTree';
import { editOf, type Fixer, quickFix, strings } from './context';
import { columnFor, profiledColumns } from './structureFixes';

function optionNames(option: FieldOption): string[] {
  if (typeof option === 'string') return [option];
  return option.label === undefined ? [option.value] : [option.value, option.label];
}

/** The mapping entry for a field: an expression, or one per option or nested field. */
function entryFor(field: FormField, columns: string[]): Entry {
  const names = (f: { id: string; label?: string }) => (f.label === undefined ? [f.id] : [f.id, f.label]);
  if (field.type === 'repeater') {
    return {
      key: field.id,
      value: Object.fromEntries((field.fields ?? []).map((f) => [f.id, columnFor(names(f), columns)])),
    };
  }
  if (field.type === 'radio' || field.type === 'checkbox') {
    return {
      key: field.id,
      value: Object.fromEntries(
        (field.options ?? []).map((o) => {
          const all = optionNames(o);
          return [all[0], columnFor(all, columns)];
        }),
      ),
    };
  }
  return { key: field.id, value: columnFor(names(field), columns) };
}

export const requiredFieldFixes: Fixer = (input) => {
  const { ctx, doc } = input;
  const unmapped = strings(input.data.unmapped);
  if (!doc || doc.kind !== 'mapping' || input.code !== 'E0048' || unmapped.length === 0 || !ctx.workspace) return [];
  const formId = declared(doc, 'form');
  const form =
    formId === undefined ? undefined : (formsWithId(ctx.workspace, formId)[0]?.value as FormDefinition | undefined);
  const fields = unmapped.flatMap((id) => form?.fields.find((f) => f.id === id) ?? []);
  if (fields.length !== unmapped.length) return [];
  const columns = profiledColumns(ctx, doc);
  const entries = fields.map((f) => entryFor(f, columns));
  const edit = insertEntries(doc.parsed, nodeAtPointer(doc.parsed, '/fields'), entries);
  if (!edit) return [];
  const only = entries.length === 1 ? entries[0] : undefined;
  const title =
    only && typeof only.value === 'string'
      ? `Map the required field '${only.key}' to ${only.value}`
      : `Map the required field${entries.length > 1 ? 's' : ''} ${entries.map((e) => `'${e.key}'`).join(', ')}`;
  return [quickFix(title, input.diagnostic, editOf(input.uri, [edit]), true)];
};
