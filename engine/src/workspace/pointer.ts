/** JSON pointers (RFC 6901) and the dotted key paths messages show to people. */

/** Splits a pointer into unescaped segments; undefined when it is not a pointer at all. */
export function parsePointer(pointer: string): string[] | undefined {
  if (pointer === '') return [];
  if (!pointer.startsWith('/')) return undefined;
  return pointer
    .slice(1)
    .split('/')
    .map((s) => s.replaceAll('~1', '/').replaceAll('~0', '~'));
}

export function formatPointer(segments: readonly (string | number)[]): string {
  return segments.map((s) => `/${String(s).replaceAll('~', '~0').replaceAll('/', '~1')}`).join('');
}

export function childPointer(pointer: string, key: string | number): string {
  return pointer + formatPointer([key]);
}

const identifier = /^[A-Za-z_$][A-Za-z0-9_$-]*$/;

/**
 * The path of a pointer as people read it: `source.format`, `fields[2].maxLength`,
 * `fields.services["Special Ed"]`. The data decides whether a segment is an array index, since a
 * pointer alone cannot tell `fields/0` in a list from a key named "0".
 */
export function dotPath(pointer: string, root: unknown): string {
  const segments = parsePointer(pointer) ?? [];
  let node: unknown = root;
  let out = '';
  for (const segment of segments) {
    if (Array.isArray(node) && /^\d+$/.test(segment)) {
      out += `[${segment}]`;
      node = node[Number(segment)];
      continue;
    }
    out += identifier.test(segment) ? (out === '' ? segment : `.${segment}`) : `[${JSON.stringify(segment)}]`;
    node = isRecord(node) && Object.hasOwn(node, segment) ? node[segment] : undefined;
  }
  return out;
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The value at a pointer in plain data (own properties only, so `__proto__` is just a key). */
export function valueAt(root: unknown, pointer: string): unknown {
  const segments = parsePointer(pointer);
  if (segments === undefined) return undefined;
  let node: unknown = root;
  for (const segment of segments) {
    if (Array.isArray(node)) node = /^\d+$/.test(segment) ? node[Number(segment)] : undefined;
    else if (isRecord(node)) node = Object.hasOwn(node, segment) ? node[segment] : undefined;
    else return undefined;
  }
  return node;
}
