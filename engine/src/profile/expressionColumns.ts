/**
 * Where an expression names each column it reads: the offset of the name inside the expression
 * text, for a diagnostic on exactly that name. Which names are columns is the map stage's own
 * answer (map/fieldInput.ts: the first step of each path, outside predicates and lambda bodies);
 * this walk follows the same nodes and adds the positions JSONata's parser records.
 */
import { compileFieldInput } from '../map/fieldInput';
import { compileGuarded, defaultGuardrails } from '../transform/guardrails';

export interface ColumnReference {
  column: string;
  /** Offset of the name in the expression text (inside the backticks of a `quoted name`); undefined when unknown. */
  offset: number | undefined;
}

/** The parsed tree as JSONata builds it; `position` is the offset just past the token. */
interface Node {
  type: string;
  value?: unknown;
  position?: number;
  steps?: Node[];
  lhs?: Node | [Node, Node][];
  rhs?: Node;
  expression?: Node;
  expressions?: Node[];
  arguments?: Node[];
  condition?: Node;
  then?: Node;
  else?: Node;
}

/** The columns an expression reads, each with the offset of its first mention; undefined when it does not compile. */
export function columnReferences(text: string): ColumnReference[] | undefined {
  const compiled = compileFieldInput(text, defaultGuardrails);
  if (!compiled.ok) return undefined;
  const names: { name: string; position: number | undefined }[] = [];
  walk(compileGuarded(text, defaultGuardrails).ast() as unknown as Node, names);
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

/** Mirrors collectColumns in map/fieldInput.ts, keeping each name's position. */
function walk(node: Node | undefined, out: { name: string; position: number | undefined }[]): void {
  if (!node || typeof node !== 'object') return;
  const name = (n: Node) => {
    if (typeof n.value === 'string') out.push({ name: n.value, position: n.position });
  };
  switch (node.type) {
    case 'path': {
      const first = node.steps?.[0];
      if (first?.type === 'name') name(first);
      else walk(first, out);
      return;
    }
    case 'name':
      name(node);
      return;
    case 'binary':
      if (!Array.isArray(node.lhs)) walk(node.lhs, out);
      walk(node.rhs, out);
      return;
    case 'unary':
      walk(node.expression, out);
      for (const e of node.expressions ?? []) walk(e, out);
      if (node.value === '{' && Array.isArray(node.lhs)) {
        for (const pair of node.lhs) {
          walk(pair[0], out);
          walk(pair[1], out);
        }
      }
      return;
    case 'function':
    case 'partial':
      for (const a of node.arguments ?? []) walk(a, out);
      return;
    case 'condition':
      walk(node.condition, out);
      walk(node.then, out);
      walk(node.else, out);
      return;
    case 'block':
      for (const e of node.expressions ?? []) walk(e, out);
      return;
    case 'bind':
      walk(node.rhs, out);
      return;
  }
}
