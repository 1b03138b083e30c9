/**
 * A mapping expression, compiled once per run. A bare column name (`LastName`, or `` `Last Name` ``)
 * reads the column straight from the row: JSONata costs ~100x a property read (performance-baseline
 * §4), and most mapped fields are bare columns, so this fast path is what keeps 1M rows under a second.
 * The fast path is recognised on the parsed AST, so it matches JSONata's own reading of the text
 * (`true` is a literal, `and` is a name) and cannot drift from it.
 */
import type jsonata from 'jsonata';
import { compileGuarded, type Guardrails } from '../transform/guardrails';
import { type JsonataFailure, readJsonataFailure } from '../transform/jsonataErrors';

export type FieldInput =
  | { kind: 'column'; text: string; column: string; columns: string[] }
  | { kind: 'expression'; text: string; expression: jsonata.Expression; columns: string[] };

export type FieldInputCompilation = { ok: true; input: FieldInput } | { ok: false; failure: JsonataFailure };

/** The parsed tree as JSONata builds it (its typings leave out 'path', 'bind' and a few properties). */
interface Node {
  type: string;
  value?: unknown;
  /** The offset just past the token, as JSONata's parser records it. */
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

export function compileFieldInput(text: string, guardrails: Guardrails): FieldInputCompilation {
  let expression: jsonata.Expression;
  try {
    expression = compileGuarded(text, guardrails);
  } catch (error) {
    return { ok: false, failure: readJsonataFailure(error) };
  }
  const ast = expression.ast() as unknown as Node;
  const column = bareColumn(ast);
  if (column !== undefined) return { ok: true, input: { kind: 'column', text, column, columns: [column] } };
  const columns = new Set(columnNamesOf(expression).map((n) => n.name));
  return { ok: true, input: { kind: 'expression', text, expression, columns: [...columns] } };
}

/** The column of a path of a single plain name step, with nothing else attached to it. */
function bareColumn(ast: Node): string | undefined {
  if (ast.type !== 'path' || !ast.steps || ast.steps.length !== 1) return undefined;
  if (Object.keys(ast).some((k) => k !== 'type' && k !== 'steps')) return undefined;
  const step = ast.steps[0] as Node;
  if (step.type !== 'name' || typeof step.value !== 'string') return undefined;
  if (Object.keys(step).some((k) => k !== 'type' && k !== 'value' && k !== 'position')) return undefined;
  return step.value;
}

/** A column an expression reads, where its name token ends (JSONata's `position`). */
export interface ColumnName {
  name: string;
  position: number | undefined;
}

/**
 * Every mention of a column the expression reads from the row, in order: the first step of each path,
 * found through operators, function arguments, conditions, blocks and constructors. Predicates, later
 * path steps and lambda bodies read other contexts and are left out, so a name reported as missing
 * really is read from the row. The map stage takes the names; data checks also take the positions.
 */
export function columnNamesOf(expression: jsonata.Expression): ColumnName[] {
  const out: ColumnName[] = [];
  columnNames(expression.ast() as unknown as Node, out);
  return out;
}

function columnNames(node: Node | undefined, out: ColumnName[]): void {
  if (!node || typeof node !== 'object') return;
  switch (node.type) {
    case 'path': {
      const first = node.steps?.[0] as Node | undefined;
      if (first?.type === 'name' && typeof first.value === 'string')
        out.push({ name: first.value, position: first.position });
      else columnNames(first, out);
      return;
    }
    case 'name':
      if (typeof node.value === 'string') out.push({ name: node.value, position: node.position });
      return;
    case 'binary':
      if (!Array.isArray(node.lhs)) columnNames(node.lhs, out);
      columnNames(node.rhs, out);
      return;
    case 'unary':
      columnNames(node.expression, out);
      for (const e of node.expressions ?? []) columnNames(e, out);
      if (node.value === '{' && Array.isArray(node.lhs)) {
        for (const pair of node.lhs) {
          columnNames(pair[0], out);
          columnNames(pair[1], out);
        }
      }
      return;
    case 'function':
    case 'partial':
      for (const a of node.arguments ?? []) columnNames(a, out);
      return;
    case 'condition':
      columnNames(node.condition, out);
      columnNames(node.then, out);
      columnNames(node.else, out);
      return;
    case 'block':
      for (const e of node.expressions ?? []) columnNames(e, out);
      return;
    case 'bind':
      // `$x := expr`: the value is read from the row; the variable is not a column.
      columnNames(node.rhs, out);
      return;
  }
}
