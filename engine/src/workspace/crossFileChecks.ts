/**
 * Checks no single schema can make: aliases unique across imports, mappings that name real imports,
 * forms, fields and options, mapping shapes that fit the field types, a matching element where
 * record matching needs one, and the form's required fields mapped. Every "unknown name" problem
 * suggests the nearest known name.
 */
import { problem } from '../errors/catalog';
import type { Problem } from '../errors/problem';
import type { FieldOption, FormDefinition, FormField, ImportConfig, MappingFile } from '../model/workspace';
import { locationAt } from './locations';
import { formatPointer, isRecord } from './pointer';
import { didYouMean, listOf, suggest } from './suggest';
import type { LoadedDocument } from './types';

export interface CrossFileInput {
  imports: readonly LoadedDocument<ImportConfig>[];
  forms: readonly LoadedDocument<FormDefinition>[];
  mappings: readonly LoadedDocument<MappingFile>[];
}

/** A name a document declares even when the document is otherwise invalid, to avoid cascades. */
function declared(doc: LoadedDocument<unknown>, key: string): string | undefined {
  const value = doc.value ?? doc.parsed.value;
  if (!isRecord(value)) return undefined;
  const name = value[key];
  return typeof name === 'string' ? name : undefined;
}

export function crossFileChecks(input: CrossFileInput): Problem[] {
  return [...duplicateAliases(input.imports), ...duplicateFieldIds(input.forms), ...mappingChecks(input)];
}

function duplicateAliases(imports: readonly LoadedDocument<ImportConfig>[]): Problem[] {
  const byAlias = new Map<string, LoadedDocument<ImportConfig>[]>();
  for (const doc of imports) {
    const alias = declared(doc, 'alias');
    if (alias !== undefined) byAlias.set(alias, [...(byAlias.get(alias) ?? []), doc]);
  }
  const problems: Problem[] = [];
  for (const [alias, docs] of byAlias) {
    if (docs.length < 2) continue;
    const files = docs.map((d) => d.relativePath);
    // One problem per file, its own declaration first, so each file shows the error where it is.
    for (const doc of docs) {
      const others = docs.filter((d) => d !== doc);
      problems.push(
        problem(
          'E0034',
          `The alias '${alias}' is declared by ${files.join(' and ')}; an alias must be unique.`,
          [locationAt(doc, '/alias'), ...others.map((d) => locationAt(d, '/alias'))],
          { data: { alias, files } },
        ),
      );
    }
  }
  return problems;
}

/** Field ids must be unique within a form (and within one repeater); a schema cannot say so. */
function duplicateFieldIds(forms: readonly LoadedDocument<FormDefinition>[]): Problem[] {
  const problems: Problem[] = [];
  const check = (doc: LoadedDocument<FormDefinition>, fields: FormField[], base: (string | number)[]) => {
    const first = new Map<string, number>();
    fields.forEach((field, index) => {
      const earlier = first.get(field.id);
      if (earlier === undefined) first.set(field.id, index);
      else {
        problems.push(
          problem(
            'E0033',
            `${base.length > 0 ? `${formatPath(base)}.` : ''}fields[${index}].id: '${field.id}' is already the id of fields[${earlier}]; field ids are unique within a form.`,
            [locationAt(doc, formatPointer([...base, 'fields', index, 'id']))],
            { data: { duplicate: field.id } },
          ),
        );
      }
      if (field.type === 'repeater' && field.fields) check(doc, field.fields, [...base, 'fields', index]);
    });
  };
  for (const doc of forms) if (doc.value) check(doc, doc.value.fields, []);
  return problems;
}

function formatPath(segments: (string | number)[]): string {
  return segments.map((s, i) => (typeof s === 'number' ? `[${s}]` : i === 0 ? s : `.${s}`)).join('');
}

function optionValue(option: FieldOption): string {
  return typeof option === 'string' ? option : option.value;
}

function optionLabel(option: FieldOption): string | undefined {
  return typeof option === 'string' ? undefined : option.label;
}

