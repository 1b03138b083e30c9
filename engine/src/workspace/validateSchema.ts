/** Validates a parsed workspace file against the JSON Schema of its kind. */
import type { Problem } from '../errors/problem';
import type { ParsedDocument } from './parseDocument';
import { schemaProblems } from './schemaProblems';
import { type SchemaKind, validatorFor } from './schemaRegistry';

/**
 * The schema problems of a parsed document (none when the document could not be turned into data:
 * its parse problems already say why). Each problem has the code the schema asks for, a message
 * naming the key path, the range of the offending key or value, and its pointer.
 */
export function validateSchema(parsed: ParsedDocument, kind: SchemaKind): Problem[] {
  if (parsed.value === undefined && parsed.problems.length > 0) return [];
  const validate = validatorFor(kind);
  if (validate(parsed.value)) return [];
  return schemaProblems(validate.errors ?? [], parsed, kind);
}
