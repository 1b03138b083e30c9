/**
 * Positions in workspace documents: the key path and the kind of spot (key or value) at a cursor,
 * tolerant of the incomplete documents people type, and the syntax-tree node under an offset.
 */
export { blockParentPath } from './blockPath';
export { cursorContext } from './cursorContext';
export { flowContext } from './flowScanner';
export { lineText } from './lines';
export { isStringScalar, type NodeHit, nodeAt } from './nodeAt';
export type { CursorContext, KeyContext, Segment, ValueContext, ValueQuote } from './types';
export { isRecord, keysAt, valueAtPath } from './valueAt';
