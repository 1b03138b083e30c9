/**
 * Structural checks of samples/ that do not need the engine: the good workspace follows the contract
 * (keys, enums, references between files, columns of the data), and every annotation in
 * samples/broken is well-formed and names a catalog code. The schema test and the dry-run tests
 * check the rest once the schemas and the engine exist.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, it } from 'node:test';
import { parse } from 'yaml';
import { catalog } from '../../engine/src/errors/catalog';
import type { FormDefinition, FormField, ImportConfig, MappingFile } from '../../engine/src/model/workspace';

const samples = join(__dirname, '../../samples');
const broken = join(samples, 'broken');

function files(dir: string, suffix: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return files(path, suffix);
    return name.endsWith(suffix) ? [path] : [];
  });
}
const load = <T>(path: string): T => parse(readFileSync(path, 'utf8')) as T;

/** Keys of each object of the contract (engine/src/model/workspace.ts), required ones marked with !. */
const shapes: Record<string, string[]> = {
  workspace: ['version!', 'name', 'sftpRoot', 'sandbox', 'dryRun'],
  import: [
    'name!',
    'alias!',
    'description',
    'source!',
    'transformation',
    'sort',
    'personMatching!',
    'recordMatching',
    'runOptions',
    'automation',
  ],
  source: ['type!', 'file!', 'format!', 'encoding', 'dateFormat!', 'recordPath'],
  personMatching: ['idColumn!', 'matchOn!', 'ignoreLeadingZeros', 'digitsOnly'],
  runOptions: ['recordCreationMode', 'errorThreshold', 'ignoreErrorThreshold'],
  form: ['id!', 'title!', 'description', 'fields!'],
  field: ['id!', 'label', 'type!', 'options', 'required', 'maxLength', 'fields', 'maxLimit'],
  mapping: ['form!', 'import!', 'description', 'matchingElement', 'fields!'],
};
function checkShape(kind: string, value: unknown, where: string): void {
  assert.ok(value && typeof value === 'object' && !Array.isArray(value), `${where}: not an object`);
  const keys = shapes[kind]!;
  const allowed = new Set(keys.map((k) => k.replace('!', '')));
  for (const key of Object.keys(value)) assert.ok(allowed.has(key), `${where}: unknown key ${key}`);
  for (const key of keys.filter((k) => k.endsWith('!')))
    assert.ok(key.slice(0, -1) in value, `${where}: missing ${key.slice(0, -1)}`);
}

const headerOf = (path: string, delimiter: string, encoding: 'utf8' | 'latin1'): string[] =>
  readFileSync(path, encoding).split(/\r?\n/, 1)[0]!.split(delimiter);

