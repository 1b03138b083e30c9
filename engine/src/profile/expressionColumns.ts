/**
 * Where an expression names each column it reads: the offset of the name inside the expression
 * text, for a diagnostic on exactly that name. Which names are columns is the map stage's own
 * answer (map/fieldInput.ts: the first step of each path, outside predicates and lambda bodies),
 * from the same walk, which also keeps the positions JSONata's parser records.
 */
import { columnNamesOf, compileFieldInput } from '../map/fieldInput';
import { compileGuarded, defaultGuardrails } from '../transform/guardrails';

export interface ColumnReference {
  column: string;
  /** Offset of the name in the expression text (inside the backticks of a `quoted name`); undefined when unknown. */
  offset: number | undefined;
}

/** The columns an expression reads, each with the offset of its first mention; undefined when it does not compile. */
export function columnReferences(text: string): ColumnReference[] | undefined {
  const compiled = compileFieldInput(text, defaultGuardrails);
  if (!compiled.ok) return undefined;
  const names = columnNamesOf(compileGuarded(text, defaultGuardrails));
  return compiled.input.columns.map((column) => {
    const found = names.find((n) => n.name === column);
    return { column, offset: found ? nameOffset(text, column, found.position) : undefined };
  });
}

/** The start of a name token that ends at `end`: `Name`, or the text inside `` `Quoted Name` ``. */
function nameOffset(text: string, name: string, end: number | undefined): number | undefined {
  if (end === undefined) return undefined;
  const quoted = text[end - 1] === '`';
  const start = quoted ? end - 1 - name.length : end - name.length;
  return start >= 0 && text.slice(start, start + name.length) === name ? start : undefined;
}
