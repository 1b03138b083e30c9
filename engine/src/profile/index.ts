/**
 * Data profiles and data-aware checks: what the language server knows about an import's data
 * (columns, statistics, fitting date formats, header positions) and the diagnostics that come
 * from it. Pure TypeScript over the engine's FileSystem, like the rest of the engine.
 */
export type { ColumnProfile, DataProfile, InferredType } from './types';
export { DEFAULT_SAMPLE_ROWS, type ProfileOptions, profileImport } from './profileImport';
export { ProfileCache, type ProfileCacheOptions } from './profileCache';
export { fingerprintSource, type SourceFingerprint } from './fingerprint';
export { dataChecks } from './dataChecks';
export { candidateDateFormats, fittingDateFormats } from './dateFormats';
export { type ColumnReference, columnReferences } from './expressionColumns';
export { DISTINCT_CAP, SAMPLES_PER_COLUMN } from './columnStats';
