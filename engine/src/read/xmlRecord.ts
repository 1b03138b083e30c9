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

  /** Opens an element of the record (the record's own element first) with its attributes. */
  open(name: string, attributes: readonly XmlAttribute[]): void {
    const d = this.depth++;
    this.names[d] = this.elementName(name);
    this.texts[d] = '';
    this.hasChildren[d] = false;
    let value: Record<string, unknown> | undefined;
    if (attributes.length > 0) {
      value = nullObject();
      for (let i = 0; i < attributes.length; i++) {
        const attribute = attributes[i] as XmlAttribute;
        value[this.attributeKey(attribute.name)] = attribute.value;
      }
    }
    this.values[d] = value;
  }

  /** Text or CDATA inside the innermost open element. */
  text(text: string): void {
    const d = this.depth - 1;
    this.texts[d] += text;
  }

  /**
   * Closes the innermost element and adds its value to its parent. Returns the record's value when
   * the record's own element closed, and undefined otherwise.
   */
  close(): unknown {
    const d = --this.depth;
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
    const p = d - 1;
    let parent = this.values[p];
    if (parent === undefined) {
      parent = nullObject();
      this.values[p] = parent;
    }
    this.hasChildren[p] = true;
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
