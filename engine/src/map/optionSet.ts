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

  constructor(options: readonly FieldOption[] | undefined) {
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
    if (!this.exact.has(text)) this.exact.set(text, value);
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

  suggest(text: string): string | undefined {
    return didYouMean(text, [...this.values, ...this.labels]);
  }
}
