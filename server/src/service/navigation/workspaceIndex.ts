/**
 * Name lookups across the workspace that every navigation feature needs: which imports declare an
 * alias, which mappings read it, which form has an id, which field of a form a path names. Names
 * are read from the parsed value, not the validated one, so navigation still works in a file with
 * an unrelated schema error.
 */
import type { ImportConfig } from '../../../../engine/src/model/workspace';
import { joinPath } from '../../../../engine/src/io/fileSystem';
import { formatPointer, isRecord } from '../../../../engine/src/workspace/pointer';
import type { LoadedDocument, Workspace } from '../../../../engine/src/workspace/types';

/** A top-level text value of a document, even when the document failed its schema. */
export function declared(doc: LoadedDocument<unknown>, key: string): string | undefined {
  const value = doc.parsed.value;
  if (!isRecord(value)) return undefined;
  const name = value[key];
  return typeof name === 'string' ? name : undefined;
}

export function importsWithAlias(workspace: Workspace, alias: string): LoadedDocument<ImportConfig>[] {
  return workspace.imports.filter((d) => declared(d, 'alias') === alias);
}

export function mappingsOfImport(workspace: Workspace, alias: string): LoadedDocument<unknown>[] {
  return workspace.mappings.filter((d) => declared(d, 'import') === alias);
}

export function formsWithId(workspace: Workspace, id: string): LoadedDocument<unknown>[] {
  return workspace.forms.filter((d) => declared(d, 'id') === id);
}

export function mappingsOfForm(workspace: Workspace, id: string): LoadedDocument<unknown>[] {
  return workspace.mappings.filter((d) => declared(d, 'form') === id);
}

export interface FieldEntry {
  /** The field as written (a plain object). */
  field: Record<string, unknown>;
  /** Pointer of the field object in its form, e.g. /fields/3 or /fields/3/fields/1. */
  pointer: string;
}

function fieldList(container: unknown): unknown[] {
  return isRecord(container) && Array.isArray(container.fields) ? container.fields : [];
}

/** The field at a path of ids (a top-level field, or a repeater's nested field). */
export function fieldAt(form: LoadedDocument<unknown>, path: readonly string[]): FieldEntry | undefined {
  let container: unknown = form.parsed.value;
  let pointer = '';
  let found: FieldEntry | undefined;
  for (const id of path) {
    const fields = fieldList(container);
    const index = fields.findIndex((f) => isRecord(f) && f.id === id);
    const field = fields[index];
    if (!isRecord(field)) return undefined;
    pointer = `${pointer}${formatPointer(['fields', index])}`;
    found = { field, pointer };
    container = field;
  }
  return found;
}

/** The ids of the fields beside the one at `path` (its siblings and itself). */
export function siblingFieldIds(form: LoadedDocument<unknown>, path: readonly string[]): string[] {
  const parent = path.length > 1 ? fieldAt(form, path.slice(0, -1))?.field : form.parsed.value;
  return fieldList(parent).flatMap((f) => (isRecord(f) && typeof f.id === 'string' ? [f.id] : []));
}

/** An option's value, whether written bare or as `{ value, label }`. */
export function optionValue(option: unknown): string | undefined {
  if (typeof option === 'string') return option;
  return isRecord(option) && typeof option.value === 'string' ? option.value : undefined;
}

export function isGroup(field: Record<string, unknown> | undefined): boolean {
  return field?.type === 'checkbox' || field?.type === 'radio';
}

/** The absolute path of an import's source file under the SFTP root; undefined for an unsafe path. */
export function sourceFilePath(workspace: Workspace, doc: LoadedDocument<unknown>): string | undefined {
  const source = isRecord(doc.parsed.value) ? doc.parsed.value.source : undefined;
  const file = isRecord(source) && typeof source.file === 'string' ? source.file : undefined;
  return file !== undefined && isSafeRelative(file) ? joinPath(workspace.sftpRoot, file) : undefined;
}

/** The schema's rule for relative paths (E0027): no absolute path, drive letter, backslash or `..`. */
export function isSafeRelative(path: string): boolean {
  return /^(?![A-Za-z]:)(?!\/)(?!.*\\)(?!(?:.*\/)?\.\.(?:\/|$)).+$/.test(path);
}
