/**
 * E0038: an expression reads a column that is not among the processed columns. Reported once per
 * input and column (not per row); the field then maps to blank, and its required check is left out
 * so one typo does not turn every row into an error row.
 */
import { didYouMean, didYouMeanText } from '../cache/didYouMean';
import { problem } from '../errors/catalog';
import type { ProblemSink } from '../run/problemSink';
import type { CompiledMapping } from './compiledMapping';

export function checkMappingColumns(mapping: CompiledMapping, columns: ReadonlySet<string>, sink: ProblemSink): void {
  for (let i = 0; i < mapping.inputs.length; i++) {
    const input = mapping.inputs[i];
    const target = mapping.inputTargets[i];
    const label = mapping.inputLabels[i];
    if (!input || !target || label === undefined) continue;
    for (const column of input.columns) {
      if (columns.has(column)) continue;
      target.columnMissing = true;
      const hint = didYouMeanText(didYouMean(column, columns));
      const suggestion = didYouMean(column, columns);
      sink.add('E0038', () =>
        problem(
          'E0038',
          `${label}: column '${column}' not found.${hint}`,
          [{ file: mapping.path, pointer: target.pointer }],
          {
            data: { column, ...(suggestion === undefined ? {} : { suggestion }) },
          },
        ),
      );
    }
  }
  if (mapping.key) {
    for (const column of mapping.key.input.columns) {
      if (columns.has(column)) continue;
      const suggestion = didYouMean(column, columns);
      sink.add('E0038', () =>
        problem(
          'E0038',
          `Matching element: column '${column}' not found.${didYouMeanText(suggestion)}`,
          [{ file: mapping.path, pointer: mapping.key?.pointer ?? '' }],
          { data: { column, ...(suggestion === undefined ? {} : { suggestion }) } },
        ),
      );
    }
  }
}
