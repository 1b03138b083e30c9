/**
 * The record writes of a plan: what a run applies. Pure: the plan (every entry, with every field's
 * before and after) and the records it was computed against in; the rows to write out.
 *
 * - create: a new record holding every field the plan gives a value (and the matching key);
 *   a field without a value is left out, as the sandbox fixtures leave empty fields out.
 * - update: the record's values with the changed fields replaced; other fields stay as they were.
 * - unchanged and skip (locked E0019, not created E0040): nothing is written.
 */
import { toJsonValue } from '../match/jsonValue';
import type { JsonValue, PlanEntry } from '../model/result';
import type { SandboxRecord } from '../model/workspace';
import type { RecordWrite } from '../store/store';

/** Ids of created records: unique per run, and unlike the platform's so a sandbox record is never mistaken for one. */
export function newRecordId(runId: number, n: number): string {
  return `R-${runId}-${n}`;
}

export function planWrites(
  plan: readonly PlanEntry[],
  existing: ReadonlyMap<string, SandboxRecord>,
  runId: number,
): RecordWrite[] {
  const writes: RecordWrite[] = [];
  let created = 0;
  for (const entry of plan) {
    if (entry.action === 'create') {
      const values: Record<string, JsonValue> = {};
      for (const f of entry.fields) if (f.after !== null) values[f.field] = f.after;
      writes.push({
        action: 'create',
        id: newRecordId(runId, ++created),
        form: entry.form,
        person: entry.person,
        key: entry.key,
        values,
        changed: entry.fields.filter((f) => f.changed),
      });
    } else if (entry.action === 'update') {
      const id = entry.recordId;
      const record = id === null ? undefined : existing.get(id);
      if (id === null || record === undefined)
        throw new Error(`The plan updates record ${id}, which is not in the store.`);
      const values: Record<string, JsonValue> = {};
      for (const [field, value] of Object.entries(record.values)) values[field] = toJsonValue(value);
      const changed = entry.fields.filter((f) => f.changed);
      for (const f of changed) {
        if (f.after === null) delete values[f.field];
        else values[f.field] = f.after;
      }
      writes.push({
        action: 'update',
        id,
        form: entry.form,
        person: entry.person,
        key: record.key ?? entry.key,
        values,
        changed,
      });
    }
  }
  return writes;
}
