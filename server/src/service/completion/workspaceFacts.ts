/**
 * What completion and hover look up in the workspace: forms by id, imports by alias, the mappings
 * that use them, the fields of a form and the columns of an import's data profile, each with the
 * markdown that documents it. Reads values tolerantly: a file with a schema problem has no
 * validated value, yet its id and fields are still worth offering.
 */
import type { FieldOption, FormField, ImportConfig } from '../../../../engine/src/model/workspace';
import type { ColumnProfile, DataProfile } from '../../../../engine/src/profile/types';
import type { LoadedDocument, Workspace } from '../../../../engine/src/workspace/types';
import type { ServiceContext } from '../context';
import { isRecord } from '../yamlPosition';

export function docValue(doc: LoadedDocument<unknown>): Record<string, unknown> | undefined {
  const value = doc.value ?? doc.parsed.value;
  return isRecord(value) ? value : undefined;
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

export interface FormInfo {
  id: string;
  title: string | undefined;
  fields: FormField[];
  doc: LoadedDocument<unknown>;
}

/** Fields as written, keeping only entries with an id and a type, so half-typed forms still help. */
function fieldsOf(value: unknown): FormField[] {
  if (!Array.isArray(value)) return [];
  return value.flatMap((f): FormField[] => {
    if (!isRecord(f) || typeof f.id !== 'string') return [];
    return [
      {
        id: f.id,
        type: (text(f.type) ?? 'text') as FormField['type'],
        ...(text(f.label) !== undefined ? { label: text(f.label) } : {}),
        ...(Array.isArray(f.options) ? { options: f.options.filter(isOption) } : {}),
        ...(typeof f.required === 'boolean' ? { required: f.required } : {}),
        ...(typeof f.maxLength === 'number' ? { maxLength: f.maxLength } : {}),
        ...(Array.isArray(f.fields) ? { fields: fieldsOf(f.fields) } : {}),
        ...(typeof f.maxLimit === 'number' ? { maxLimit: f.maxLimit } : {}),
      },
    ];
  });
}

function isOption(o: unknown): o is FieldOption {
  return typeof o === 'string' || (isRecord(o) && typeof o.value === 'string');
}

/** Per workspace snapshot: a snapshot never changes, and completion asks on every keystroke. */
const formsCache = new WeakMap<Workspace, FormInfo[]>();
const importsCache = new WeakMap<Workspace, ImportInfo[]>();

export function forms(workspace: Workspace | undefined): FormInfo[] {
  if (!workspace) return [];
  let cached = formsCache.get(workspace);
  if (!cached) {
    cached = readForms(workspace);
    formsCache.set(workspace, cached);
  }
  return cached;
}

function readForms(workspace: Workspace): FormInfo[] {
  return workspace.forms.flatMap((doc) => {
    const value = docValue(doc);
    const id = text(value?.id);
    return id === undefined ? [] : [{ id, title: text(value?.title), fields: fieldsOf(value?.fields), doc }];
  });
}

export function formById(workspace: Workspace | undefined, id: unknown): FormInfo | undefined {
  return typeof id === 'string' ? forms(workspace).find((f) => f.id === id) : undefined;
}

export interface ImportInfo {
  alias: string;
  name: string | undefined;
  file: string | undefined;
  format: string | undefined;
  encoding: string | undefined;
  doc: LoadedDocument<unknown>;
}

export function imports(workspace: Workspace | undefined): ImportInfo[] {
  if (!workspace) return [];
  let cached = importsCache.get(workspace);
  if (!cached) {
    cached = readImports(workspace);
    importsCache.set(workspace, cached);
  }
  return cached;
}

function readImports(workspace: Workspace): ImportInfo[] {
  return workspace.imports.flatMap((doc) => {
    const value = docValue(doc);
    const alias = text(value?.alias);
    if (alias === undefined) return [];
    const source = isRecord(value?.source) ? value.source : {};
    return [
      {
        alias,
        name: text(value?.name),
        file: text(source.file),
        format: text(source.format),
        encoding: text(source.encoding),
        doc,
      },
    ];
  });
}

export function importByAlias(workspace: Workspace | undefined, alias: unknown): ImportInfo | undefined {
  return typeof alias === 'string' ? imports(workspace).find((i) => i.alias === alias) : undefined;
}

/** The mappings whose `key` (`import` or `form`) is `value`, with the other end they name. */
export function mappingsWhere(
  workspace: Workspace | undefined,
  key: 'import' | 'form',
  value: string,
): { doc: LoadedDocument<unknown>; form: string | undefined; alias: string | undefined }[] {
  return (workspace?.mappings ?? []).flatMap((doc) => {
    const v = docValue(doc);
    return v?.[key] === value ? [{ doc, form: text(v.form), alias: text(v.import) }] : [];
  });
}

/** The form a mapping fills, from its `form:` key. */
export function formOfMapping(ctx: ServiceContext, root: unknown): FormInfo | undefined {
  return isRecord(root) ? formById(ctx.workspace, root.form) : undefined;
}

/**
 * The data profile of the import a document belongs to (itself, or the import a mapping reads).
 * A mapping being typed is rarely valid (`notes:` with no expression yet), and the context only
 * follows valid mappings; its `import:` as written is what the user means, so that is followed too.
 */
export function profileFor(ctx: ServiceContext, doc: LoadedDocument<unknown>): DataProfile | undefined {
  const importDoc =
    ctx.importFor(doc) ??
    (doc.kind === 'mapping' ? importByAlias(ctx.workspace, docValue(doc)?.import)?.doc : undefined);
  return importDoc ? ctx.profile(importDoc as LoadedDocument<ImportConfig>) : undefined;
}

export function optionValue(option: FieldOption): string {
  return typeof option === 'string' ? option : option.value;
}

export function optionLabel(option: FieldOption): string | undefined {
  return typeof option === 'string' ? undefined : option.label;
}

/** The field types whose mapping is a map of option values or nested field ids, not one expression. */
export function isGroup(field: FormField): boolean {
  return field.type === 'checkbox' || field.type === 'radio' || field.type === 'repeater';
}

const code = (s: string) => `\`${s.replaceAll('`', "'")}\``;

export function fieldMarkdown(field: FormField, form: FormInfo | undefined, parent?: FormField): string {
  const facts = [
    field.type,
    ...(field.required ? ['required'] : []),
    ...(field.maxLength ? [`max ${field.maxLength} characters`] : []),
  ];
  const lines = [`**Field ${code(field.id)}** · ${facts.join(' · ')}`];
  if (field.label) lines.push('', field.label);
  if (field.options && field.options.length > 0) {
    const shown = field.options.slice(0, 12).map((o) => {
      const label = optionLabel(o);
      return label ? `${code(optionValue(o))} (${label})` : code(optionValue(o));
    });
    const more = field.options.length > 12 ? `, and ${field.options.length - 12} more` : '';
    lines.push('', `Options: ${shown.join(', ')}${more}`);
  }
  if (field.type === 'repeater' && field.fields) {
    lines.push('', `Nested fields: ${field.fields.map((f) => `${code(f.id)} (${f.type})`).join(', ')}`);
    if (field.maxLimit) lines.push('', `At most ${field.maxLimit} instances.`);
  }
  if (field.type === 'checkbox' || field.type === 'radio') {
    lines.push('', 'Map each option value to an expression giving `true`, `false` or blank.');
  } else if (field.type === 'repeater') {
    lines.push('', 'Map each nested field id to an expression whose value holds the instances separated by tabs.');
  }
  const where = [
    parent ? `repeater ${code(parent.id)}` : undefined,
    form ? `form ${form.title ? `${form.title} ` : ''}(${code(form.id)})` : undefined,
  ]
    .filter((s) => s !== undefined)
    .join(' of ');
  if (where) lines.push('', `In ${where}.`);
  return lines.join('\n');
}

export function optionMarkdown(option: FieldOption, field: FormField): string {
  const label = optionLabel(option);
  return [
    `**Option ${code(optionValue(option))}**${label ? ` · ${label}` : ''}`,
    '',
    `Of the ${field.type} field ${code(field.id)}${field.label ? ` (${field.label})` : ''}: its expression gives \`true\`, \`false\` or blank.`,
  ].join('\n');
}

export function columnMarkdown(column: ColumnProfile, profile: DataProfile): string {
  const lines = [`**Column ${code(column.name)}** · ${column.inferredType}`];
  if (column.samples.length > 0) lines.push('', `Samples: ${column.samples.map(code).join(', ')}`);
  const distinct = `${column.distinct}${column.distinctCapped ? '+' : ''}`;
  const plural = column.distinct === 1 && !column.distinctCapped ? 'value' : 'values';
  lines.push('', `Empty in ${column.empty} of ${profile.rowsProfiled} rows · ${distinct} distinct ${plural}`);
  if (column.fittingDateFormats.length > 0) {
    lines.push('', `Date formats that fit: ${column.fittingDateFormats.map(code).join(', ')}`);
  }
  lines.push(
    '',
    `From ${code(profile.sourcePath)}${profile.truncated ? ` (first ${profile.rowsProfiled} rows)` : ''}.`,
  );
  return lines.join('\n');
}

export function formMarkdown(form: FormInfo, workspace: Workspace | undefined): string {
  const required = form.fields.filter((f) => f.required).length;
  const lines = [
    `**Form ${code(form.id)}**${form.title ? ` · ${form.title}` : ''}`,
    '',
    `${form.fields.length} field${form.fields.length === 1 ? '' : 's'}${required > 0 ? ` (${required} required)` : ''} · ${code(form.doc.relativePath)}`,
  ];
  const users = mappingsWhere(workspace, 'form', form.id);
  if (users.length > 0) {
    lines.push(
      '',
      `Filled by: ${users.map((u) => `${code(u.doc.relativePath)}${u.alias ? ` (import ${code(u.alias)})` : ''}`).join(', ')}`,
    );
  }
  return lines.join('\n');
}

export function importMarkdown(info: ImportInfo, workspace: Workspace | undefined): string {
  const lines = [`**Import ${code(info.alias)}**${info.name ? ` · ${info.name}` : ''}`];
  if (info.file) {
    const how = [info.format, info.encoding].filter((s) => s !== undefined).join(', ');
    lines.push('', `Source: ${code(info.file)}${how ? ` (${how})` : ''} · ${code(info.doc.relativePath)}`);
  }
  const users = mappingsWhere(workspace, 'import', info.alias);
  if (users.length > 0) {
    lines.push(
      '',
      `Used by: ${users.map((u) => `${code(u.doc.relativePath)}${u.form ? ` (form ${code(u.form)})` : ''}`).join(', ')}`,
    );
  } else {
    lines.push('', 'No mapping uses it yet.');
  }
  return lines.join('\n');
}
