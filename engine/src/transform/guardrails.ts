/**
 * Bounds for every JSONata evaluation (transformation and mapping expressions), through JSONata's own
 * guardrails: its evaluator checks elapsed time and evaluation depth on every step, the same check the
 * JSONata Exerciser's timebox makes in an evaluate-entry hook. A runaway recursion or infinite loop
 * ends with D1011 or D1012 after at most `timeout` ms.
 */
import jsonata from 'jsonata';

export interface Guardrails {
  /** Milliseconds one evaluation (one record, or one row of one field) may take. */
  timeoutMs: number;
  /** Deepest nesting of evaluation steps: a non-tail recursion a few hundred calls deep stays under it. */
  maxDepth: number;
}

export const defaultGuardrails: Guardrails = { timeoutMs: 1000, maxDepth: 3000 };

/** Compiles with the guardrails; throws JSONata's syntax error object. */
export function compileGuarded(text: string, guardrails: Guardrails): jsonata.Expression {
  return jsonata(text, { timeout: guardrails.timeoutMs, stack: guardrails.maxDepth });
}
