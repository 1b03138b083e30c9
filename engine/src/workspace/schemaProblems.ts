/**
 * Turns ajv's errors into the problems a person reads: one clear message per mistake, the catalog
 * code the schema asks for (x-errorCode) or E0033, and the range of the offending key or value.
 *
 * ajv with allErrors reports every failed keyword, including the bookkeeping of conditionals
 * ("must match then schema") and every branch of a oneOf. Those are folded away here.
 */
import type { ErrorObject } from 'ajv';
import { catalog, type ErrorCode, problem } from '../errors/catalog';
import type { Problem } from '../errors/problem';
import { rangeFor } from './locations';
import type { ParsedDocument } from './parseDocument';
import { childPointer, dotPath, isRecord, valueAt } from './pointer';
import { type SchemaKind, type SchemaNode, schemaParents } from './schemaRegistry';
import { didYouMean, listOf, suggest } from './suggest';

/** One mistake, before it becomes a Problem. */
interface Issue {
  code: ErrorCode;
  /** The instance the issue is about. */
  pointer: string;
  /** Where to show it, and whether the key or the value is the thing to underline. */
  at: { pointer: string; part: 'key' | 'auto' };
  message: string;
  data?: Record<string, unknown>;
  /** Set on missing-key issues, so they can be merged and matched with near-miss unknown keys. */
  missing?: string[];
  /** Set on unknown-key issues. */
  unknownKey?: string;
  keyword: string;
}

export function schemaProblems(errors: readonly ErrorObject[], parsed: ParsedDocument, kind: SchemaKind): Problem[] {
  const value = parsed.value;
  const ctx: Context = { kind, value, parents: schemaParents(kind) };
  const { remaining, issues } = collapseBranches(
    errors.filter((e) => e.keyword !== 'if' && e.keyword !== 'propertyNames'),
    ctx,
  );
  for (const error of remaining) {
    const issue = toIssue(error, ctx);
    if (issue) issues.push(issue);
  }
  // In reading order, as an editor lists them.
  return tidy(issues, ctx)
    .map((issue) => toProblem(issue, parsed))
    .sort((a, b) => {
      const x = a.locations[0]?.range?.start;
      const y = b.locations[0]?.range?.start;
      return (x?.line ?? 0) - (y?.line ?? 0) || (x?.character ?? 0) - (y?.character ?? 0);
    });
}

interface Context {
  kind: SchemaKind;
  value: unknown;
  parents: WeakMap<object, object>;
}

function node(error: ErrorObject): SchemaNode {
  const parent: unknown = error.parentSchema;
  return isRecord(parent) ? parent : {};
}

function text(schema: SchemaNode, key: string): string | undefined {
  const v = schema[key];
  return typeof v === 'string' ? v : undefined;
}

/** The nearest x-errorCode on the failing schema or its ancestors; E0033 when none says better. */
function codeFor(schema: SchemaNode, ctx: Context): ErrorCode {
  let current: object | undefined = schema;
  while (current) {
    if (!Array.isArray(current)) {
      const code = (current as SchemaNode)['x-errorCode'];
      if (typeof code === 'string' && Object.hasOwn(catalog, code)) return code as ErrorCode;
    }
    current = ctx.parents.get(current);
  }
  return 'E0033';
}

/**
 * Prefixes the key path, unless the message already starts with it or names the full dotted path
 * (a schema's errorMessage may). Root problems have no path; built-in messages are capitalised.
 */
