/**
 * Which values of which documents hold JSONata, and what the expression evaluates on: mapping
 * expressions (and the matching element) run on one processed row, so the profile's columns are
 * the names they use; a transformation runs on the parsed file, before those columns exist.
 */
import type { DocumentKind } from '../../../../engine/src/model/workspace';
import type { Segment } from '../yamlPosition';

export type ExpressionRole = 'row' | 'transformation';

export function expressionRole(kind: DocumentKind, path: readonly Segment[]): ExpressionRole | undefined {
  if (kind === 'jsonata') return path.length === 0 ? 'transformation' : undefined;
  if (kind === 'import')
    return path.length === 2 && path[0] === 'transformation' && path[1] === 'expression' ? 'transformation' : undefined;
  if (kind !== 'mapping') return undefined;
  if (path.length === 2 && path[0] === 'matchingElement' && path[1] === 'expression') return 'row';
  if (path[0] === 'fields' && (path.length === 2 || path.length === 3) && path.every((s) => typeof s === 'string'))
    return 'row';
  return undefined;
}
