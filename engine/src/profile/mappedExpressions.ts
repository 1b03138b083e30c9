/**
 * Every expression of the mappings that read an import, with where it is and what it fills.
 * Data checks walk these: each is JSONata over one processed row, whatever field it fills.
 */
import type { FormField, MappingFile } from '../model/workspace';
import { pointer } from '../run/pointer';
import type { LoadedDocument, Workspace } from '../workspace/types';

export interface MappedExpression {
  mapping: LoadedDocument<MappingFile>;
  /** JSON pointer of the expression in the mapping file. */
  pointer: string;
  text: string;
  /** How messages name it, as the map stage does: "Field 'x'", "Field 'x.y'", "Field 'x' option 'y'". */
  label: string;
  /**
   * The form field the value goes to: the field, or a repeater's nested field. Undefined for an
   * option of a checkbox or radio group (its value is true/false), the matching element, and a
   * field the form lacks (E0025 elsewhere).
   */
  field: FormField | undefined;
  /** Inside a repeater: the value holds one instance per tab-separated part. */
  repeated: boolean;
}

export function mappingsOf(workspace: Workspace, alias: string): LoadedDocument<MappingFile>[] {
  return workspace.mappings.filter((m) => m.value?.import === alias);
}

export function mappedExpressions(workspace: Workspace, alias: string): MappedExpression[] {
  const out: MappedExpression[] = [];
  for (const mapping of mappingsOf(workspace, alias)) {
    const value = mapping.value as MappingFile;
    const form = workspace.forms.find((f) => f.value?.id === value.form)?.value;
    const fieldsById = new Map((form?.fields ?? []).map((f) => [f.id, f] as const));
    const add = (at: string, text: unknown, label: string, field: FormField | undefined, repeated: boolean) => {
      if (typeof text === 'string') out.push({ mapping, pointer: at, text, label, field, repeated });
    };
    for (const [id, mapped] of Object.entries(value.fields ?? {})) {
      const field = fieldsById.get(id);
      if (typeof mapped === 'string') {
        add(pointer('fields', id), mapped, `Field '${id}'`, field, false);
        continue;
      }
      if (typeof mapped !== 'object' || mapped === null) continue;
      const repeater = field?.type === 'repeater';
      const nestedById = new Map((field?.fields ?? []).map((f) => [f.id, f] as const));
      for (const [key, text] of Object.entries(mapped)) {
        if (repeater) add(pointer('fields', id, key), text, `Field '${id}.${key}'`, nestedById.get(key), true);
        else add(pointer('fields', id, key), text, `Field '${id}' option '${key}'`, undefined, false);
      }
    }
    const element = value.matchingElement;
    if (element)
      add(pointer('matchingElement', 'expression'), element.expression, 'Matching element', undefined, false);
  }
  return out;
}
