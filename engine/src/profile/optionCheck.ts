/**
 * E0028 before any run: values in the data that a dropdown or radio field has no option for,
 * matched as the map stage matches them (map/optionSet.ts: value or label, then case-insensitively).
 */
import { problem } from '../errors/catalog';
import type { Problem } from '../errors/problem';
import { OptionSet } from '../map/optionSet';
import type { FormField } from '../model/workspace';
import { locationAt } from '../workspace/locations';
import { listOf } from '../workspace/suggest';
import type { MappedExpression } from './mappedExpressions';
import { sampledInput } from './sampledInputs';
import type { DataProfile } from './types';

/** Missing values a message names at most. */
const LISTED_VALUES = 5;

/** A dropdown, a radio field mapped with one expression, or a choice field inside a repeater takes one option. */
function takesOneOption(expression: MappedExpression): FormField | undefined {
  const field = expression.field;
  if (!field) return undefined;
  if (field.type === 'dropdown' || field.type === 'radio') return field;
  if (expression.repeated && field.type === 'checkbox') return field;
  return undefined;
}

export function optionChecks(expressions: readonly MappedExpression[], profile: DataProfile): Problem[] {
  const problems: Problem[] = [];
  for (const expression of expressions) {
    const field = takesOneOption(expression);
    if (!field) continue;
    const input = sampledInput(expression, profile);
    if (!input) continue;
    const options = new OptionSet(field.options);
    // Missing value -> rows holding it; a Map keeps first-seen order for equal counts.
    const missing = new Map<string, number>();
    let rows = 0;
    for (const parts of input.rows) {
      let rowMisses = false;
      for (const value of new Set(parts)) {
        if (options.resolve(value) !== undefined) continue;
        missing.set(value, (missing.get(value) ?? 0) + 1);
        rowMisses = true;
      }
      if (rowMisses) rows++;
    }
    if (rows === 0) continue;
    const ranked = [...missing.entries()].sort((a, b) => b[1] - a[1]).map(([value]) => value);
    const listed = ranked.slice(0, LISTED_VALUES);
    const suggestions: Record<string, string> = {};
    const named = listed.map((value) => {
      const close = options.suggest(value);
      if (close === undefined) return `'${value}'`;
      suggestions[value] = close;
      return `'${value}' (did you mean '${close}'?)`;
    });
    const more = ranked.length > listed.length ? ` and ${ranked.length - listed.length} more` : '';
    const one = ranked.length === 1;
    problems.push(
      problem(
        'E0028',
        `${expression.label} reads column '${input.column}', whose ${one ? 'value' : 'values'} ${listOf(named, 'and')}${more} ` +
          `${one ? 'is not an option' : 'are not options'} of the field (${rows} of the ${profile.rowsProfiled} sampled rows). ` +
          `Add ${one ? 'it' : 'them'} to the field's options, or translate ${one ? 'it' : 'them'} in the expression.`,
        [locationAt(expression.mapping, expression.pointer)],
        {
          fix: `Add the missing values to the options of '${field.id}', or translate them in the expression.`,
          data: {
            column: input.column,
            field: field.id,
            missing: listed,
            missingTotal: ranked.length,
            rows,
            suggestions,
          },
        },
      ),
    );
  }
  return problems;
}
