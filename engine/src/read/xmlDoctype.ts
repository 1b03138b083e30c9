/**
 * The DOCTYPE of an XML source: the one place XML can reach outside the file (external DTDs and
 * entities: XXE) or blow up in memory (nested internal entities: "billion laughs").
 *
 * - Any external identifier (SYSTEM or PUBLIC, on the DOCTYPE or on an entity) and any parameter
 *   entity is refused with E0042. Nothing is ever fetched: saxes does not fetch, and we refuse
 *   before a single entity is defined.
 * - Internal general entities are expanded here, once each (memoised), with a bound on the length
 *   of every expansion; billion laughs passes the bound at its fifth level, in microseconds.
 *   Replacement text is inserted as text: markup inside an entity value is not parsed (saxes has
 *   no DTD support of its own), which is enough for the text substitutions data files use.
 */
import { problem } from '../errors/catalog';
import { ProblemError } from '../errors/problem';
import { describeSize } from './limits';
import { dataLocation } from './location';

export const predefinedEntities: Readonly<Record<string, string>> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
};

const entityDeclaration = /<!ENTITY\s+(%\s*)?([^\s"'>]+)\s*("([^"]*)"|'([^']*)'|[^\s>]+)/g;

/** Strips the internal subset's comments and processing instructions, which may mention anything. */
function withoutComments(text: string): string {
  return text.replace(/<!--[\s\S]*?-->/g, ' ').replace(/<\?[\s\S]*?\?>/g, ' ');
}

export function doctypeEntities(
  doctype: string,
  context: { file: string; line: number; column: number; maxExpansion: number },
): Record<string, string> {
  const refuse = (what: string): ProblemError =>
    new ProblemError(
      problem(
        'E0042',
        `${what} refused at line ${context.line}: Import Studio never reads external DTDs or entities.`,
        [dataLocation(context.file, context.line, context.column)],
      ),
    );
  const text = withoutComments(doctype);
  const open = text.indexOf('[');
  const head = open === -1 ? text : text.slice(0, open);
  if (/\b(SYSTEM|PUBLIC)\b/.test(head)) throw refuse('An external DTD (a DOCTYPE with SYSTEM or PUBLIC)');
  const subset =
    open === -1 ? '' : text.slice(open + 1, text.lastIndexOf(']') === -1 ? undefined : text.lastIndexOf(']'));

  const raw = new Map<string, string>();
  for (const match of subset.matchAll(entityDeclaration)) {
    const [, parameter, name = '', , double, single] = match;
    if (parameter) throw refuse(`The parameter entity "${name}"`);
    const literal = double ?? single;
    if (literal === undefined) throw refuse(`The external entity "${name}"`);
    // The first declaration of an entity binds (XML 1.0, 4.2).
    if (!raw.has(name)) raw.set(name, literal);
  }

  const expanded = new Map<string, string>();
  const expanding = new Set<string>();
  const expand = (name: string): string => {
    const done = expanded.get(name);
    if (done !== undefined) return done;
    if (expanding.has(name)) {
      throw new ProblemError(
        problem('E0015', `Malformed xml at line ${context.line}: the entity "${name}" refers to itself.`, [
          dataLocation(context.file, context.line, context.column),
        ]),
      );
    }
    expanding.add(name);
    const literal = raw.get(name) ?? '';
    let length = 0;
    const value = literal.replace(/&(#x[0-9a-fA-F]+|#[0-9]+|[^\s&;]+);/g, (reference, ref: string) => {
      let part: string;
      if (ref.startsWith('#x')) part = String.fromCodePoint(Number.parseInt(ref.slice(2), 16));
      else if (ref.startsWith('#')) part = String.fromCodePoint(Number.parseInt(ref.slice(1), 10));
      else if (Object.hasOwn(predefinedEntities, ref)) part = predefinedEntities[ref] as string;
      else if (raw.has(ref)) part = expand(ref);
      else part = reference;
      length += part.length;
      if (length > context.maxExpansion) {
        throw new ProblemError(
          problem(
            'E0042',
            `The XML entity "${name}" expands to more than ${describeSize(context.maxExpansion)}; entity expansion is bounded ` +
              '(nested entities like these are the "billion laughs" attack).',
            [dataLocation(context.file, context.line, context.column)],
            { data: { entity: name, maxEntityExpansion: context.maxExpansion } },
          ),
        );
      }
      return part;
    });
    if (value.length > context.maxExpansion) {
      throw new ProblemError(
        problem('E0042', `The XML entity "${name}" expands to more than ${describeSize(context.maxExpansion)}.`, [
          dataLocation(context.file, context.line, context.column),
        ]),
      );
    }
    expanding.delete(name);
    expanded.set(name, value);
    return value;
  };
  const entities: Record<string, string> = Object.create(null);
  for (const name of raw.keys()) entities[name] = expand(name);
  return entities;
}
