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

/** The active people one normalised id names, and (when it names one) that person's ordinal. */
interface Entry {
  people: SandboxPerson[];
  /**
   * Dense 0-based number of people[0].personId, so the planner finds a person's group in an array;
   * -1 until the entry is first found. Assigned lazily: numbering all 100k people up front cost
   * ~50 ms, which the preview of the first 100 rows pays in full.
   */
  ordinal: number;
}

export class PersonIndex {
  private readonly active = new Map<string, Entry>();
  /** personId -> ordinal: people sharing a personId share an ordinal (and so a group). */
  private readonly ordinals = new Map<string, number>();
  /** The ordinal of the person the last successful `find` returned; -1 before any. */
  lastOrdinal = -1;
  private readonly inactive = new Map<string, SandboxPerson>();
  private readonly normalize: (raw: string) => string;

  constructor(
    people: readonly SandboxPerson[],
    readonly options: PersonMatchingOptions,
  ) {
    this.normalize = idNormalizer(options);
    for (const person of people) {
      const raw = person[options.matchOn];
      if (raw === undefined || raw === null) continue;
      const id = this.normalize(String(raw));
      if (id.length === 0) continue;
      if (person.active === false) {
        if (!this.inactive.has(id)) this.inactive.set(id, person);
        continue;
      }
      const entry = this.active.get(id);
      if (entry) entry.people.push(person);
      else this.active.set(id, { people: [person], ordinal: -1 });
    }
  }

  private ordinalOf(entry: Entry): number {
    const personId = (entry.people[0] as SandboxPerson).personId;
    let ordinal = this.ordinals.get(personId);
    if (ordinal === undefined) {
      ordinal = this.ordinals.size;
      this.ordinals.set(personId, ordinal);
    }
    entry.ordinal = ordinal;
    return ordinal;
  }

  /**
   * The one active person the cell names, or undefined (then `match` says why). Allocation-free.
   * Sets `lastOrdinal` to the person's ordinal when it finds one.
   */
  find(cell: unknown): SandboxPerson | undefined {
    if (cell === undefined || cell === null || typeof cell === 'object') return undefined;
    const found = this.active.get(this.normalize(typeof cell === 'string' ? cell : String(cell)));
    if (found === undefined || found.people.length !== 1) return undefined;
    this.lastOrdinal = found.ordinal >= 0 ? found.ordinal : this.ordinalOf(found);
    return found.people[0];
  }

  match(cell: unknown): PersonMatch {
    if (cell === undefined || cell === null || typeof cell === 'object') return { kind: 'blank' };
    const id = this.normalize(String(cell));
    if (id.length === 0) return { kind: 'blank' };
    const found = this.active.get(id);
    if (found === undefined) return { kind: 'none', id, inactive: this.inactive.get(id) };
    if (found.people.length > 1) return { kind: 'several', id, people: found.people };
    this.lastOrdinal = found.ordinal >= 0 ? found.ordinal : this.ordinalOf(found);
    return { kind: 'one', person: found.people[0] as SandboxPerson };
  }
}
