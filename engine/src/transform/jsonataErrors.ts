/**
 * JSONata throws plain objects ({ code, position, token, message }), not always Error instances;
 * these helpers read them without trusting their shape.
 */

export interface JsonataFailure {
  /** S0xxx syntax, Txxxx type, Dxxxx evaluation errors; undefined for a foreign exception. */
  code: string | undefined;
  message: string;
  /** JSONata's position: the offset just after the offending token. */
  position: number | undefined;
  token: string | undefined;
}

export function readJsonataFailure(error: unknown): JsonataFailure {
  if (typeof error === 'object' && error !== null) {
    const e = error as { code?: unknown; message?: unknown; position?: unknown; token?: unknown };
    return {
      code: typeof e.code === 'string' ? e.code : undefined,
      message: typeof e.message === 'string' ? e.message : String(error),
      position: typeof e.position === 'number' ? e.position : undefined,
      token: typeof e.token === 'string' ? e.token : undefined,
    };
  }
  return { code: undefined, message: String(error), position: undefined, token: undefined };
}

/** D1011 (evaluation depth) and D1012 (timeout) come from the guardrails, not from the data. */
export function isGuardrailFailure(failure: JsonataFailure): boolean {
  return failure.code === 'D1011' || failure.code === 'D1012';
}

/**
 * The 0-based offset where the offending token starts. JSONata gives the position just after the
 * token and the token's value; for a string literal the value lacks its quotes (and escapes), so
 * the start is found by walking back from the closing quote to the opening one.
 */
export function failureOffset(failure: JsonataFailure, text: string): number {
  const end = Math.max(0, Math.min(text.length, failure.position ?? 0));
  if (failure.token === undefined || failure.token === '(end)') return end;
  const quote = text[end - 1];
  if (quote === '"' || quote === "'") {
    for (let i = end - 2; i >= 0; i--) {
      if (text[i] === quote && text[i - 1] !== '\\') return i;
    }
  }
  return Math.max(0, end - failure.token.length);
}

/** 1-based line and column of an offset, counting \n, \r\n and \r as line breaks. */
export function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset && i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 || (c === 13 && text.charCodeAt(i + 1) !== 10)) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: offset - lineStart + 1 };
}
