/**
 * Person matching: the sandbox people indexed by the matchOn field, both sides normalised the same way.
 *
 * Decisions where the platform is silent:
 * - Ids are compared trimmed. Emails are compared case-insensitively; ignoreLeadingZeros and
 *   digitsOnly apply to localId and proprietaryId only (the legacy page calls them ID options, and
 *   stripping the digits of an email would make unrelated addresses equal).
 * - digitsOnly runs before ignoreLeadingZeros, so 'S-0042' and '42' meet; an id of only zeros stays '0'.
 * - Inactive people are not matched. Ids are reused (a leaver's email or local id goes to a new
 *   student), and an import written to a leaver's record is invisible to staff; so a row whose only
 *   match is inactive is skipped with E0016 naming the inactive person, and an inactive duplicate
 *   never makes a row ambiguous (E0017).
 */
import type { MatchOn, SandboxPerson } from '../model/workspace';
import { canonicalIntegerIn } from './canonicalInteger';
import { NumberTable, StringTable } from './hashTables';

export interface PersonMatchingOptions {
  matchOn: MatchOn;
  ignoreLeadingZeros?: boolean;
  digitsOnly?: boolean;
}

export type PersonMatch =
  | { kind: 'one'; person: SandboxPerson }
  | { kind: 'none'; id: string; inactive: SandboxPerson | undefined }
  | { kind: 'several'; id: string; people: SandboxPerson[] }
  | { kind: 'blank' };

const NON_DIGITS = /\D+/g;
const LEADING_ZEROS = /^0+(?=.)/;

export function idNormalizer(options: PersonMatchingOptions): (raw: string) => string {
  if (options.matchOn === 'email') return (raw) => raw.trim().toLowerCase();
  const digitsOnly = options.digitsOnly === true;
  const ignoreZeros = options.ignoreLeadingZeros === true;
  if (!digitsOnly && !ignoreZeros) return (raw) => raw.trim();
  return (raw) => {
    let id = raw.trim();
    if (digitsOnly) id = id.replace(NON_DIGITS, '');
    if (ignoreZeros) id = id.replace(LEADING_ZEROS, '');
    return id;
  };
}

function canonicalInteger(id: string): number {
  return canonicalIntegerIn(id, 0, id.length);
}

/** Entry ordinal values besides an ordinal: not numbered yet, or the id names several people. */
const UNNUMBERED = -1;
const SEVERAL = -2;
/** A dense table is used for numeric ids when it is at most this many slots per id (plus a floor). */
const DENSE_SLOTS_PER_ID = 4;
const DENSE_FLOOR = 4096;

/**
 * Which entry a normalised id names. Ids that are canonical integers (school local ids usually are)
 * are keyed by number, in a dense table when they are close together: the lookup per row is then an
 * array read instead of hashing a fresh string and comparing it with a key elsewhere in the heap.
 * On the 1M-row bench file (100k people visited round robin) the string-keyed Map lookup was the
 * largest single cost of the run (docs/performance.md).
 */
class IdTable {
  private readonly byText = new StringTable();
  private byNumber = new NumberTable();
  private dense: Int32Array | undefined;
  private denseBase = 0;

  get(id: string): number {
    const value = canonicalInteger(id);
    return value >= 0 ? this.getNumber(value) : this.byText.get(id);
  }

  getNumber(value: number): number {
    const dense = this.dense;
    if (dense !== undefined) {
      const slot = value - this.denseBase;
      return slot >= 0 && slot < dense.length ? (dense[slot] as number) : -1;
    }
    return this.byNumber.get(value);
  }

  set(id: string, entry: number): void {
    const value = canonicalInteger(id);
    if (value >= 0) this.byNumber.set(value, entry);
    else this.byText.set(id, entry);
  }

  /** Builds the dense table once every id is in, when the numeric ids are close enough together. */
  seal(): void {
    const count = this.byNumber.size;
    if (count === 0) return;
    let min = Number.POSITIVE_INFINITY;
    let max = Number.NEGATIVE_INFINITY;
    this.byNumber.forEach((value) => {
      if (value < min) min = value;
      if (value > max) max = value;
    });
    const span = max - min + 1;
    if (span > count * DENSE_SLOTS_PER_ID + DENSE_FLOOR) return;
    const dense = new Int32Array(span).fill(-1);
    this.byNumber.forEach((value, entry) => {
      dense[value - min] = entry;
    });
    this.dense = dense;
    this.denseBase = min;
    this.byNumber = new NumberTable();
  }
}

