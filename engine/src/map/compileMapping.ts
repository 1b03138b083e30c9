/**
 * Compiles a mapping against its form. Configuration problems (unknown form or field, an expression
 * that does not compile, a mapping that does not fit the field type, record matching without a
 * matching element) are reported once here; the offending field is left out and the others still map.
 */
import { didYouMean, didYouMeanText } from '../cache/didYouMean';
import { problem } from '../errors/catalog';
import type { FormDefinition, FormField, MappingFile } from '../model/workspace';
import type { ProblemSink } from '../run/problemSink';
import { pointer } from '../run/pointer';
import type { Guardrails } from '../transform/guardrails';
import { failureOffset, lineAndColumn } from '../transform/jsonataErrors';
import {
  CELL_LIMIT,
  CHECKBOX,
  type CompiledField,
  type CompiledMapping,
  DATE,
  FLAG,
  NUMBER,
  OPTION,
  RADIO,
  REPEATER,
  TEXT,
} from './compiledMapping';
import { compileFieldInput, type FieldInput } from './fieldInput';
import { OptionSet } from './optionSet';

export interface MappingSource {
  value: MappingFile;
  /** Workspace-relative path of the mapping file. */
  path: string;
}

export type MappingCompilation = { ok: true; mapping: CompiledMapping } | { ok: false };

function newField(id: string, kind: number, pointerText: string, field: FormField | undefined): CompiledField {
  return {
    id,
    kind,
    slot: -1,
    pointer: pointerText,
    required: field?.required === true,
    maxLength: kind === TEXT && field?.maxLength !== undefined ? Math.min(field.maxLength, CELL_LIMIT) : CELL_LIMIT,
    options: null,
    members: null,
    maxLimit: field?.maxLimit ?? Number.POSITIVE_INFINITY,
    column: null,
    columnMissing: false,
  };
}

/** TEXT, NUMBER, DATE or OPTION for a field that takes one value; choice fields inside a repeater take one option. */
function scalarKind(type: FormField['type']): number {
  switch (type) {
    case 'number':
      return NUMBER;
    case 'date':
      return DATE;
    case 'dropdown':
    case 'radio':
    case 'checkbox':
      return OPTION;
    default:
      return TEXT;
  }
}

