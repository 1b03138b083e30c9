/** The Read stage: open a configured source file and stream its records. */
export { CsvScanner, CsvSyntaxError, cellText, RowTape } from './csvScanner';
export { decodeText, detectBom } from './decode';
export { defaultLimits, type ReadLimits } from './limits';
export { type OpenSourceOptions, openSource } from './openSource';
export { checkNotBinary, type ResolvedSource, resolveSourcePath } from './resolveSource';
export type { SourceReader, SourceRecord } from './sourceRecord';
