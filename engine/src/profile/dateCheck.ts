/**
 * E0009 before any run: the configured date format against the sampled values of the columns
 * mapped to date fields, with the candidate pattern that parses them all when there is one.
 */
import { problem } from '../errors/catalog';
import type { Problem } from '../errors/problem';
import type { ImportConfig } from '../model/workspace';
import { locationAt } from '../workspace/locations';
import type { LoadedDocument } from '../workspace/types';
import { candidateDateFormats, dateParser, parsesAll } from './dateFormats';
import type { MappedExpression } from './mappedExpressions';
import { sampledInput } from './sampledInputs';
import type { DataProfile } from './types';

export function dateFormatCheck(
  importDoc: LoadedDocument<ImportConfig>,
  expressions: readonly MappedExpression[],
  profile: DataProfile,
): Problem[] {
  const pattern = (importDoc.value as ImportConfig).source.dateFormat;
  // A pattern that does not compile is E0043, reported by the workspace checks.
  const parser = typeof pattern === 'string' ? dateParser(pattern) : null;
  if (!parser) return [];
  const seen = new Set<string>();
  const values: string[] = [];
  const columns: string[] = [];
  let failing = 0;
  let example: { value: string; column: string } | undefined;
  for (const expression of expressions) {
    if (expression.field?.type !== 'date') continue;
    const input = sampledInput(expression, profile);
    // Two fields reading one column would count its values twice.
    if (!input || seen.has(`${input.column}\u0000${expression.repeated}`)) continue;
    seen.add(`${input.column}\u0000${expression.repeated}`);
    if (!columns.includes(input.column)) columns.push(input.column);
    for (const parts of input.rows) {
      for (const value of parts) {
        values.push(value);
        if (parser.parse(value) !== undefined) continue;
        failing++;
        example ??= { value, column: input.column };
      }
    }
  }
  if (failing === 0 || !example) return [];
  const fitting = candidateDateFormats.filter((p) => p !== pattern && parsesAll(p, values));
  const suggestedFormat = fitting[0];
  const what =
    `The date format '${pattern}' fails on ${failing} of the ${values.length} sampled values of the date ` +
    `${columns.length === 1 ? 'column' : 'columns'} ${columns.map((c) => `'${c}'`).join(', ')} ` +
    `(for example '${example.value}' in '${example.column}').`;
  const others = fitting.slice(1, 3).map((p) => `'${p}'`);
  const how =
    suggestedFormat === undefined
      ? ' No single date format fits all of them: correct those values in the file.'
      : ` '${suggestedFormat}' fits them all${others.length > 0 ? ` (so ${others.length === 1 ? 'does' : 'do'} ${others.join(' and ')})` : ''}: set source.dateFormat to it.`;
  return [
    problem('E0009', what + how, [locationAt(importDoc, '/source/dateFormat')], {
      fix:
        suggestedFormat === undefined
          ? 'Correct the values in the file so that they follow `source.dateFormat`.'
          : `Set \`source.dateFormat\` to '${suggestedFormat}'.`,
      data: {
        dateFormat: pattern,
        failing,
        sampled: values.length,
        example: example.value,
        column: example.column,
        fittingFormats: fitting,
        ...(suggestedFormat === undefined ? {} : { suggestedFormat }),
      },
    }),
  ];
}
