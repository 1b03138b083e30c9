/**
 * Mapping expressions that do not compile (E0035), placed at the exact character inside the YAML
 * scalar, so the editor underlines the token JSONata stopped at rather than the whole field.
 */
import jsonata from 'jsonata';
import { problem } from '../errors/catalog';
import type { Problem, Range } from '../errors/problem';
import type { MappingFile } from '../model/workspace';
import { failureOffset, lineAndColumn, readJsonataFailure } from '../transform/jsonataErrors';
import { locateInScalar } from './locate';
import { rangeFor } from './locations';
import { formatPointer } from './pointer';
import type { LoadedDocument } from './types';

/** Every expression of a mapping with its pointer and the name messages give it. */
function expressions(mapping: MappingFile): { pointer: string; label: string; text: string }[] {
  const out: { pointer: string; label: string; text: string }[] = [];
  if (mapping.matchingElement) {
    out.push({
      pointer: '/matchingElement/expression',
      label: 'matchingElement',
      text: mapping.matchingElement.expression,
    });
  }
  for (const [fieldId, value] of Object.entries(mapping.fields)) {
    if (typeof value === 'string')
      out.push({ pointer: formatPointer(['fields', fieldId]), label: fieldId, text: value });
    else {
      for (const [key, text] of Object.entries(value)) {
        out.push({ pointer: formatPointer(['fields', fieldId, key]), label: `${fieldId}.${key}`, text });
      }
    }
  }
  return out;
}

export function expressionChecks(mappings: readonly LoadedDocument<MappingFile>[]): Problem[] {
  const problems: Problem[] = [];
  for (const doc of mappings) {
    if (!doc.value) continue;
    for (const { pointer, label, text } of expressions(doc.value)) {
      try {
        jsonata(text);
      } catch (error) {
        const failure = readJsonataFailure(error);
        const offset = failureOffset(failure, text);
        const end = failure.token && failure.token !== '(end)' ? offset + failure.token.length : offset;
        const start = locateInScalar(doc.parsed, pointer, offset);
        const stop = locateInScalar(doc.parsed, pointer, end);
        const range: Range = start ? { start, end: stop ?? start } : rangeFor(doc.parsed, pointer);
        const at = lineAndColumn(text, offset);
        const where = text.includes('\n') ? `line ${at.line}, column ${at.column}` : `column ${at.column}`;
        const name = label === 'matchingElement' ? 'The matching element' : `Field '${label}'`;
        problems.push(
          problem(
            'E0035',
            `${name}: syntax error at ${where} of the expression: ${failure.message}.`,
            [{ file: doc.relativePath, range, pointer }],
            { data: { jsonataCode: failure.code, offset } },
          ),
        );
      }
    }
  }
  return problems;
}
