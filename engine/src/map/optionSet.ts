/**
 * The options of a dropdown, radio or checkbox field, for resolving a cell to the stored option value.
 * An exact option value or label is found first (one Map lookup, no allocation); otherwise the value
 * is compared case-insensitively with values and labels. A label match stores the option's value.
 * Where a label of one option equals the value of another, the value wins.
 */
import { didYouMean } from '../cache/didYouMean';
import type { FieldOption } from '../model/workspace';

export class OptionSet {
  readonly values: string[] = [];
  private readonly labels: string[] = [];
  private readonly exact = new Map<string, string>();
  private readonly folded = new Map<string, string>();
  /** The exact texts (values and labels) by length and first character, for `hasExactIn`. */
  private readonly byShape = new Map<number, string[]>();

  constructor(readonly options: readonly FieldOption[] | undefined) {
    for (const option of options ?? []) {
      const value = typeof option === 'string' ? option : option.value;
      this.values.push(value);
      if (typeof option !== 'string' && option.label !== undefined) this.labels.push(option.label);
    }
    // Values are added first and never replaced, so a value beats a label that spells the same.
    for (const v of this.values) this.remember(v, v);
    for (const option of options ?? []) {
      if (typeof option !== 'string' && option.label !== undefined) this.remember(option.label, option.value);
    }
  }

  private remember(text: string, value: string): void {
    if (!this.exact.has(text)) {
      this.exact.set(text, value);
      const shape = shapeOf(text.length, text.charCodeAt(0));
      const same = this.byShape.get(shape);
      if (same) same.push(text);
      else this.byShape.set(shape, [text]);
    }
    const lower = text.toLowerCase();
    if (!this.folded.has(lower)) this.folded.set(lower, value);
  }

  has(value: string): boolean {
    return this.values.includes(value);
  }

  /** The option value a cell stands for, or undefined. */
  resolve(text: string): string | undefined {
    return this.exact.get(text) ?? this.folded.get(text.toLowerCase());
  }

  /**
   * Whether `text.slice(start, end)` is an option value or label as written (the exact lookup of
   * `resolve`), without slicing: the reading thread checks cells where they stand (map/rowChecks.ts),
   * and a fresh string per cell to hash cost it more than the check (docs/performance.md).
   */
  hasExactIn(text: string, start: number, end: number): boolean {
    const length = end - start;
    if (length === 0) return this.exact.has('');
    const same = this.byShape.get(shapeOf(length, text.charCodeAt(start)));
    if (same === undefined) return false;
    for (let k = 0; k < same.length; k++) {
      const option = same[k] as string;
      let i = 1;
      while (i < length && option.charCodeAt(i) === text.charCodeAt(start + i)) i++;
      if (i === length) return true;
    }
    return false;
  }

  suggest(text: string): string | undefined {
    return didYouMean(text, [...this.values, ...this.labels]);
  }
}

/** A small integer for a text's length and first character (a Map key V8 hashes cheaply). */
function shapeOf(length: number, first: number): number {
  return length * 65536 + first;
}