const groupTypes = new Set(['checkbox', 'radio']);
const typeNames: Record<string, string> = {
  checkbox: 'a checkbox group',
  radio: 'a radio group',
  repeater: 'a repeater',
};

function mappingChecks(input: CrossFileInput): Problem[] {
  const problems: Problem[] = [];
  // Names of invalid documents still count as declared (no cascade of "unknown" problems), but
  // only valid names are offered as suggestions.
  const importsByAlias = new Map<string, LoadedDocument<ImportConfig>>();
  for (const doc of input.imports) {
    const alias = declared(doc, 'alias');
    if (alias !== undefined && !importsByAlias.has(alias)) importsByAlias.set(alias, doc);
  }
  const validAliases = input.imports.flatMap((d) => (d.value ? [d.value.alias] : []));
  const formsById = new Map<string, LoadedDocument<FormDefinition>>();
  for (const doc of input.forms) {
    const id = declared(doc, 'id');
    if (id !== undefined && !formsById.has(id)) formsById.set(id, doc);
  }
  const validFormIds = input.forms.flatMap((d) => (d.value ? [d.value.id] : []));

  for (const doc of input.mappings) {
    const mapping = doc.value;
    if (!mapping) continue;
    const importDoc = importsByAlias.get(mapping.import);
    if (!importDoc) {
      const suggestions = suggest(mapping.import, validAliases);
      problems.push(
        problem(
          'E0023',
          `Unknown import alias '${mapping.import}'.${didYouMean(suggestions)}`,
          [locationAt(doc, '/import')],
          {
            data: { suggestions, known: validAliases },
          },
        ),
      );
    }
    const formDoc = formsById.get(mapping.form);
    if (!formDoc) {
      const suggestions = suggest(mapping.form, validFormIds);
      problems.push(
        problem('E0024', `Unknown form '${mapping.form}'.${didYouMean(suggestions)}`, [locationAt(doc, '/form')], {
          data: { suggestions, known: validFormIds },
        }),
      );
    }
    const importConfig = importDoc?.value;
    if (importConfig?.recordMatching === true && !mapping.matchingElement) {
      problems.push(
        problem(
          'E0018',
          `The mapping '${doc.relativePath}' reads '${mapping.import}', which has record matching on, but has no matchingElement.`,
          [locationAt(doc, '/import')],
        ),
      );
    }
    const form = formDoc?.value;
    if (form)
      problems.push(...fieldChecks(doc, mapping, form), ...requiredFieldChecks(doc, mapping, form, importConfig));
  }
  return problems;
}

/**
 * E0048 when the mapping leaves required fields of its form unmapped. Not when the import never
 * creates records (updates keep the record's values) or is unknown (E0023), nor when record
 * matching lacks its matching element (E0018 says that, and its fix maps the key, usually the
 * required field in question).
 */
function requiredFieldChecks(
  doc: LoadedDocument<MappingFile>,
  mapping: MappingFile,
  form: FormDefinition,
  importConfig: ImportConfig | undefined,
): Problem[] {
  // An unknown import (E0023) runs nothing; whether it would create records is unknown too.
  if (!importConfig || importConfig.runOptions?.recordCreationMode === 'doNotCreate') return [];
  if (importConfig.recordMatching === true && !mapping.matchingElement) return [];
  const unmapped = form.fields
    .filter(
      (f) => f.required === true && !Object.hasOwn(mapping.fields, f.id) && mapping.matchingElement?.field !== f.id,
    )
    .map((f) => f.id);
  if (unmapped.length === 0) return [];
  const names = listOf(
    unmapped.map((id) => `'${id}'`),
    'and',
  );
  const them = unmapped.length > 1 ? 'them' : 'it';
  return [
    problem(
      'E0048',
      `The form '${form.id}' requires ${names}, which ${unmapped.length > 1 ? 'are' : 'is'} not among this mapping's fields: records it creates would lack ${them}.`,
      [locationAt(doc, '/fields', 'key')],
      { data: { form: form.id, unmapped } },
    ),
  ];
}

