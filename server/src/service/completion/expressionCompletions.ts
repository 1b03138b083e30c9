/**
 * Completions inside JSONata: the standard library's functions with their signatures, and in
 * mapping expressions (evaluated on one processed row) the profile's columns, written bare or
 * between backticks as JSONata needs.
 */
import { CompletionItemKind, type CompletionItem, type Position, type Range } from 'vscode-languageserver-types';
import type { DataProfile } from '../../../../engine/src/profile/types';
import {
  columnReference,
  type ExpressionRole,
  functionMarkdown,
  jsonataFunctions,
  requiredParams,
  signatureOf,
  tokenAt,
} from '../jsonata';
import type { ValueContext } from '../yamlPosition';
import { withEdit } from './edits';
import { columnMarkdown } from './workspaceFacts';

export function expressionCompletions(
  ctx: ValueContext,
  position: Position,
  role: ExpressionRole,
  profile: DataProfile | undefined,
  json: boolean,
): CompletionItem[] {
  // The expression's text on the cursor's line, and the column it starts at.
  const line = ctx.prefix + ctx.after;
  const base = position.character - ctx.prefix.length;
  const token = tokenAt(line, ctx.prefix.length);
  if (!token) return [];
  const range: Range = {
    start: { line: position.line, character: base + token.start },
    end: { line: position.line, character: base + token.end },
  };
  const items: CompletionItem[] = [];
  if (token.kind !== 'backtick') {
    for (const fn of jsonataFunctions) {
      const params = requiredParams(fn).map((p, i) => `\${${i + 1}:${p.replace(/[$}\\<>]/g, '')}}`);
      items.push(
        withEdit(
          {
            label: `$${fn.name}`,
            kind: CompletionItemKind.Function,
            detail: signatureOf(fn),
            documentation: { kind: 'markdown', value: functionMarkdown(fn) },
            sortText: `1${fn.name}`,
            ...(token.kind === 'name' ? { filterText: fn.name } : {}),
          },
          range,
          `\\$${fn.name}(${params.join(', ')})`,
          true,
        ),
      );
    }
  }
  if (role === 'row' && token.kind !== 'function' && profile) {
    // A plain YAML value cannot start with a backtick: quote the whole value when it would.
    const quoteValue =
      ctx.quote === '' && !ctx.flow && ctx.atValueStart && token.start === 0 && ctx.after.trim() === '';
    for (const column of profile.columns) {
      const reference = token.kind === 'backtick' ? `\`${column.name}\`` : columnReference(column.name);
      let text = reference;
      if (ctx.quote === '"' || json) text = JSON.stringify(reference).slice(1, -1);
      else if (ctx.quote === "'") text = reference.replaceAll("'", "''");
      else if (quoteValue && reference.startsWith('`')) text = JSON.stringify(reference);
      items.push(
        withEdit(
          {
            label: column.name,
            kind: CompletionItemKind.Field,
            detail: `${column.inferredType} column${column.samples[0] !== undefined ? ` · e.g. ${column.samples[0]}` : ''}`,
            documentation: { kind: 'markdown', value: columnMarkdown(column, profile) },
            sortText: `0${String(column.index).padStart(4, '0')}`,
            ...(token.kind === 'backtick' ? { filterText: `\`${column.name}` } : {}),
          },
          range,
          text,
          false,
        ),
      );
    }
  }
  return items;
}
