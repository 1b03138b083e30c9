/** Small builders for pipeline tests: in-memory SourceReaders and dry-run inputs from a few rows. */
import type { ErrorCode } from '../../engine/src/errors/catalog';
import type { Problem } from '../../engine/src/errors/problem';
import type { DryRunResult } from '../../engine/src/model/result';
import type {
  FieldMapping,
  FormDefinition,
  FormField,
  ImportConfig,
  MappingFile,
  SandboxPerson,
  SandboxRecord,
} from '../../engine/src/model/workspace';
import type { SourceReader, SourceRecord } from '../../engine/src/read/sourceRecord';
import type { DryRunInput, DryRunOptions } from '../../engine/src/run/dryRunInput';

/** A reader over in-memory records; values become null-prototype objects, as the real readers make them. */
export function readerOf(
  values: Record<string, unknown>[],
  extra: { headers?: string[]; problems?: Problem[]; throwAfter?: { count: number; error: unknown } } = {},
): SourceReader {
  const records: SourceRecord[] = values.map((v, i) => ({
    index: i + 1,
    line: i + 2,
    value: Object.assign(Object.create(null) as Record<string, unknown>, v),
  }));
  return {
    headers: extra.headers,
    problems: extra.problems ?? [],
    records: (async function* () {
      let n = 0;
      for (const r of records) {
        if (extra.throwAfter && n === extra.throwAfter.count) throw extra.throwAfter.error;
        n++;
        yield r;
      }
    })(),
  };
}

/** A csv-like reader: headers plus rows of cells. `__proto__` headers are kept as plain keys. */
export function csvReader(headers: string[], rows: string[][]): SourceReader {
  return readerOf(
    rows.map((cells) => {
      const value = Object.create(null) as Record<string, unknown>;
      headers.forEach((h, i) => {
        value[h] = cells[i] ?? '';
      });
      return value;
    }),
    { headers },
  );
}

export const people: SandboxPerson[] = [
  { personId: 'P1', localId: '1001', email: 'ann@example.org', firstName: 'Ann', lastName: 'Lee' },
  { personId: 'P2', localId: '1002', email: 'bo@example.org', firstName: 'Bo', lastName: 'Kim' },
  { personId: 'P3', localId: '1003', email: 'cy@example.org', firstName: 'Cy', lastName: 'Roe' },
];

export interface Scenario {
  headers: string[];
  rows: string[][];
  fields: FormField[];
  mapping: Record<string, FieldMapping>;
  matchingElement?: MappingFile['matchingElement'];
  config?: Partial<Omit<ImportConfig, 'source' | 'personMatching'>> & {
    source?: Partial<ImportConfig['source']>;
    personMatching?: Partial<ImportConfig['personMatching']>;
  };
  people?: SandboxPerson[];
  records?: SandboxRecord[];
  options?: DryRunOptions;
  reader?: () => SourceReader;
  transformation?: DryRunInput['transformation'];
  /** More mappings (other forms) besides the main one. */
  more?: { form: FormDefinition; mapping: MappingFile }[];
}

export function scenarioInput(s: Scenario): DryRunInput {
  const config: ImportConfig = {
    name: 'Test import',
    alias: 'test-import',
    ...s.config,
    source: { type: 'sftp', file: 'data/test.csv', format: 'csv', dateFormat: 'M/d/yyyy', ...s.config?.source },
    personMatching: { idColumn: 'ID', matchOn: 'localId', ...s.config?.personMatching },
  };
  const form: FormDefinition = { id: 'form-a', title: 'Form A', fields: s.fields };
  const mapping: MappingFile = { form: 'form-a', import: 'test-import', fields: s.mapping };
  if (s.matchingElement) mapping.matchingElement = s.matchingElement;
  const forms: Record<string, FormDefinition> = { 'form-a': form };
  const mappings = [{ value: mapping, path: 'mappings/form-a.mapping.yaml' }];
  for (const m of s.more ?? []) {
    forms[m.form.id] = m.form;
    mappings.push({ value: m.mapping, path: `mappings/${m.form.id}.mapping.yaml` });
  }
  return {
    config,
    configPath: 'imports/test.import.yaml',
    mappings,
    forms,
    people: s.people ?? people,
    records: s.records ?? [],
    sourcePath: 'sftp/data/test.csv',
    openSource: async () => (s.reader ? s.reader() : csvReader(s.headers, s.rows)),
    ...(s.transformation ? { transformation: s.transformation } : {}),
    options: s.options ?? {},
  };
}

export function codes(result: DryRunResult): ErrorCode[] {
  return result.problems.map((p) => p.code);
}

export function problemsOf(result: DryRunResult, code: ErrorCode): Problem[] {
  return result.problems.filter((p) => p.code === code);
}

/** The `after` of each field of the first plan entry (or of the entry for `person`). */
export function afterValues(result: DryRunResult, person = 'P1', form = 'form-a'): Record<string, unknown> {
  const entry = result.plan.find((e) => e.person === person && e.form === form);
  if (!entry) throw new Error(`no plan entry for ${person}/${form}: ${JSON.stringify(result.problems)}`);
  return Object.fromEntries(entry.fields.map((f) => [f.field, f.after]));
}
