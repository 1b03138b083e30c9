/**
 * Names of columns in the configuration checked against the columns the data really has: the
 * person id column (E0008), the sort column (E0005) and every column a mapping expression reads
 * (E0038), each located on the name itself, with the closest columns as suggestions.
 */
import { problem } from '../errors/catalog';
import type { Problem } from '../errors/problem';
import type { ImportConfig } from '../model/workspace';
import { locationAt } from '../workspace/locations';
import { didYouMean, listOf, suggest } from '../workspace/suggest';
import type { LoadedDocument } from '../workspace/types';
import { columnReferences } from './expressionColumns';
import { rangeInExpression } from './locateName';
import type { MappedExpression } from './mappedExpressions';
import type { DataProfile } from './types';

/** Columns a message lists at most when nothing is close to the name. */
const LISTED_COLUMNS = 12;

export function configColumnChecks(importDoc: LoadedDocument<ImportConfig>, profile: DataProfile): Problem[] {
  const config = importDoc.value as ImportConfig;
  const transformed = config.transformation !== undefined;
  const columns = profile.columns.map((c) => c.name);
  const known = new Set(columns);
  const problems: Problem[] = [];
  const idColumn = config.personMatching.idColumn;
  if (typeof idColumn === 'string' && !known.has(idColumn)) {
    const suggestions = suggest(idColumn, columns);
    problems.push(
      problem(
        'E0008',
        `ID column '${idColumn}' is not ${whereColumns(profile, transformed)}.${hint(suggestions, columns)}`,
        [locationAt(importDoc, '/personMatching/idColumn')],
        { fix: fixFor('personMatching.idColumn', suggestions), data: { column: idColumn, suggestions } },
      ),
    );
  }
  const sortColumn = config.sort?.column;
  if (typeof sortColumn === 'string' && sortColumn !== '' && !known.has(sortColumn)) {
    const suggestions = suggest(sortColumn, columns);
    problems.push(
      problem(
        'E0005',
        `Unable to find column to sort on: '${sortColumn}' is not ${whereColumns(profile, transformed)}.${hint(suggestions, columns)}`,
        [locationAt(importDoc, '/sort/column')],
        { fix: fixFor('sort.column', suggestions), data: { column: sortColumn, suggestions } },
      ),
    );
  }
  return problems;
}

/** E0038 for each column an expression reads that the data lacks, on the name inside the expression. */
export function expressionColumnChecks(
  expressions: readonly MappedExpression[],
  profile: DataProfile,
  transformed: boolean,
): Problem[] {
  const columns = profile.columns.map((c) => c.name);
  const known = new Set(columns);
  const problems: Problem[] = [];
  for (const expression of expressions) {
    // An expression that does not compile is E0035, reported by the workspace checks.
    for (const reference of columnReferences(expression.text) ?? []) {
      if (known.has(reference.column)) continue;
      const suggestions = suggest(reference.column, columns);
      const range = rangeInExpression(
        expression.mapping,
        expression.pointer,
        reference.offset,
        reference.column.length,
      );
      problems.push(
        problem(
          'E0038',
          `${expression.label}: column '${reference.column}' is not ${whereColumns(profile, transformed)}.${hint(suggestions, columns)}`,
          [{ file: expression.mapping.relativePath, range, pointer: expression.pointer }],
          {
            fix:
              suggestions[0] === undefined
                ? 'Use a processed column (the header in the file, or a key the transformation outputs).'
                : `Replace '${reference.column}' with '${suggestions[0]}'.`,
            data: { column: reference.column, suggestions },
          },
        ),
      );
    }
  }
  return problems;
}

/** Where the columns come from: the file's header, or the keys the transformation output on the sample. */
function whereColumns(profile: DataProfile, transformed: boolean): string {
  return transformed
    ? `a column the transformation outputs (on the first ${profile.rowsProfiled} rows of '${profile.sourcePath}')`
    : `a column of '${profile.sourcePath}'`;
}

/** " Did you mean 'X'?", or the columns there are when nothing is close. */
function hint(suggestions: readonly string[], columns: readonly string[]): string {
  const text = didYouMean(suggestions);
  if (text !== '') return text;
  const shown = columns.slice(0, LISTED_COLUMNS).map((c) => `'${c}'`);
  const more = columns.length > LISTED_COLUMNS ? ` and ${columns.length - LISTED_COLUMNS} more` : '';
  return ` The columns are ${listOf(shown, 'and')}${more}.`;
}

function fixFor(key: string, suggestions: readonly string[]): string {
  return suggestions[0] === undefined
    ? `Set \`${key}\` to one of the columns of the file (or keys the transformation outputs).`
    : `Set \`${key}\` to '${suggestions[0]}'.`;
}