export class PersonIndex {
  /** Normalised id -> entry number (active people only). */
  private readonly ids = new IdTable();
  /** The first active person of each entry (an entry is one normalised id). */
  private readonly firstPeople: SandboxPerson[] = [];
  /** The people of the entries that name more than one active person (rare: an array per entry cost ~20 ms). */
  private readonly morePeople = new Map<number, SandboxPerson[]>();
  /**
   * Per entry: the dense 0-based number of its person's personId (so the planner finds the
   * person's group in an array), UNNUMBERED until the entry is first found, or SEVERAL. Numbered
   * lazily: numbering 100k people up front (a Map or Set of their personIds) cost 40-100 ms, which
   * the preview of the first 100 rows would pay in full.
   */
  private readonly entryOrdinals: Int32Array;
  /** personId -> ordinal: people sharing a personId share an ordinal (and so a group). */
  private readonly ordinals = new StringTable();
  /** The personId of each ordinal. */
  private readonly personIds: string[] = [];
  /** The ordinal of the person the last successful `find` or `match` returned; -1 before any. */
  lastOrdinal = -1;
  private readonly inactive = new Map<string, SandboxPerson>();
  private readonly normalize: (raw: string) => string;

  constructor(
    people: readonly SandboxPerson[],
    readonly options: PersonMatchingOptions,
  ) {
    this.normalize = idNormalizer(options);
    const matchOn = options.matchOn;
    for (let i = 0; i < people.length; i++) {
      const person = people[i] as SandboxPerson;
      const raw = person[matchOn];
      if (raw === undefined || raw === null) continue;
      const id = this.normalize(typeof raw === 'string' ? raw : String(raw));
      if (id.length === 0) continue;
      if (person.active === false) {
        if (!this.inactive.has(id)) this.inactive.set(id, person);
        continue;
      }
      const entry = this.ids.get(id);
      if (entry < 0) {
        this.ids.set(id, this.firstPeople.length);
        this.firstPeople.push(person);
        continue;
      }
      const more = this.morePeople.get(entry);
      if (more) more.push(person);
      else this.morePeople.set(entry, [this.firstPeople[entry] as SandboxPerson, person]);
    }
    this.ids.seal();
    this.entryOrdinals = new Int32Array(this.firstPeople.length).fill(UNNUMBERED);
    for (const entry of this.morePeople.keys()) this.entryOrdinals[entry] = SEVERAL;
  }

  private number(entry: number): number {
    const personId = (this.firstPeople[entry] as SandboxPerson).personId;
    let ordinal = this.ordinals.get(personId);
    if (ordinal < 0) {
      ordinal = this.personIds.length;
      this.ordinals.set(personId, ordinal);
      this.personIds.push(personId);
    }
    this.entryOrdinals[entry] = ordinal;
    return ordinal;
  }

  /** The entry a cell names, or -1. A cell of plain digits is looked up without building a string. */
  private entryOf(cell: unknown): number {
    if (typeof cell === 'string') {
      // The common case, an id of digits only: it is its own normalised form under every option.
      const value = canonicalInteger(cell);
      if (value >= 0) return this.ids.getNumber(value);
      return this.ids.get(this.normalize(cell));
    }
    if (cell === undefined || cell === null || typeof cell === 'object') return -1;
    return this.ids.get(this.normalize(String(cell)));
  }

  /**
   * The ordinal of the one active person the cell names, or -1 (then `match` says why).
   * Allocation-free for a cell of digits.
   */
  findOrdinal(cell: unknown): number {
    return this.ordinalOfEntry(this.entryOf(cell));
  }

  /** findOrdinal for a cell that is the canonical integer `value` (canonicalInteger.ts). */
  findOrdinalOfInteger(value: number): number {
    return this.ordinalOfEntry(this.ids.getNumber(value));
  }

  private ordinalOfEntry(entry: number): number {
    if (entry < 0) return -1;
    const ordinal = this.entryOrdinals[entry] as number;
    if (ordinal >= 0) return (this.lastOrdinal = ordinal);
    return ordinal === SEVERAL ? -1 : (this.lastOrdinal = this.number(entry));
  }

  /** The personId of an ordinal `findOrdinal` or `match` returned. */
  personIdOf(ordinal: number): string {
    return this.personIds[ordinal] as string;
  }

  /** The one active person the cell names, or undefined (then `match` says why). Sets `lastOrdinal`. */
  find(cell: unknown): SandboxPerson | undefined {
    const entry = this.entryOf(cell);
    if (entry < 0 || this.findOrdinal(cell) < 0) return undefined;
    return this.firstPeople[entry];
  }

  match(cell: unknown): PersonMatch {
    if (cell === undefined || cell === null || typeof cell === 'object') return { kind: 'blank' };
    const id = this.normalize(String(cell));
    if (id.length === 0) return { kind: 'blank' };
    const entry = this.ids.get(id);
    if (entry < 0) return { kind: 'none', id, inactive: this.inactive.get(id) };
    const several = this.morePeople.get(entry);
    if (several !== undefined) return { kind: 'several', id, people: several };
    const ordinal = this.entryOrdinals[entry] as number;
    this.lastOrdinal = ordinal >= 0 ? ordinal : this.number(entry);
    return { kind: 'one', person: this.firstPeople[entry] as SandboxPerson };
  }
}
