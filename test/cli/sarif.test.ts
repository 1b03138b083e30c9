/**
 * `--format sarif`: the built CLI's SARIF logs must be valid SARIF 2.1.0 (checked against the OASIS
 * schema, which @microsoft/jest-sarif ships; it is a dev dependency for that file alone; one of its
 * patterns is not valid as a unicode regular expression, hence `unicodeRegExp: false`) and say
 * exactly what `--format json` says: the same problems in the same order, at the same places, with
 * paths from the current folder as code scanning resolves them.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { test } from 'node:test';
import Ajv from 'ajv-draft-04';
import type * as Sarif from 'sarif';
import { catalog } from '../../engine/src/errors/catalog';
import type { Problem } from '../../engine/src/errors/problem';
import { formatSarif } from '../../cli/src/output/sarif';

const root = join(import.meta.dirname, '..', '..');
const cli = join(root, 'dist', 'cli.js');
const require = createRequire(import.meta.url);
const schema = JSON.parse(
  readFileSync(require.resolve('@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json'), 'utf8'),
) as object;
// Formats (uri, date-time) are not checked: that needs ajv-formats; the uris are compared exactly below.
const validateSarif = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false, validateFormats: false }).compile(
  schema,
);

function run(...args: string[]): { code: number | null; stdout: string } {
  const r = spawnSync(process.execPath, [cli, ...args], { cwd: root, encoding: 'utf8', maxBuffer: 64 << 20 });
  return { code: r.status, stdout: r.stdout };
}

/** Parses a log and checks it against the schema, with ajv's errors as the failure message. */
function sarifLog(text: string): Sarif.Log {
  const log = JSON.parse(text) as Sarif.Log;
  assert.ok(validateSarif(log), JSON.stringify(validateSarif.errors, null, 2));
  return log;
}

/** Holds each result to the problem it stands for. */
function assertSameProblems(run: Sarif.Run, problems: readonly Problem[], prefix: string): void {
  const rules = run.tool.driver.rules!;
  const results = run.results!;
  assert.equal(results.length, problems.length);
  problems.forEach((p, i) => {
    const r = results[i]!;
    assert.equal(r.ruleId, p.code);
    assert.equal(rules[r.ruleIndex!]!.id, p.code, 'ruleIndex points at the rule of the code');
    assert.equal(r.level, p.severity === 'info' ? 'note' : p.severity);
    assert.equal(r.message.text, p.message);
    const [first, ...others] = p.locations;
    const physical = r.locations?.[0]?.physicalLocation;
    assert.equal(physical?.artifactLocation?.uri, encodeURI(prefix + first!.file));
    if (first!.range) {
      assert.deepEqual(physical?.region, {
        startLine: first!.range.start.line + 1,
        startColumn: first!.range.start.character + 1,
        endLine: first!.range.end.line + 1,
        endColumn: first!.range.end.character + 1,
      });
    } else assert.equal(physical?.region, undefined);
    assert.equal(r.relatedLocations?.length ?? 0, others.length);
  });
}

test('validate --format sarif: a valid log, one rule per catalog code, the problems of --format json', () => {
  const sarif = run('validate', 'samples/broken', '--format', 'sarif');
  const json = run('validate', 'samples/broken', '--format', 'json');
  assert.equal(sarif.code, 1);
  assert.equal(json.code, 1);
  const log = sarifLog(sarif.stdout);
  assert.equal(log.version, '2.1.0');
  const [only] = log.runs;
  assert.equal(log.runs.length, 1);
  assert.deepEqual(
    only!.tool.driver.rules!.map((r) => r.id),
    Object.keys(catalog),
  );
  const e0027 = only!.tool.driver.rules!.find((r) => r.id === 'E0027')!;
  assert.equal(e0027.shortDescription?.text, catalog.E0027.title);
  assert.equal(e0027.help?.text, catalog.E0027.fix);
  const problems = (JSON.parse(json.stdout) as { problems: Problem[] }).problems;
  assert.ok(problems.length >= 18);
  assertSameProblems(only!, problems, 'samples/broken/');
  // A key's JSON pointer rides along, for tools that want more than the line.
  const pointed = problems.findIndex((p) => p.locations[0]?.pointer !== undefined);
  assert.equal(only!.results![pointed]!.locations![0]!.properties?.pointer, problems[pointed]!.locations[0]!.pointer);
});

test('dry-run --format sarif: data problems at their source lines, with row and column', () => {
  const config = 'samples/broken/imports/iep-bad-dates.import.yaml';
  const sarif = run('dry-run', config, '--format', 'sarif');
  const json = run('dry-run', config, '--format', 'json');
  assert.equal(sarif.code, json.code);
  assert.equal(sarif.code, 1);
  const [only] = sarifLog(sarif.stdout).runs;
  const problems = (JSON.parse(json.stdout) as { problems: Problem[] }).problems;
  assert.ok(problems.some((p) => p.code === 'E0009'));
  assertSameProblems(only!, problems, 'samples/broken/');
  const i = problems.findIndex((p) => p.code === 'E0009');
  assert.deepEqual(only!.results![i]!.locations![0]!.properties, {
    row: problems[i]!.locations[0]!.row,
    column: problems[i]!.locations[0]!.column,
  });
});

test('a clean workspace gives a valid log with no results, and exit 0', () => {
  const r = run('validate', 'samples', '--format', 'sarif');
  assert.equal(r.code, 0);
  assert.deepEqual(sarifLog(r.stdout).runs[0]!.results, []);
});

test('info is a note; locations past the first are related locations; names are identifiers', () => {
  const problems: Problem[] = [
    {
      code: 'E0003',
      severity: 'info',
      message: 'Duplicate column header',
      fix: 'Rename one.',
      locations: [
        { file: 'data/a b.csv', range: { start: { line: 0, character: 3 }, end: { line: 0, character: 8 } } },
        { file: 'data/a b.csv', row: 0, column: 'Notes' },
      ],
    },
  ];
  const [only] = sarifLog(formatSarif(problems, 'ws/', '9.9.9')).runs;
  const [r] = only!.results!;
  assert.equal(r!.level, 'note');
  assert.equal(r!.locations![0]!.physicalLocation!.artifactLocation!.uri, 'ws/data/a%20b.csv');
  assert.deepEqual(r!.relatedLocations, [
    {
      id: 1,
      physicalLocation: { artifactLocation: { uri: 'ws/data/a%20b.csv', uriBaseId: '%SRCROOT%' } },
      properties: { row: 0, column: 'Notes' },
    },
  ]);
  assert.equal(only!.tool.driver.version, '9.9.9');
  assert.ok(only!.tool.driver.rules!.every((rule) => /^[A-Z][A-Za-z0-9]*$/.test(rule.name ?? '')));
});

test('--version and the SARIF driver name the version of package.json', () => {
  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string };
  assert.equal(run('--version').stdout.trim(), `import-studio ${pkg.version}`);
  const log = sarifLog(run('validate', 'samples', '--format', 'sarif').stdout);
  assert.equal(log.runs[0]!.tool.driver.version, pkg.version);
});
