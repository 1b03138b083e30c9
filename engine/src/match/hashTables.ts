/**
 * A small hash table (open addressing, linear probing, at most half full) from a string or a number
 * to a non-negative int, for the person index. A 100k-person sandbox is indexed and its people
 * numbered on every dry run; V8's Map costs ~0.5 µs per insertion of a fresh string (100k
 * personIds: 47-68 ms), this ~0.2 µs (docs/performance.md). Keys are the sandbox's own ids, so the
 * unseeded hash is not exposed to whatever a data file holds: lookups of other strings only probe
 * the sandbox's clusters.
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

/** key -> non-negative int; the key's hash is the subclass's. */
class OpenTable<K extends string | number> {
  private slots = new Int32Array(INITIAL_CAPACITY).fill(EMPTY);
  private readonly keys: K[] = [];
  private readonly values: number[] = [];

  constructor(private readonly hash: (key: K) => number) {}

  get size(): number {
    return this.keys.length;
  }

  /** The value of `key`, or -1. */
  get(key: K): number {
    const slots = this.slots;
    const mask = slots.length - 1;
    for (let i = this.hash(key) & mask; ; i = (i + 1) & mask) {
      const at = slots[i] as number;
      if (at === EMPTY) return -1;
      if (this.keys[at] === key) return this.values[at] as number;
    }
  }

  /** Sets `key` to `value` (a non-negative int), replacing its value if it has one. */
  set(key: K, value: number): void {
    const slots = this.slots;
    const mask = slots.length - 1;
    for (let i = this.hash(key) & mask; ; i = (i + 1) & mask) {
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

  /** Every key with its value, in insertion order. */
  forEach(each: (key: K, value: number) => void): void {
    for (let at = 0; at < this.keys.length; at++) each(this.keys[at] as K, this.values[at] as number);
  }

  private grow(): void {
    const slots = new Int32Array(this.slots.length * 2).fill(EMPTY);
    const mask = slots.length - 1;
    for (let at = 0; at < this.keys.length; at++) {
      let i = this.hash(this.keys[at] as K) & mask;
      while (slots[i] !== EMPTY) i = (i + 1) & mask;
      slots[i] = at;
    }
    this.slots = slots;
  }
}

/** string -> non-negative int. */
export class StringTable extends OpenTable<string> {
  constructor() {
    super(hashString);
  }
}

/** integer (below 2^53) -> non-negative int. */
export class NumberTable extends OpenTable<number> {
  constructor() {
    super(hashNumber);
  }
}
