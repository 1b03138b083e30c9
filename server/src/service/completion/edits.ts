/**
 * Writing a completed value or key into the document as its syntax wants it: JSON strings always
 * quoted, YAML plain when YAML would read the text back unchanged, and the user's own quotes kept.
 */
import type { CompletionItem, Range } from 'vscode-languageserver-types';
import { InsertTextFormat, InsertTextMode } from 'vscode-languageserver-types';
import type { ValueContext } from '../yamlPosition';

/** YAML 1.2 core schema words and numbers: plain, they would not stay text. */
const nonText =
  /^(?:~|null|Null|NULL|true|True|TRUE|false|False|FALSE|[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?|0o[0-7]+|0x[0-9a-fA-F]+|[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN)$/;

export function yamlNeedsQuotes(text: string, flow: boolean): boolean {
  if (text === '' || nonText.test(text)) return true;
  if (/^[\s\-?:,[\]{}#&*!|>'"%@`]/.test(text) && !/^-[^\s]/.test(text) && !/^[?:][^\s]/.test(text)) return true;
  if (/\s$|:$|: |\s#|\t/.test(text)) return true;
  return flow && /[,[\]{}]/.test(text);
}

function doubleQuoted(text: string): string {
  return JSON.stringify(text);
}

/** The text replacing a whole value (ctx.range) for a string or a literal (number, boolean). */
export function valueText(value: string | number | boolean, ctx: ValueContext, json: boolean): string {
  // Numbers and booleans are written bare: quoted, they would be text (a schema error).
  if (typeof value !== 'string') return String(value);
  if (json || ctx.quote === '"') return doubleQuoted(value);
  if (ctx.quote === "'") return `'${value.replaceAll("'", "''")}'`;
  return yamlNeedsQuotes(value, ctx.flow) ? doubleQuoted(value) : value;
}

/** Fills the edit fields of an item: the replaced range, the text, and how the client reads it. */
export function withEdit(item: CompletionItem, range: Range, newText: string, snippet: boolean): CompletionItem {
  return {
    ...item,
    textEdit: { range, newText },
    insertText: newText,
    insertTextFormat: snippet ? InsertTextFormat.Snippet : InsertTextFormat.PlainText,
    ...(snippet && newText.includes('\n') ? { insertTextMode: InsertTextMode.adjustIndentation } : {}),
    // Clients filter on the replaced text; when it starts with a quote the label alone never matches.
    ...(item.filterText === undefined && /^["'`]/.test(newText) && !/^["'`]/.test(item.label)
      ? { filterText: leadingQuoted(newText) }
      : {}),
  };
}

/** The quoted string a text starts with (`"format"` of `"format": "csv"`). */
function leadingQuoted(text: string): string {
  const quote = text[0] ?? '';
  for (let i = 1; i < text.length; i++) {
    if (text[i] === '\\') i++;
    else if (text[i] === quote) return text.slice(0, i + 1);
  }
  return text;
}
