/**
 * The sampled values a bare-column expression gives its field: the column's values, split into
 * instances inside a repeater, trimmed (as the map stage trims typed values), blanks left out.
 * Only bare columns are checked: the value of any other expression is known only by running it,
 * which is the dry run's job.
 */
import { compileFieldInput } from '../map/fieldInput';
import { defaultGuardrails } from '../transform/guardrails';
import type { MappedExpression } from './mappedExpressions';
import type { DataProfile } from './types';

export interface SampledInput {
  expression: MappedExpression;
  column: string;
  /** Per sampled row with a value: its trimmed, non-blank parts (one part outside a repeater). */
  rows: string[][];
}

export function sampledInput(expression: MappedExpression, profile: DataProfile): SampledInput | undefined {
  const compiled = compileFieldInput(expression.text, defaultGuardrails);
  if (!compiled.ok || compiled.input.kind !== 'column') return undefined;
  const column = compiled.input.column;
  const values = Object.hasOwn(profile.values, column) ? profile.values[column] : undefined;
  if (!values) return undefined;
  const rows: string[][] = [];
  for (const value of values) {
    const parts = (expression.repeated ? value.split('\t') : [value]).map((p) => p.trim()).filter((p) => p !== '');
    if (parts.length > 0) rows.push(parts);
  }
  return { expression, column, rows };
}