export function compileMapping(
  source: MappingSource,
  forms: Readonly<Record<string, FormDefinition>>,
  recordMatching: boolean,
  guardrails: Guardrails,
  sink: ProblemSink,
): MappingCompilation {
  const mapping = source.value;
  const file = source.path;
  const form = Object.hasOwn(forms, mapping.form) ? forms[mapping.form] : undefined;
  if (!form) {
    const hint = didYouMeanText(didYouMean(mapping.form, Object.keys(forms)));
    sink.add('E0024', () =>
      problem('E0024', `Unknown form '${mapping.form}'.${hint}`, [{ file, pointer: pointer('form') }]),
    );
    return { ok: false };
  }

  const inputs: FieldInput[] = [];
  const inputTargets: CompiledField[] = [];
  const inputLabels: string[] = [];
  const addInput = (text: string, target: CompiledField, label: string): boolean => {
    const compiled = compileFieldInput(text, guardrails);
    if (!compiled.ok) {
      const offset = failureOffset(compiled.failure, text);
      const { line, column } = lineAndColumn(text, offset);
      sink.add('E0035', () =>
        problem(
          'E0035',
          `${label}: syntax error at column ${column}${line > 1 ? ` of line ${line}` : ''}: ${compiled.failure.message}`,
          [{ file, pointer: target.pointer }],
          { data: { offset, line, column, ...(compiled.failure.code ? { jsonataCode: compiled.failure.code } : {}) } },
        ),
      );
      return false;
    }
    target.slot = inputs.length;
    target.column = compiled.input.kind === 'column' ? compiled.input.column : null;
    inputs.push(compiled.input);
    inputTargets.push(target);
    inputLabels.push(label);
    return true;
  };
  const unknownField = (id: string, where: string, candidates: string[], pointerText: string, what: string) => {
    const hint = didYouMeanText(didYouMean(id, candidates));
    sink.add('E0025', () =>
      problem('E0025', `The form '${form.id}' has no ${what} '${id}'${where}.${hint}`, [
        { file, pointer: pointerText },
      ]),
    );
  };
  const misfit = (id: string, message: string, pointerText: string) => {
    sink.add('E0041', () => problem('E0041', `Field '${id}' ${message}`, [{ file, pointer: pointerText }]));
  };

  const byId = new Map(form.fields.map((f) => [f.id, f] as const));
  const fields: CompiledField[] = [];
  for (const [id, value] of Object.entries(mapping.fields)) {
    const at = pointer('fields', id);
    const field = byId.get(id);
    if (!field) {
      unknownField(id, '', [...byId.keys()], at, 'field');
      continue;
    }
    const isGroup = field.type === 'checkbox' || (field.type === 'radio' && typeof value !== 'string');
    if (field.type === 'repeater') {
      if (typeof value === 'string') {
        misfit(id, 'is a repeater: map each nested field to a tab-separated column, e.g. name: ContactNames.', at);
        continue;
      }
      const compiled = newField(id, REPEATER, at, field);
      const nestedById = new Map((field.fields ?? []).map((f) => [f.id, f] as const));
      compiled.members = [];
      for (const [nestedId, text] of Object.entries(value)) {
        const nestedAt = pointer('fields', id, nestedId);
        const nested = nestedById.get(nestedId);
        if (!nested) {
          unknownField(nestedId, ` in repeater '${id}'`, [...nestedById.keys()], nestedAt, 'field');
          continue;
        }
        const member = newField(nestedId, scalarKind(nested.type), nestedAt, nested);
        if (member.kind === OPTION) member.options = new OptionSet(nested.options);
        if (addInput(text, member, `Field '${id}.${nestedId}'`)) compiled.members.push(member);
      }
      if (compiled.members.length > 0) fields.push(compiled);
      continue;
    }
    if (isGroup) {
      if (typeof value === 'string') {
        misfit(id, `is a checkbox group: map each option to a column, e.g. ${optionExample(field)}.`, at);
        continue;
      }
      const compiled = newField(id, field.type === 'checkbox' ? CHECKBOX : RADIO, at, field);
      const options = new OptionSet(field.options);
      compiled.options = options;
      compiled.members = [];
      for (const [option, text] of Object.entries(value)) {
        const optionAt = pointer('fields', id, option);
        if (!options.has(option)) {
          unknownField(option, ` among the options of '${id}'`, options.values, optionAt, 'option');
          continue;
        }
        const member = newField(option, FLAG, optionAt, undefined);
        if (addInput(text, member, `Field '${id}' option '${option}'`)) compiled.members.push(member);
      }
      // The form's option order, not the mapping's: JavaScript lists integer-like keys ('1', '2') first.
      compiled.members.sort((a, b) => options.values.indexOf(a.id) - options.values.indexOf(b.id));
      if (compiled.members.length > 0) fields.push(compiled);
      continue;
    }
    if (typeof value !== 'string') {
      misfit(id, `is a ${field.type} field: give it one expression, not a map of options.`, at);
      continue;
    }
    const compiled = newField(id, scalarKind(field.type), at, field);
    if (compiled.kind === OPTION) compiled.options = new OptionSet(field.options);
    if (addInput(value, compiled, `Field '${id}'`)) fields.push(compiled);
  }

  let key: CompiledMapping['key'] = null;
  if (recordMatching) {
    const element = mapping.matchingElement;
    if (!element) {
      sink.add('E0018', () =>
        problem(
          'E0018',
          `The mapping for form '${form.id}' reads '${mapping.import}', which has record matching on, but has no matchingElement.`,
          [{ file, pointer: '' }],
        ),
      );
      return { ok: false };
    }
    const at = pointer('matchingElement', 'expression');
    if (!byId.has(element.field)) {
      unknownField(element.field, '', [...byId.keys()], pointer('matchingElement', 'field'), 'field');
      return { ok: false };
    }
    const holder = newField(element.field, TEXT, at, undefined);
    if (!addInput(element.expression, holder, 'Matching element')) return { ok: false };
    const input = inputs.pop() as FieldInput;
    inputTargets.pop();
    inputLabels.pop();
    key = { field: element.field, input, pointer: at };
  }

  return {
    ok: true,
    mapping: {
      formId: form.id,
      form,
      path: file,
      inputs,
      inputTargets,
      inputLabels,
      fields,
      key,
      allColumns: inputs.every((i) => i.kind === 'column'),
    },
  };
}

function optionExample(field: FormField): string {
  const first = field.options?.[0];
  const value = first === undefined ? 'option' : typeof first === 'string' ? first : first.value;
  return `${value}: SomeColumn`;
}

/** True when a compiled mapping fills a date anywhere (a bad dateFormat then stops the run). */
export function mapsDates(mapping: CompiledMapping): boolean {
  return mapping.fields.some((f) => f.kind === DATE || (f.members ?? []).some((m) => m.kind === DATE));
}
