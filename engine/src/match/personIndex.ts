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

export class PersonIndex {
  private readonly active = new Map<string, SandboxPerson[]>();
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
      const list = this.active.get(id);
      if (list) list.push(person);
      else this.active.set(id, [person]);
    }
  }

  /** The one active person the cell names, or undefined (then `explain` says why). Allocation-free. */
  find(cell: unknown): SandboxPerson | undefined {
    if (cell === undefined || cell === null || typeof cell === 'object') return undefined;
    const found = this.active.get(this.normalize(typeof cell === 'string' ? cell : String(cell)));
    return found !== undefined && found.length === 1 ? found[0] : undefined;
  }

  match(cell: unknown): PersonMatch {
    if (cell === undefined || cell === null || typeof cell === 'object') return { kind: 'blank' };
    const id = this.normalize(String(cell));
    if (id.length === 0) return { kind: 'blank' };
    const found = this.active.get(id);
    if (found === undefined) return { kind: 'none', id, inactive: this.inactive.get(id) };
    if (found.length > 1) return { kind: 'several', id, people: found };
    return { kind: 'one', person: found[0] as SandboxPerson };
  }
}
