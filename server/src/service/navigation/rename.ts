/**
 * Whether a new name is acceptable for a symbol: it must fit the pattern the schemas give its kind
 * (a rename must not create a schema error) and must not collide with a name already in use (a
 * rename must not merge two things into one).
 */
import type { Workspace } from '../../../../engine/src/workspace/types';
import type { NamedSymbol } from './occurrences';
import { declared, fieldAt, formsWithId, optionValue, siblingFieldIds } from './workspaceIndex';

const patterns: Record<'alias' | 'form' | 'field', { pattern: RegExp; rule: string }> = {
  alias: { pattern: /^[a-z0-9]+(-[a-z0-9]+)*$/, rule: 'an alias uses lowercase letters, digits and single hyphens' },
  form: {
    pattern: /^[A-Za-z0-9][A-Za-z0-9_-]*$/,
    rule: 'a form id uses letters, digits, - and _, starting with a letter or digit',
  },
  field: { pattern: /^[A-Za-z][A-Za-z0-9_]*$/, rule: 'a field id starts with a letter and uses letters, digits and _' },
};

/** Why `newName` cannot be given to `symbol`; undefined when it can. */
export function renameProblem(workspace: Workspace, symbol: NamedSymbol, newName: string): string | undefined {
  if (newName === symbol.name) return undefined;
  if (newName.trim() === '' || /[\n\r\t]/.test(newName)) return 'The new name must be a non-empty text on one line.';
  switch (symbol.kind) {
    case 'alias':
    case 'form': {
      const { pattern, rule } = patterns[symbol.kind];
      if (!pattern.test(newName)) return `'${newName}' is not valid: ${rule}.`;
      const taken =
        symbol.kind === 'alias'
          ? workspace.imports.some((d) => declared(d, 'alias') === newName)
          : workspace.forms.some((d) => declared(d, 'id') === newName);
      return taken
        ? `'${newName}' is already the ${symbol.kind === 'alias' ? 'alias of an import' : 'id of a form'}.`
        : undefined;
    }
    case 'field': {
      const { pattern, rule } = patterns.field;
      if (!pattern.test(newName)) return `'${newName}' is not valid: ${rule}.`;
      const taken = formsWithId(workspace, symbol.formId).some((f) =>
        siblingFieldIds(f, symbol.path).includes(newName),
      );
      return taken ? `The form '${symbol.formId}' already has a field '${newName}' there.` : undefined;
    }
    case 'option': {
      const taken = formsWithId(workspace, symbol.formId).some((f) => {
        const options = fieldAt(f, [symbol.fieldId])?.field.options;
        return Array.isArray(options) && options.some((o) => optionValue(o) === newName);
      });
      return taken ? `The field '${symbol.fieldId}' already has an option '${newName}'.` : undefined;
    }
    case 'column':
      return undefined;
  }
}
