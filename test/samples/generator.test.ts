/**
 * scripts/generate-large.ts: row and column counts, the workspace it writes beside the data, and
 * determinism (same arguments, same bytes). Small sizes keep the test fast; the streaming code
 * path is the same at any size.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { parse as parseCsv } from 'csv-parse/sync';
import { XMLValidator } from 'fast-xml-parser';
import jsonata from 'jsonata';
import { parse as parseYaml } from 'yaml';
import { generate, type Kind, type Options } from '../../scripts/generate-large';

const temp = mkdtempSync(join(tmpdir(), 'generate-large-'));
after(() => rmSync(temp, { recursive: true, force: true }));

const sha256 = (path: string): string => createHash('sha256').update(readFileSync(path)).digest('hex');

async function run(kind: Kind, count: number, folder: string, extra: Partial<Options> = {}): Promise<string> {
  const out = join(temp, folder, `students.${kind}`);
  await generate({ kind, count, out, seed: 7, people: 200, errorRate: 0, ...extra });
  return out;
}

function csvRecords(path: string, delimiter = ','): string[][] {
  return parseCsv(readFileSync(path, 'utf8'), { delimiter, relax_quotes: false }) as string[][];
}

describe('generate-large', () => {
  it('writes a csv with a header and the requested rows, 12 cells each, some of them quoted', async () => {
    const out = await run('csv', 400, 'csv');
    const records = csvRecords(out);
    assert.equal(records.length, 401);
    assert.deepEqual(records[0]?.slice(0, 3), ['StudentID', 'LastName', 'FirstName']);
    for (const record of records) assert.equal(record.length, 12);
    // Quoted cells with newlines make the file longer in lines than in records.
    const lines = readFileSync(out, 'utf8').trimEnd().split('\n').length;
    assert.ok(lines > records.length, `expected a quoted newline: ${lines} lines, ${records.length} records`);
    assert.ok(records.some((r) => r[11]?.includes('"') || r[11]?.includes(',')));
  });

  it('writes a tsv with the same shape', async () => {
    const records = csvRecords(await run('tsv', 300, 'tsv'), '\t');
    assert.equal(records.length, 301);
    for (const record of records) assert.equal(record.length, 12);
  });

  it('writes well-formed xml with one Student per record, attributes, CDATA and entities', async () => {
    const out = await run('xml', 250, 'xml');
    const text = readFileSync(out, 'utf8');
    assert.equal(XMLValidator.validate(text), true);
    assert.equal(text.match(/<Student /g)?.length, 250);
    assert.match(text, /<!\[CDATA\[/);
    assert.match(text, /&amp;/);
    const config = parseYaml(readFileSync(join(temp, 'xml/imports/students-xml.import.yaml'), 'utf8')) as {
      source: { recordPath: string };
      transformation: { expression: string };
    };
    assert.equal(config.source.recordPath, 'Students.Student');
    assert.ok(config.transformation.expression.includes('`@id`'));
  });

  it('writes json with the records under students', async () => {
    const out = await run('json', 250, 'json');
    const doc = JSON.parse(readFileSync(out, 'utf8')) as { students: { id: string }[] };
    assert.equal(doc.students.length, 250);
    // The transformation gives a json record the 12 columns a csv row has.
    const config = parseYaml(readFileSync(join(temp, 'json/imports/students-json.import.yaml'), 'utf8')) as {
      source: { recordPath: string };
      transformation: { expression: string };
    };
    assert.equal(config.source.recordPath, 'students');
    const row = (await jsonata(config.transformation.expression).evaluate(doc.students[0])) as Record<string, unknown>;
    assert.equal(Object.keys(row).length, 12);
    assert.equal(row.StudentID, doc.students[0]?.id);
  });

  it('is deterministic: the same arguments give the same bytes, another seed other bytes', async () => {
    for (const kind of ['csv', 'xml', 'json'] as const) {
      const a = await run(kind, 300, `det-a-${kind}`, { errorRate: 0.01 });
      const b = await run(kind, 300, `det-b-${kind}`, { errorRate: 0.01 });
      const c = await run(kind, 300, `det-c-${kind}`, { errorRate: 0.01, seed: 8 });
      assert.equal(sha256(a), sha256(b), kind);
      assert.notEqual(sha256(a), sha256(c), kind);
    }
  });

  it('writes a workspace whose people match the ids of the data', async () => {
    const out = await run('csv', 300, 'workspace');
    const folder = join(temp, 'workspace');
    const workspace = parseYaml(readFileSync(join(folder, 'importstudio.yaml'), 'utf8')) as {
      version: number;
      sftpRoot: string;
    };
    assert.equal(workspace.version, 1);
    const config = parseYaml(readFileSync(join(folder, 'imports/students-csv.import.yaml'), 'utf8')) as {
      alias: string;
      source: { file: string; format: string };
      personMatching: { idColumn: string };
    };
    assert.equal(config.alias, 'students-csv');
    assert.equal(config.source.file, 'students.csv');
    const mapping = parseYaml(readFileSync(join(folder, 'mappings/students-csv.mapping.yaml'), 'utf8')) as {
      import: string;
      fields: Record<string, string>;
    };
    assert.equal(mapping.import, 'students-csv');
    assert.equal(Object.keys(mapping.fields).length, 10);
    const form = parseYaml(readFileSync(join(folder, 'forms/bench-student.form.yaml'), 'utf8')) as {
      fields: { id: string; type: string }[];
    };
    const types = new Set(form.fields.map((f) => f.type));
    for (const type of ['date', 'number', 'dropdown']) assert.ok(types.has(type), type);
    for (const field of Object.keys(mapping.fields))
      assert.ok(
        form.fields.some((f) => f.id === field),
        field,
      );

    const people = csvRecords(join(folder, 'sandbox/people.csv'));
    assert.deepEqual(people[0], ['personId', 'localId', 'proprietaryId', 'email', 'firstName', 'lastName', 'active']);
    assert.equal(people.length, 201);
    const localIds = new Set(people.slice(1).map((p) => p[1]));
    const records = csvRecords(out);
    for (const record of records.slice(1)) assert.ok(localIds.has(record[0]), `no person for ${record[0]}`);
  });

  it('runs from the command line', () => {
    const out = join(temp, 'cli', 'cli.csv');
    const result = spawnSync(
      process.execPath,
      ['--import', 'tsx', 'scripts/generate-large.ts', 'csv', '--rows', '200', '--people', '50', '--out', out],
      {
        encoding: 'utf8',
      },
    );
    assert.equal(result.status, 0, result.stderr);
    assert.equal(csvRecords(out).length, 201);
    const structured = parseYaml(readFileSync(join(temp, 'cli/imports/cli-csv.import.yaml'), 'utf8')) as {
      source: { format: string };
    };
    assert.equal(structured.source.format, 'csv');
  });
});
