/**
 * The sandbox's existing records, by form and person, for choosing the record a row group writes.
 *
 * Decisions where the platform is silent:
 * - "Most recent" is the latest lastModified (the record a person's staff touched last); a record
 *   whose lastModified does not parse counts as oldest; on a tie the record listed later wins.
 * - With record matching on, a record's key is its `key`, or else the matching element's value. Keys
 *   are compared trimmed and case-sensitively ('Fall' and 'fall' are different terms to a form).
 *   When several records hold the key, the most recent of them is written.
 */
import type { SandboxRecord } from '../model/workspace';

function modified(record: SandboxRecord): number {
  const time = Date.parse(record.lastModified);
  return Number.isNaN(time) ? Number.NEGATIVE_INFINITY : time;
}

function latest(records: readonly SandboxRecord[]): SandboxRecord | undefined {
  let best: SandboxRecord | undefined;
  let bestTime = Number.NEGATIVE_INFINITY;
  for (const r of records) {
    const t = modified(r);
    if (best === undefined || t >= bestTime) {
      best = r;
      bestTime = t;
    }
  }
  return best;
}

export function recordKey(record: SandboxRecord, keyField: string | undefined): string | undefined {
  let key: unknown = record.key;
  if (key === undefined && keyField !== undefined && Object.hasOwn(record.values, keyField))
    key = record.values[keyField];
  if (key === undefined || key === null || typeof key === 'object') return undefined;
  const text = String(key).trim();
  return text.length === 0 ? undefined : text;
}

export class RecordIndex {
  /** form -> person -> records. */
  private readonly byForm = new Map<string, Map<string, SandboxRecord[]>>();

  constructor(records: readonly SandboxRecord[]) {
    for (const record of records) {
      let people = this.byForm.get(record.form);
      if (!people) {
        people = new Map();
        this.byForm.set(record.form, people);
      }
      const list = people.get(record.person);
      if (list) list.push(record);
      else people.set(record.person, [record]);
    }
  }

  mostRecent(form: string, person: string): SandboxRecord | undefined {
    const list = this.byForm.get(form)?.get(person);
    return list ? latest(list) : undefined;
  }

  withKey(form: string, person: string, key: string, keyField: string): SandboxRecord | undefined {
    const list = this.byForm.get(form)?.get(person);
    if (!list) return undefined;
    return latest(list.filter((r) => recordKey(r, keyField) === key));
  }
}
