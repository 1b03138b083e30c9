/**
 * Where column names sit inside a JSONata expression: the names it reads from the row (the same
 * walk as the engine's column check, so navigation and E0038 agree on what a column is), and the
 * keys of the objects it builds (a transformation's output columns). Offsets are into the
 * expression text; JSONata reports each token's end, so the start is worked back from the text.
 */
import jsonata from 'jsonata';

export interface NameToken {
  name: string;
  /** The token's offsets in the expression, quotes or backticks included. */
  start: number;
  end: number;
  /** The name's own offsets, without quotes or backticks. */
  nameStart: number;
  nameEnd: number;
  quoted: boolean;
}

interface AstNode {
  type?: string;
  value?: unknown;
  position?: number;
  steps?: AstNode[];
  lhs?: AstNode | [AstNode, AstNode][];
  rhs?: AstNode;
  expression?: AstNode;
  expressions?: AstNode[];
  arguments?: AstNode[];
  condition?: AstNode;
  then?: AstNode;
  else?: AstNode;
  body?: AstNode;
  stages?: AstNode[];
  expr?: AstNode;
  procedure?: AstNode;
}

function parseAst(text: string): AstNode | undefined {
  try {
    return jsonata(text).ast() as unknown as AstNode;
  } catch {
    return undefined;
  }
}

/** A name token ending at `end`: bare, or in backticks. Undefined when the text does not agree. */
function nameToken(text: string, name: string, end: number): NameToken | undefined {
  if (text[end - 1] === '`') {
    const start = end - name.length - 2;
    if (start >= 0 && text.slice(start, end) === `\`${name}\``) {
      return { name, start, end, nameStart: start + 1, nameEnd: end - 1, quoted: true };
    }
    return undefined;
  }
  const start = end - name.length;
  if (start < 0 || text.slice(start, end) !== name) return undefined;
  return { name, start, end, nameStart: start, nameEnd: end, quoted: false };
}

function stringToken(text: string, name: string, end: number): NameToken | undefined {
  const quote = text[end - 1];
  const start = end - name.length - 2;
  if ((quote !== '"' && quote !== "'") || start < 0 || text[start] !== quote) return undefined;
  if (text.slice(start + 1, end - 1) !== name) return undefined;
  return { name, start, end, nameStart: start + 1, nameEnd: end - 1, quoted: true };
}

/** The columns an expression reads from the row, each occurrence with its offsets. */
export function columnReads(text: string): NameToken[] {
  const out: NameToken[] = [];
  const ast = parseAst(text);
  const visit = (node: AstNode | undefined): void => {
    if (!node || typeof node !== 'object') return;
    switch (node.type) {
      case 'path': {
        // Only the first step reads the row; later steps and predicates read what it returned.
        visit(node.steps?.[0]);
        return;
      }
      case 'name':
        if (typeof node.value === 'string' && typeof node.position === 'number') {
          const token = nameToken(text, node.value, node.position);
          if (token) out.push(token);
        }
        return;
      case 'binary':
        if (!Array.isArray(node.lhs)) visit(node.lhs);
        visit(node.rhs);
        return;
      case 'unary':
        visit(node.expression);
        for (const e of node.expressions ?? []) visit(e);
        if (node.value === '{' && Array.isArray(node.lhs)) {
          for (const [key, value] of node.lhs) {
            visit(key);
            visit(value);
          }
        }
        return;
      case 'function':
      case 'partial':
        for (const a of node.arguments ?? []) visit(a);
        return;
      case 'condition':
        visit(node.condition);
        visit(node.then);
        visit(node.else);
        return;
      case 'block':
        for (const e of node.expressions ?? []) visit(e);
        return;
      case 'bind':
        visit(node.rhs);
        return;
    }
  };
  visit(ast);
  return out.sort((a, b) => a.start - b.start);
}

/** The string keys of every object constructor in an expression: the columns it outputs. */
export function objectKeys(text: string): NameToken[] {
  const out: NameToken[] = [];
  const ast = parseAst(text);
  const seen = new Set<object>();
  const visit = (node: unknown): void => {
    if (!node || typeof node !== 'object' || seen.has(node)) return;
    seen.add(node);
    if (Array.isArray(node)) {
      for (const item of node) visit(item);
      return;
    }
    const n = node as AstNode;
    if (n.type === 'unary' && n.value === '{' && Array.isArray(n.lhs)) {
      for (const [key] of n.lhs) {
        if (key.type === 'string' && typeof key.value === 'string' && typeof key.position === 'number') {
          const token = stringToken(text, key.value, key.position);
          if (token) out.push(token);
        }
      }
    }
    for (const value of Object.values(n)) visit(value);
  };
  visit(ast);
  return out.sort((a, b) => a.start - b.start);
}

const keywords = new Set(['and', 'or', 'in', 'true', 'false', 'null', 'function']);

/** How a column name is written in JSONata: bare when it is a plain name, in backticks otherwise. */
export function columnToken(name: string): string {
  return /^[A-Za-z_][A-Za-z0-9_]*$/.test(name) && !keywords.has(name) ? name : `\`${name}\``;
}