function fieldChecks(doc: LoadedDocument<MappingFile>, mapping: MappingFile, form: FormDefinition): Problem[] {
  const problems: Problem[] = [];
  const fieldIds = form.fields.map((f) => f.id);
  for (const [fieldId, fieldMapping] of Object.entries(mapping.fields)) {
    const pointer = formatPointer(['fields', fieldId]);
    const field = form.fields.find((f) => f.id === fieldId);
    if (!field) {
      const suggestions = suggest(fieldId, fieldIds);
      problems.push(
        problem(
          'E0025',
          `The form '${form.id}' has no field '${fieldId}'.${didYouMean(suggestions)}`,
          [locationAt(doc, pointer, 'key')],
          { data: { suggestions, known: fieldIds } },
        ),
      );
      continue;
    }
    const isGroup = groupTypes.has(field.type);
    const isRepeater = field.type === 'repeater';
    if (!isGroup && !isRepeater) {
      if (typeof fieldMapping !== 'string') {
        problems.push(
          problem(
            'E0041',
            `Field '${fieldId}' is a ${field.type} field: map it to one expression, not to a map.`,
            [locationAt(doc, pointer, 'key')],
            { data: { fieldType: field.type, expected: 'expression' } },
          ),
        );
      }
      continue;
    }
    const names = isRepeater ? (field.fields ?? []).map((f) => f.id) : (field.options ?? []).map(optionValue);
    if (typeof fieldMapping === 'string') {
      const example = names[0] ?? (isRepeater ? 'name' : 'option');
      const what = isRepeater
        ? `map each of its fields to an expression whose value holds the instances separated by tabs, e.g. ${example}: ${capitalize(example)}s`
        : `map each option to an expression, e.g. ${example}: ${capitalize(example)}`;
      problems.push(
        problem('E0041', `Field '${fieldId}' is ${typeNames[field.type]}: ${what}.`, [locationAt(doc, pointer)], {
          data: { fieldType: field.type, expected: 'map', keys: names },
        }),
      );
      continue;
    }
    for (const key of Object.keys(fieldMapping)) {
      if (names.includes(key)) continue;
      const keyPointer = formatPointer(['fields', fieldId, key]);
      // A label used where the value belongs is the likeliest slip: suggest that option's value.
      const byLabel = isRepeater ? undefined : field.options?.find((o) => optionLabel(o) === key);
      const suggestions = byLabel ? [optionValue(byLabel)] : suggest(key, names);
      const message = isRepeater
        ? `The repeater '${fieldId}' of form '${form.id}' has no field '${key}'.${didYouMean(suggestions)}`
        : `Field '${fieldId}' of form '${form.id}' has no option '${key}'.${didYouMean(suggestions)}${byLabel ? ' Options are named by their value.' : ''}`;
      problems.push(
        problem('E0025', message, [locationAt(doc, keyPointer, 'key')], { data: { suggestions, known: names } }),
      );
    }
  }
  const element = mapping.matchingElement;
  if (element) {
    const field = form.fields.find((f) => f.id === element.field);
    if (!field) {
      const suggestions = suggest(element.field, fieldIds);
      problems.push(
        problem(
          'E0025',
          `The form '${form.id}' has no field '${element.field}'.${didYouMean(suggestions)}`,
          [locationAt(doc, '/matchingElement/field')],
          { data: { suggestions, known: fieldIds } },
        ),
      );
    } else if (groupTypes.has(field.type) || field.type === 'repeater') {
      problems.push(
        problem(
          'E0041',
          `The matching element '${element.field}' is ${typeNames[field.type]}; the matching key needs a plain field (text, number, date, dropdown).`,
          [locationAt(doc, '/matchingElement/field')],
          { data: { fieldType: field.type } },
        ),
      );
    }
  }
  return problems;
}

function capitalize(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
