/** The Read stage: open a configured source file and stream its records. */
export type { CsvTokenizer, CsvTokenizerFactory } from './csvTokenizer';
export { CsvSyntaxError } from './csvTokenizer';
export { papaparseTokenizer } from './csvPapaparse';
export { decodeText, detectBom } from './decode';
export { defaultLimits, type ReadLimits } from './limits';
export { type OpenSourceOptions, openSource } from './openSource';
export { checkNotBinary, type ResolvedSource, resolveSourcePath } from './resolveSource';
export type { SourceReader, SourceRecord } from './sourceRecord';