function withPath(path: string, message: string, builtIn = true): string {
  if (path === '') return builtIn ? message.charAt(0).toUpperCase() + message.slice(1) : message;
  if (message.startsWith(path) || (/[.[]/.test(path) && message.includes(path))) return message;
  return `${path}: ${message}`;
}

/**
 * oneOf/anyOf: every branch reports its own errors. Keep the branch that came closest (fewest
 * errors); on a tie, report keys no branch knows (with a suggestion drawn from all branches) or,
 * failing that, the schema's errorMessage once.
 */
function collapseBranches(errors: ErrorObject[], ctx: Context): { remaining: ErrorObject[]; issues: Issue[] } {
  let remaining = [...errors];
  const issues: Issue[] = [];
  const groups = remaining
    .filter((e) => e.keyword === 'oneOf' || e.keyword === 'anyOf')
    .sort((a, b) => b.schemaPath.length - a.schemaPath.length);
  for (const group of groups) {
    if (!remaining.includes(group)) continue;
    const prefix = `${group.schemaPath}/`;
    const members = remaining.filter(
      (e) => e !== group && e.schemaPath.startsWith(prefix) && e.instancePath.startsWith(group.instancePath),
    );
    remaining = remaining.filter((e) => e !== group && !members.includes(e));
    const branches = new Map<string, ErrorObject[]>();
    for (const e of members) {
      const index = e.schemaPath.slice(prefix.length).split('/')[0] ?? '';
      branches.set(index, [...(branches.get(index) ?? []), e]);
    }
    const branchSchemas: unknown[] = Array.isArray(group.schema) ? group.schema : [];
    const counts = [...branches.values()].map((list) => list.length);
    const best = Math.min(...counts);
    const closest = [...branches.values()].filter((list) => list.length === best);
    if (branches.size === branchSchemas.length && closest.length === 1 && closest[0]) {
      remaining.push(...closest[0]);
      continue;
    }
    // A tie (or several branches matched): the branches cannot say which shape was meant.
    const holder = node(group);
    const path = dotPath(group.instancePath, ctx.value);
    const known = new Set<string>();
    for (const branch of branchSchemas) {
      if (isRecord(branch) && isRecord(branch.properties)) for (const k of Object.keys(branch.properties)) known.add(k);
    }
    const unknownEverywhere = new Set<string>();
    const target = valueAt(ctx.value, group.instancePath);
    if (isRecord(target)) for (const k of Object.keys(target)) if (!known.has(k)) unknownEverywhere.add(k);
    if (unknownEverywhere.size > 0) {
      for (const key of unknownEverywhere)
        issues.push(unknownKeyIssue(group.instancePath, key, [...known], holder, ctx));
      continue;
    }
    issues.push({
      code: codeFor(holder, ctx),
      pointer: group.instancePath,
      at: { pointer: group.instancePath, part: 'key' },
      message: withPath(
        path,
        text(holder, 'errorMessage') ?? 'does not match any of the allowed shapes.',
        !text(holder, 'errorMessage'),
      ),
      keyword: group.keyword,
    });
  }
  return { remaining, issues };
}

function unknownKeyIssue(parent: string, key: string, allowed: string[], schema: SchemaNode, ctx: Context): Issue {
  const pointer = childPointer(parent, key);
  const suggestions = suggest(key, allowed);
  const hint = didYouMean(suggestions) || (allowed.length > 0 ? ` Allowed keys: ${allowed.join(', ')}.` : '');
  return {
    code: codeFor(schema, ctx),
    pointer,
    at: { pointer, part: 'key' },
    message: `Unknown key '${dotPath(pointer, ctx.value)}'.${hint}`,
    data: { unknownKey: key, suggestions, allowed },
    unknownKey: key,
    keyword: 'additionalProperties',
  };
}

const typeNames: Record<string, string> = {
  string: 'a text',
  integer: 'a whole number',
  number: 'a number',
  boolean: 'true or false',
  object: 'a map of keys',
  array: 'a list',
  null: 'nothing',
};

function describe(value: unknown): string {
  if (value === null || value === undefined) return 'nothing';
  if (typeof value === 'string') return `the text '${value}'`;
  if (typeof value === 'number') return `the number ${value}`;
  if (typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) return 'a list';
  return 'a map of keys';
}

function shown(value: unknown): string {
  return typeof value === 'string' ? `'${value}'` : (JSON.stringify(value) ?? String(value));
}

function toIssue(error: ErrorObject, ctx: Context): Issue | undefined {
  const schema = node(error);
  const code = codeFor(schema, ctx);
  const pointer = error.instancePath;
  const path = dotPath(pointer, ctx.value);
  const data = error.data;
  const custom = text(schema, 'errorMessage');
  const base = { code, pointer, keyword: error.keyword };
  const auto = { pointer, part: 'auto' as const };
  const relocated = text(schema, 'x-errorPointer');
  const params = error.params as Record<string, unknown>;

  switch (error.keyword) {
    case 'required': {
      const missing = String(params.missingProperty);
      // A conditional branch (no type of its own) explains its condition in errorMessage; on an
      // object's own schema, errorMessage describes a wrong type and "missing key" reads better.
      const custom = schema.type === undefined ? text(schema, 'errorMessage') : undefined;
      return {
        ...base,
        at: relocated ? { pointer: pointer + relocated, part: 'auto' } : { pointer, part: 'key' },
        message: custom ? withPath(path, custom, false) : '',
        missing: [missing],
        ...(custom ? { data: { missing: [missing] } } : {}),
      };
    }
    case 'additionalProperties': {
      const properties = isRecord(schema.properties) ? Object.keys(schema.properties) : [];
      return unknownKeyIssue(pointer, String(params.additionalProperty), properties, schema, ctx);
    }
    case 'enum':
    case 'const': {
      const allowed = error.keyword === 'enum' ? (params.allowedValues as unknown[]) : [params.allowedValue];
      const names = allowed.map((a) => (typeof a === 'string' ? a : JSON.stringify(a)));
      const suggestions = typeof data === 'string' ? suggest(data, names) : [];
      const use = names.length === 1 ? `use ${names[0]}` : `use one of ${names.join(', ')}`;
      return {
        ...base,
        at: auto,
        message: withPath(path, `${shown(data)} is not allowed; ${use}.${didYouMean(suggestions)}`),
        data: { allowed, suggestions },
      };
    }
    case 'type': {
      const expected = ([] as unknown[]).concat(params.type).map(String);
      const quoteHint =
        expected.includes('string') && (typeof data === 'number' || typeof data === 'boolean')
          ? ` Put it in quotes: '${String(data)}'.`
          : '';
      const message = custom
        ? withPath(path, custom, false)
        : withPath(
            path,
            `expected ${listOf(expected.map((t) => typeNames[t] ?? t))}, got ${describe(data)}.${quoteHint}`,
          );
      return { ...base, at: auto, message, data: { expected } };
    }
    case 'pattern': {
      const explain = text(schema, 'patternErrorMessage') ?? custom ?? `It must match the pattern ${params.pattern}.`;
      if (error.propertyName !== undefined) {
        const keyPointer = childPointer(pointer, error.propertyName);
        return {
          ...base,
          pointer: keyPointer,
          at: { pointer: keyPointer, part: 'key' },
          message: withPath(path, `the key '${error.propertyName}' is not valid. ${explain}`),
          data: { pattern: params.pattern },
        };
      }
      return {
        ...base,
        at: auto,
        message: withPath(path, `${shown(data)} is not valid. ${explain}`),
        data: { pattern: params.pattern },
      };
    }
    case 'not': {
      // `not: {}` forbids the key itself; any other `not` refuses a value.
      const forbidsKey = isRecord(error.schema) && Object.keys(error.schema).length === 0;
      return {
        ...base,
        at: { pointer, part: forbidsKey ? 'key' : 'auto' },
        message: withPath(path, custom ?? 'this value is not allowed here.', !custom),
      };
    }
    case 'false schema':
      return {
        ...base,
        at: { pointer, part: 'key' },
        message: withPath(path, custom ?? 'this key is not allowed here.'),
      };
    case 'minLength':
      return {
        ...base,
        at: auto,
        message: withPath(
          path,
          params.limit === 1 ? 'must not be empty.' : `must have at least ${params.limit} characters.`,
        ),
      };
    case 'maxLength':
      return { ...base, at: auto, message: withPath(path, `must have at most ${params.limit} characters.`) };
    case 'minItems':
      return {
        ...base,
        at: { pointer, part: 'key' },
        message: withPath(path, `needs at least ${params.limit} item${params.limit === 1 ? '' : 's'}.`),
      };
    case 'maxItems':
      return { ...base, at: { pointer, part: 'key' }, message: withPath(path, `holds at most ${params.limit} items.`) };
    case 'minimum':
    case 'exclusiveMinimum':
      return {
        ...base,
        at: auto,
        message: withPath(path, `${shown(data)} is less than the minimum, ${params.limit}.`),
      };
    case 'maximum':
    case 'exclusiveMaximum':
      return {
        ...base,
        at: auto,
        message: withPath(path, `${shown(data)} is more than the maximum, ${params.limit}.`),
      };
    default:
      return { ...base, at: auto, message: withPath(path, custom ?? error.message ?? 'is not valid.', !custom) };
  }
}

/** Merges, pairs and dedupes issues so that one mistake reads as one problem. */
function tidy(issues: Issue[], ctx: Context): Issue[] {
  // Several missing keys of one object read better as one problem.
  const merged: Issue[] = [];
  for (const issue of issues) {
    const twin = issue.missing && merged.find((m) => m.missing && m.pointer === issue.pointer && m.code === issue.code);
    if (twin?.missing && issue.missing && twin.message === issue.message) twin.missing.push(...issue.missing);
    else merged.push({ ...issue, ...(issue.missing ? { missing: [...issue.missing] } : {}) });
  }
  // An unknown key that is a near miss of a missing key is one typo, not two problems.
  for (const unknown of merged.filter((i) => i.unknownKey !== undefined)) {
    const parent = unknown.pointer.slice(0, unknown.pointer.lastIndexOf('/'));
    const suggestions = (unknown.data?.suggestions as string[] | undefined) ?? [];
    const best = suggestions[0];
    const required = merged.find((m) => m.missing && m.pointer === parent && best && m.missing.includes(best));
    if (required?.missing && best) {
      required.missing = required.missing.filter((k) => k !== best);
      unknown.message = `Unknown key '${dotPath(unknown.pointer, ctx.value)}'. Did you mean '${best}' (a required key)?`;
      // The problem now also stands for the missing key: checkDocument must not call the value usable.
      unknown.data = { ...unknown.data, missingRequired: best };
    }
  }
  const kept = merged.filter((i) => !i.missing || i.missing.length > 0);
  for (const issue of kept) {
    if (!issue.missing || issue.message !== '') continue;
    const names = issue.missing.map(
      (k) => `'${dotPath(issue.pointer, ctx.value)}${issue.pointer === '' ? '' : '.'}${k}'`,
    );
    issue.message = `Missing required key${issue.missing.length > 1 ? 's' : ''} ${listOf(names, 'and')}.`;
    issue.data = { missing: issue.missing };
  }
  // A value of the wrong type that also misses an enum: the enum message already lists what fits.
  const withEnum = new Set(kept.filter((i) => i.keyword === 'enum' || i.keyword === 'const').map((i) => i.pointer));
  const seen = new Set<string>();
  return kept.filter((i) => {
    if (i.keyword === 'type' && withEnum.has(i.pointer)) return false;
    const key = `${i.code}\u0000${i.at.pointer}\u0000${i.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function toProblem(issue: Issue, parsed: ParsedDocument): Problem {
  let { pointer, part } = issue.at;
  // x-errorPointer may name a place the document does not have; fall back to the issue itself.
  if (pointer !== issue.pointer && !parsed.locate(pointer)) {
    pointer = issue.pointer;
    part = 'key';
  }
  const range = rangeFor(parsed, pointer, part);
  return problem(issue.code, issue.message, [{ file: parsed.path, range, pointer }], {
    ...(issue.data ? { data: issue.data } : {}),
  });
}
