/**
 * Two small hash tables (open addressing, linear probing, at most half full) from a string or a
 * number to a non-negative int, for the person index. A 100k-person sandbox is indexed and its
 * people numbered on every dry run; with V8's Map that was ~0.5 µs per insertion (100k fresh
 * personIds: 47-68 ms), with these ~0.2 µs (16-23 ms), measured in one process, 4 alternations
 * (docs/performance.md). Keys are the sandbox's own ids, so the unseeded hash is not exposed to
 * whatever a data file holds: lookups of other strings only probe the sandbox's clusters.
 */

const EMPTY = -1;
const INITIAL_CAPACITY = 1024;

/** FNV-1a over UTF-16 code units. */
function hashString(key: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) {
    h ^= key.charCodeAt(i);
    h = Math.imul(h, 16777619);
  }
  return h >>> 0;
}

/** A number's hash from its two 32-bit halves (ids are integers below 2^53). */
function hashNumber(key: number): number {
  const low = key >>> 0;
  const high = Math.floor(key / 4294967296) >>> 0;
  return (Math.imul(low ^ Math.imul(high, 0x9e3779b1), 0x85ebca6b) ^ (low >>> 16)) >>> 0;
}

/** string -> non-negative int. */
export class StringTable {
  private slots = new Int32Array(INITIAL_CAPACITY).fill(EMPTY);
  private readonly keys: string[] = [];
  private readonly values: number[] = [];

  get size(): number {
    return this.keys.length;
  }

  /** The value of `key`, or -1. */
  get(key: string): number {
    const slots = this.slots;
    const mask = slots.length - 1;
    for (let i = hashString(key) & mask; ; i = (i + 1) & mask) {
      const at = slots[i] as number;
      if (at === EMPTY) return -1;
      if (this.keys[at] === key) return this.values[at] as number;
    }
  }

  /** Sets `key` to `value` (a non-negative int), replacing its value if it has one. */
  set(key: string, value: number): void {
    const slots = this.slots;
    const mask = slots.length - 1;
    for (let i = hashString(key) & mask; ; i = (i + 1) & mask) {
      const at = slots[i] as number;
      if (at === EMPTY) {
        slots[i] = this.keys.length;
        this.keys.push(key);
        this.values.push(value);
        if (this.keys.length * 2 > slots.length) this.grow();
        return;
      }
      if (this.keys[at] === key) {
        this.values[at] = value;
        return;
      }
    }
  }

  private grow(): void {
    const slots = new Int32Array(this.slots.length * 2).fill(EMPTY);
    const mask = slots.length - 1;
    for (let at = 0; at < this.keys.length; at++) {
      let i = hashString(this.keys[at] as string) & mask;
      while (slots[i] !== EMPTY) i = (i + 1) & mask;
      slots[i] = at;
    }
    this.slots = slots;
  }
}

/** integer (below 2^53) -> non-negative int. */
export class NumberTable {
  private slots = new Int32Array(INITIAL_CAPACITY).fill(EMPTY);
  private keys = new Float64Array(INITIAL_CAPACITY / 2);
  private values = new Int32Array(INITIAL_CAPACITY / 2);
  private count = 0;

  get size(): number {
    return this.count;
  }

  /** The value of `key`, or -1. */
  get(key: number): number {
    const slots = this.slots;
    const mask = slots.length - 1;
    for (let i = hashNumber(key) & mask; ; i = (i + 1) & mask) {
      const at = slots[i] as number;
      if (at === EMPTY) return -1;
      if (this.keys[at] === key) return this.values[at] as number;
    }
  }

  set(key: number, value: number): void {
    const slots = this.slots;
    const mask = slots.length - 1;
    for (let i = hashNumber(key) & mask; ; i = (i + 1) & mask) {
      const at = slots[i] as number;
      if (at === EMPTY) {
        slots[i] = this.count;
        this.keys[this.count] = key;
        this.values[this.count] = value;
        this.count++;
        if (this.count * 2 >= slots.length) this.grow();
        return;
      }
      if (this.keys[at] === key) {
        this.values[at] = value;
        return;
      }
    }
  }

  /** Every key with its value, in insertion order. */
  forEach(each: (key: number, value: number) => void): void {
    for (let at = 0; at < this.count; at++) each(this.keys[at] as number, this.values[at] as number);
  }

  private grow(): void {
    const capacity = this.slots.length * 2;
    const slots = new Int32Array(capacity).fill(EMPTY);
    const mask = capacity - 1;
    for (let at = 0; at < this.count; at++) {
      let i = hashNumber(this.keys[at] as number) & mask;
      while (slots[i] !== EMPTY) i = (i + 1) & mask;
      slots[i] = at;
    }
    const keys = new Float64Array(capacity / 2);
    keys.set(this.keys);
    const values = new Int32Array(capacity / 2);
    values.set(this.values);
    this.slots = slots;
    this.keys = keys;
    this.values = values;
  }
}
