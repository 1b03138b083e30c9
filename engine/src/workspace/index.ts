/**
 * The workspace core: parsing, locating, schema validation, and loading a whole workspace. Pure
 * TypeScript over the engine's FileSystem, so it runs in Node and in a browser alike.
 */
export { type CheckedDocument, checkDocument } from './checkDocument';
export { type CrossFileInput, crossFileChecks } from './crossFileChecks';
export { detectKind, syntaxOf } from './detectKind';
export { expressionChecks } from './expressionChecks';
export { type FoundNode, findNode, type KeyValueRange, locateInScalar, scalarOffsets } from './locate';
export { findWorkspaceRoot } from './findRoot';
export { allDocuments, fillLocationRange, fillProblemRanges, locationAt, rangeFor } from './locations';
export {
  emptyWorkspace,
  type LoadOptions,
  loadWorkspace,
  transformationPath,
  transformationSource,
  workspaceFileNames,
} from './loadWorkspace';
export {
  type ParsedDocument,
  type ParseOptions,
  parseDocument,
  parseText,
  rootRange,
  type Syntax,
} from './parseDocument';
export { childPointer, dotPath, formatPointer, parsePointer, valueAt } from './pointer';
export { peopleColumns, peopleFromCsv, recordColumns, recordsFromCsv } from './sandbox';
export { schemaProblems } from './schemaProblems';
export {
  annotationKeywords,
  createAjv,
  type SchemaKind,
  type SchemaNode,
  schemaFor,
  schemaId,
  schemaKinds,
  validatorFor,
} from './schemaRegistry';
export { didYouMean, suggest } from './suggest';
export type { LoadedDocument, Workspace } from './types';
export { validateSchema } from './validateSchema';