describe('samples (good workspace)', () => {
  const workspace = load<Record<string, unknown>>(join(samples, 'importstudio.yaml'));
  const imports = files(join(samples, 'imports'), '.import.yaml').map((path) => ({
    path,
    config: load<ImportConfig>(path),
  }));
  const forms = files(join(samples, 'forms'), '.form.yaml').map((path) => load<FormDefinition>(path));
  const mappings = files(join(samples, 'mappings'), '.mapping.yaml').map((path) => ({
    path,
    mapping: load<MappingFile>(path),
  }));

  it('has a workspace file, five imports, five forms and five mappings that follow the contract', () => {
    checkShape('workspace', workspace, 'importstudio.yaml');
    assert.equal(workspace.version, 1);
    assert.equal(imports.length, 5);
    assert.equal(forms.length, 5);
    assert.equal(mappings.length, 5);
    for (const { path, config } of imports) {
      const where = relative(samples, path);
      checkShape('import', config, where);
      checkShape('source', config.source, `${where} source`);
      checkShape('personMatching', config.personMatching, `${where} personMatching`);
      if (config.runOptions) checkShape('runOptions', config.runOptions, `${where} runOptions`);
      assert.match(config.alias, /^[a-z0-9]+(-[a-z0-9]+)*$/);
      assert.equal(config.source.type, 'sftp');
      assert.ok(['csv', 'tsv', 'xml', 'json'].includes(config.source.format));
      assert.ok(['localId', 'proprietaryId', 'email'].includes(config.personMatching.matchOn));
      assert.match(config.source.dateFormat, /^(yyyy|yy|MM|M|dd|d|[^A-Za-z])+$/);
      if (config.source.format === 'xml' || config.source.format === 'json') assert.ok(config.transformation, where);
      if (config.sort) assert.ok(['ascending', 'descending'].includes(config.sort.direction));
    }
    assert.equal(new Set(imports.map((i) => i.config.alias)).size, imports.length, 'aliases are unique');
    for (const form of forms) {
      checkShape('form', form, form.id);
      const check = (field: FormField, nested: boolean) => {
        checkShape('field', field, `${form.id}.${field.id}`);
        if (field.type === 'repeater') {
          assert.ok(!nested && field.fields?.length && field.maxLimit);
          for (const inner of field.fields ?? []) check(inner, true);
        }
        if (field.maxLength !== undefined) assert.ok(field.maxLength <= 4000);
        if (['dropdown', 'radio', 'checkbox'].includes(field.type)) assert.ok(field.options?.length, field.id);
      };
      for (const field of form.fields) check(field, false);
    }
  });

  it('has data files under the SFTP root whose headers hold every bare column a csv or tsv mapping reads', () => {
    const sftp = join(samples, String(workspace.sftpRoot));
    for (const { config } of imports) {
      const path = join(sftp, config.source.file);
      assert.ok(statSync(path).isFile(), config.source.file);
      if (config.source.format !== 'csv' && config.source.format !== 'tsv') continue;
      const header = headerOf(
        path,
        config.source.format === 'csv' ? ',' : '\t',
        config.source.encoding === 'windows-1252' ? 'latin1' : 'utf8',
      );
      assert.equal(new Set(header).size, header.length, 'no duplicate headers');
      assert.ok(header.includes(config.personMatching.idColumn));
      if (config.sort) assert.ok(header.includes(config.sort.column));
      const mapping = mappings.find((m) => m.mapping.import === config.alias)!.mapping;
      const expressions = Object.values(mapping.fields).flatMap((f) =>
        typeof f === 'string' ? [f] : Object.values(f),
      );
      if (mapping.matchingElement) expressions.push(mapping.matchingElement.expression);
      for (const expression of expressions)
        if (/^[A-Za-z_][A-Za-z0-9_]*$/.test(expression))
          assert.ok(header.includes(expression), `${config.alias}: ${expression}`);
    }
  });

  it('has mappings that read a declared alias, fill a declared form and name its fields and options', () => {
    for (const { path, mapping } of mappings) {
      const where = relative(samples, path);
      checkShape('mapping', mapping, where);
      const config = imports.find((i) => i.config.alias === mapping.import)?.config;
      const form = forms.find((f) => f.id === mapping.form);
      assert.ok(config && form, where);
      if (config.recordMatching) {
        assert.ok(mapping.matchingElement, `${where}: record matching needs a matching element`);
        assert.ok(form.fields.some((f) => f.id === mapping.matchingElement?.field));
      }
      for (const [id, value] of Object.entries(mapping.fields)) {
        const field: FormField | undefined = form.fields.find((f) => f.id === id);
        assert.ok(field, `${where}: ${id}`);
        const grouped: boolean = field.type === 'checkbox' || field.type === 'radio' || field.type === 'repeater';
        assert.equal(typeof value !== 'string', grouped, `${where}: ${id} mapping shape`);
        if (typeof value === 'string') continue;
        const names =
          field.type === 'repeater'
            ? (field.fields ?? []).map((f) => f.id)
            : (field.options ?? []).map((o) => (typeof o === 'string' ? o : o.value));
        for (const key of Object.keys(value)) assert.ok(names.includes(key), `${where}: ${id}.${key}`);
      }
    }
  });

  it('has sandbox people and records that refer to each other', () => {
    const people = readFileSync(join(samples, 'sandbox/people.csv'), 'utf8').trimEnd().split('\n');
    assert.equal(people[0], 'personId,localId,proprietaryId,email,firstName,lastName,active');
    assert.ok(people.length > 300 && people.length < 402);
    const ids = new Set(people.slice(1).map((line) => line.split(',')[0]));
    const { records } = load<{
      records: { id: string; form: string; person: string; lastModified: string; locked?: boolean }[];
    }>(join(samples, 'sandbox/records.yaml'));
    assert.equal(new Set(records.map((r) => r.id)).size, records.length);
    for (const record of records) {
      assert.ok(ids.has(record.person), record.id);
      assert.ok(
        forms.some((f) => f.id === record.form),
        record.id,
      );
      assert.equal(typeof record.lastModified, 'string');
      assert.ok(!Number.isNaN(Date.parse(record.lastModified)));
    }
    assert.equal(records.filter((r) => r.locked).length, 1);
  });

  it('writes the SIS export as windows-1252 bytes, not utf-8', () => {
    const bytes = readFileSync(join(samples, 'sftp/sis/students_nightly.tsv'));
    assert.ok(bytes.includes(0xe9) || bytes.includes(0xf1), 'an é or ñ as one byte');
    assert.throws(() => new TextDecoder('utf-8', { fatal: true }).decode(bytes));
  });
});

describe('samples/broken annotations', () => {
  const annotated = [
    ...files(join(broken, 'imports'), '.yaml'),
    ...files(join(broken, 'mappings'), '.yaml'),
    ...files(join(broken, 'forms'), '.yaml'),
  ];
  const annotations = annotated.flatMap((path) =>
    readFileSync(path, 'utf8')
      .split('\n')
      .filter((line) => line.startsWith('# expect'))
      .map((line) => ({ path: relative(broken, path), line })),
  );

  it('are well-formed and name catalog codes', () => {
    for (const { path, line } of annotations) {
      const match = /^# expect(-run)?: (E\d{4})( \/\S*)?$/.exec(line);
      assert.ok(match, `${path}: ${line}`);
      assert.ok(match[2]! in catalog, `${path}: ${match[2]}`);
      assert.equal(match[1] === undefined, match[3] !== undefined, `${path}: expect takes a pointer, expect-run none`);
    }
  });

  it('cover the problems the samples are meant to show', () => {
    const codes = new Set(annotations.map((a) => a.line.split(' ')[2]));
    for (const code of [
      'E0003',
      'E0005',
      'E0009',
      'E0011',
      'E0014',
      'E0016',
      'E0020',
      'E0021',
      'E0022',
      'E0023',
      'E0025',
      'E0027',
      'E0028',
      'E0033',
      'E0038',
      'E0043',
    ])
      assert.ok(codes.has(code), code);
  });

  it('leave no broken import or mapping without a reason to be there', () => {
    const readByAnnotatedMapping = new Set(
      files(join(broken, 'mappings'), '.yaml')
        .filter((path) => readFileSync(path, 'utf8').includes('# expect'))
        .map((path) => load<MappingFile>(path).import),
    );
    for (const path of files(join(broken, 'imports'), '.yaml')) {
      const text = readFileSync(path, 'utf8');
      if (text.includes('# expect')) continue;
      const alias = load<ImportConfig>(path).alias;
      assert.ok(
        readByAnnotatedMapping.has(alias),
        `${relative(broken, path)} has no annotation and no annotated mapping`,
      );
    }
  });
});
