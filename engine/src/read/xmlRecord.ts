/**
 * Builds the value of one xml record from element events (xml.ts has the shape it gives). The open
 * elements are parallel stacks reused from element to element and record to record, and an
 * element's object is made only once it has an attribute or a child: most elements hold text only,
 * and the object and Frame made for each of them were most of the reader's garbage (measured on the
 * 200k-record bench file, docs/performance.md).
 */
import { nullObject } from './nullObject';

/** What saxes hands to its `attribute` handler (without namespaces). */
export interface XmlAttribute {
  name: string;
  value: string;
}

/** Attribute keys and element names remembered (bounded: hostile input may use a new name every time). */
const MAX_REMEMBERED_KEYS = 1024;

/**
 * Which parts of a record to build, from the paths a path-object transformation reads (each a list
 * of keys from the record's element down: element names, `@attribute`s). An element a path ends at
 * is built whole; an element on the way keeps only the children and attributes some path goes on
 * to; everything else is skipped. A path object's value depends on nothing else (JSONata's
 * `a.b` reads only `a`'s `b`), so its rows are the same from the built part as from the whole
 * record, and the same when a record falls back to JSONata (test/read/xmlProjection.test.ts).
 */
export interface Projection {
  /** The keys some path continues with; `WHOLE` below the end of a path. */
  readonly children: Map<string, Projection | typeof WHOLE>;
}

export const WHOLE = Symbol('whole');
/** An element no path reads: skipped with everything inside it. */
const SKIP = Symbol('skip');

export function projectionOf(paths: readonly (readonly string[])[]): Projection {
  const root: Projection = { children: new Map() };
  for (const path of paths) {
    let node: Projection = root;
    for (let i = 0; i < path.length; i++) {
      const key = path[i] as string;
      const last = i === path.length - 1;
      const known = node.children.get(key);
      if (known === WHOLE) break;
      if (last) {
        node.children.set(key, WHOLE);
        break;
      }
      const next: Projection = known ?? { children: new Map() };
      node.children.set(key, next);
      node = next;
    }
  }
  return root;
}

export class XmlRecordBuilder {
  /** Elements of the current record that are open; 0 between records. */
  depth = 0;
  private readonly names: string[] = [];
  /** The element's object, undefined until it has an attribute or a child. */
  private readonly values: (Record<string, unknown> | undefined)[] = [];
  private readonly texts: string[] = [];
  private readonly hasChildren: boolean[] = [];
  private readonly keys = new Map<string, string>();
  private readonly elementNames = new Map<string, string>();
  /** Per open element: what of it is built (WHOLE without a projection). */
  private readonly parts: (Projection | typeof WHOLE | typeof SKIP)[] = [];

  /** `projection`: build only what a path-object transformation reads (see Projection). */
  constructor(private readonly projection?: Projection) {}

  /** Opens an element of the record (the record's own element first) with its attributes. */
  open(name: string, attributes: readonly XmlAttribute[]): void {
    const d = this.depth++;
    // The remembered name: a key whose hash V8 has already computed (see elementName).
    const known = this.elementName(name);
    const part = d === 0 ? (this.projection ?? WHOLE) : this.partOf(d - 1, known);
    this.parts[d] = part;
    if (part === SKIP) {
      // Left out, but its parent is still an element with children, as in the whole record: an
      // object (so `#text` and the paths below it read as they would), not its text.
      if (this.parts[d - 1] !== SKIP) this.hasChild(d - 1);
      return;
    }
    this.names[d] = known;
    this.texts[d] = '';
    this.hasChildren[d] = false;
    let value: Record<string, unknown> | undefined;
    for (let i = 0; i < attributes.length; i++) {
      const attribute = attributes[i] as XmlAttribute;
      const key = this.attributeKey(attribute.name);
      // An attribute left out still makes the element an object, as in the whole record.
      value ??= nullObject();
      if (part !== WHOLE && !part.children.has(key)) continue;
      value[key] = attribute.value;
    }
    this.values[d] = value;
  }

  /** The element open at depth `d` has a child: it becomes an object. */
  private hasChild(d: number): Record<string, unknown> {
    this.hasChildren[d] = true;
    let value = this.values[d];
    if (value === undefined) {
      value = nullObject();
      this.values[d] = value;
    }
    return value;
  }

  /** What of a child element called `name` of the element open at depth `d` is built. */
  private partOf(d: number, name: string): Projection | typeof WHOLE | typeof SKIP {
    const parent = this.parts[d];
    if (parent === WHOLE || parent === SKIP) return parent as typeof WHOLE | typeof SKIP;
    return (parent as Projection).children.get(name) ?? SKIP;
  }

  /** Text or CDATA inside the innermost open element. */
  text(text: string): void {
    const d = this.depth - 1;
    if (this.parts[d] === SKIP) return;
    this.texts[d] += text;
  }

  /**
   * Closes the innermost element and adds its value to its parent. Returns the record's value when
   * the record's own element closed, and undefined otherwise.
   */
  close(): unknown {
    const d = --this.depth;
    if (this.parts[d] === SKIP) return undefined;
    const text = this.texts[d] as string;
    const own = this.values[d];
    // Drop the references, so the stacks do not keep a finished record alive.
    this.values[d] = undefined;
    this.texts[d] = '';
    let value: unknown = text;
    if (own !== undefined) {
      if (text.trim() !== '') own['#text'] = this.hasChildren[d] ? text.trim() : text;
      value = own;
    }
    if (d === 0) return value;
    const parent = this.hasChild(d - 1);
    const name = this.names[d] as string;
    const existing = parent[name];
    if (existing === undefined) parent[name] = value;
    else if (Array.isArray(existing)) existing.push(value);
    else parent[name] = [existing, value];
    return undefined;
  }

  /**
   * One string per element name. saxes cuts a new string for every tag, and using a fresh string as
   * a property key makes V8 look it up in its string table on every access (~0.2 s on the bench
   * file); a remembered one has been used as a key before and is found at once.
   */
  private elementName(name: string): string {
    const known = this.elementNames.get(name);
    if (known !== undefined) return known;
    if (this.elementNames.size < MAX_REMEMBERED_KEYS) this.elementNames.set(name, name);
    return name;
  }

  private attributeKey(name: string): string {
    let key = this.keys.get(name);
    if (key === undefined) {
      key = `@${name}`;
      if (this.keys.size < MAX_REMEMBERED_KEYS) this.keys.set(name, key);
    }
    return key;
  }
}
