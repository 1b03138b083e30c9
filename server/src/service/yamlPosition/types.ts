import type { Range } from 'vscode-languageserver-types';

/** One step of a path into a document: a mapping key or a sequence index. */
export type Segment = string | number;

/** The cursor is where a mapping key goes (an empty line, a partial key, a new list item). */
export interface KeyContext {
  kind: 'key';
  /** The mapping the key belongs to (for a new list item, the path of that item). */
  path: Segment[];
  /** What is typed of the key before the cursor, without quotes. */
  prefix: string;
  /** The text a completion replaces: the whole partial key, with its quotes. */
  range: Range;
  /** The quote the key is opened with, if any. */
  quote: '' | '"' | "'";
  /** Keys the mapping already has, not counting the one being typed. */
  existingKeys: string[];
  /** JSON or a YAML flow mapping: keys are written `"key": value` and separated by commas. */
  flow: boolean;
  /** A colon already follows the key: a completion inserts the key name only. */
  keyOnly: boolean;
  /** Flow only: another entry follows, so an inserted entry needs a trailing comma. */
  followedByEntry: boolean;
  /**
   * Columns between the line's indentation and the key (the `- ` of a list item). Editors indent
   * the later lines of an insertion like the line itself, so nested lines need these columns more.
   */
  extraIndent: number;
}

/** How a value is written where the cursor is. 'text' is a plain-text document (.jsonata). */
export type ValueQuote = '' | '"' | "'" | 'block' | 'text';

/** The cursor is in (or where there should be) the value at `path`. */
export interface ValueContext {
  kind: 'value';
  path: Segment[];
  /** The value text before the cursor, without its opening quote (on the cursor's line). */
  prefix: string;
  /** The text a whole-value completion replaces, quotes included. */
  range: Range;
  quote: ValueQuote;
  /** JSON or a YAML flow collection. */
  flow: boolean;
  /** The cursor's line after the cursor, up to the end of the value on that line. */
  after: string;
  /** The value starts on the cursor's line and the cursor is at its very start (after any quote). */
  atValueStart: boolean;
}

export type CursorContext = KeyContext | ValueContext | { kind: 'none' };
