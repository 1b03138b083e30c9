/**
 * Reads the first rows of a source through the Read stage and, when there is one, the compiled
 * transformation, feeding each processed row to the column statistics. Stops as soon as the
 * sample is full (closing the file), so profiling a 1 GB file reads a few chunks.
 */
import type { Row } from '../cache/processedRow';
import type { FileSystem } from '../io/fileSystem';
import type { Encoding, ImportConfig } from '../model/workspace';
import { openSource } from '../read/openSource';
import type { ProblemSink } from '../run/problemSink';
import { defaultGuardrails } from '../transform/guardrails';
import { isGuardrailFailure } from '../transform/jsonataErrors';
import { recordLocation, runtimeProblem, shapeProblem, type Transformation } from '../transform/transformation';
import type { Workspace } from '../workspace/types';
import { ColumnStats } from './columnStats';

export interface SampleInput {
  fs: FileSystem;
  workspace: Workspace;
  config: ImportConfig;
  encoding: Encoding;
  transformation: Transformation | undefined;
  sampleRows: number;
  /** The source file relative to the workspace root, as problems name it. */
  sourcePath: string;
  sink: ProblemSink;
  signal?: AbortSignal;
}

export interface Sample {
  stats: ColumnStats;
  /** The csv/tsv header, as the reader split it. */
  headers: readonly string[] | undefined;
  truncated: boolean;
}

export function emptySample(): Sample {
  return { stats: new ColumnStats(), headers: undefined, truncated: false };
}

/**
 * Fills `sample` from the source. A ProblemError that stops reading (E0026, E0042, malformed
 * XML...) is thrown; what `sample` gathered before it stays usable.
 */
export async function sampleRows(input: SampleInput, sample: Sample): Promise<void> {
  const { config, transformation, sampleRows: limit, sink, signal } = input;
  const stats = sample.stats;
  const reader = await openSource(input.fs, {
    sftpRoot: input.workspace.sftpRoot,
    source: { ...config.source, encoding: input.encoding },
    relativeTo: input.workspace.root,
    ...(signal ? { signal } : {}),
  });
  sample.headers = reader.headers;
  // Without a transformation the columns are the headers, known before any row.
  if (!transformation && reader.headers) stats.addColumns(reader.headers);
  const recordIsRow = config.source.format === 'csv' || config.source.format === 'tsv';
  const iterator = reader.records[Symbol.asyncIterator]();
  let records = 0;
  try {
    for (;;) {
      if (stats.rowCount >= limit || records >= limit) {
        // One more record says whether the file goes on; reading stops right after it.
        sample.truncated = !(await iterator.next()).done;
        break;
      }
      const next = await iterator.next();
      if (next.done) break;
      records++;
      const record = next.value;
      if (!transformation) {
        stats.addRow(record.value as Row);
        continue;
      }
      const outcome = await transformation.run(record);
      const failure = outcome.failure;
      if (failure) {
        const location = recordLocation(input.sourcePath, record, recordIsRow);
        sink.add('E0012', () => runtimeProblem(failure, record, location, defaultGuardrails));
        // A runaway expression would run away on every record: stop rather than wait for each.
        if (isGuardrailFailure(failure)) break;
      }
      for (const error of outcome.shapeErrors) {
        const location = recordLocation(input.sourcePath, record, recordIsRow);
        sink.add('E0013', () => shapeProblem(error, record, location));
      }
      for (const row of outcome.rows) {
        if (stats.rowCount >= limit) {
          sample.truncated = true;
          break;
        }
        stats.addRow(row);
      }
      if (sample.truncated) break;
    }
  } finally {
    await iterator.return?.();
    for (const p of reader.problems) sink.addProblem(p);
  }
}
