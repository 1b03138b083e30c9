/**
 * The TextMate grammars as VS Code runs them (vscode-textmate with the Oniguruma WebAssembly build):
 * .jsonata files get JSONata scopes, and the injection into YAML highlights JSONata in an import's
 * `expression:` and in a mapping's `fields:` values (inline and block scalars), but not in a form's
 * `fields:` sequence, in comments or in quoted YAML strings. The host YAML grammar is a stand-in
 * with no rules of its own: what is under test is what the injection adds.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { before, test } from 'node:test';
import * as oniguruma from 'vscode-oniguruma';
import { INITIAL, type IGrammar, parseRawGrammar, Registry } from 'vscode-textmate';

const root = join(import.meta.dirname, '..', '..');
const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
  contributes: { grammars: { scopeName: string; path: string; injectTo?: string[] }[] };
};
let registry: Registry;

before(async () => {
  const wasm = readFileSync(join(root, 'node_modules', 'vscode-oniguruma', 'release', 'onig.wasm'));
  await oniguruma.loadWASM(wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength));
  const paths = new Map(manifest.contributes.grammars.map((g) => [g.scopeName, join(root, g.path)]));
  registry = new Registry({
    onigLib: Promise.resolve({
      createOnigScanner: (sources) => new oniguruma.OnigScanner(sources),
      createOnigString: (text) => new oniguruma.OnigString(text),
    }),
    loadGrammar: async (scopeName) => {
      if (scopeName === 'source.yaml') {
        return parseRawGrammar(JSON.stringify({ scopeName: 'source.yaml', patterns: [] }), 'yaml.json');
      }
      const path = paths.get(scopeName);
      return path ? parseRawGrammar(readFileSync(path, 'utf8'), path) : null;
    },
    // As package.json's injectTo says.
    getInjections: (scopeName) =>
      manifest.contributes.grammars.filter((g) => g.injectTo?.includes(scopeName)).map((g) => g.scopeName),
  });
});

interface Token {
  text: string;
  scopes: string[];
}

async function tokenize(scope: string, text: string): Promise<Token[][]> {
  const grammar = (await registry.loadGrammar(scope)) as IGrammar;
  let state = INITIAL;
  return text.split('\n').map((line) => {
    const result = grammar.tokenizeLine(line, state);
    state = result.ruleStack;
    return result.tokens.map((t) => ({ text: line.slice(t.startIndex, t.endIndex), scopes: t.scopes }));
  });
}

function scopesOf(lines: Token[][], text: string): string[] {
  const token = lines.flat().find((t) => t.text === text);
  assert.ok(token, `no token '${text}' in ${JSON.stringify(lines.flat().map((t) => t.text))}`);
  return token.scopes;
}

const embedded = (scopes: string[]) => scopes.includes('meta.embedded.jsonata');

test('a .jsonata file: functions, variables, strings, names, operators and comments', async () => {
  const lines = await tokenize(
    'source.jsonata',
    '/* rows */ $map(students, function($s) { {"id": $s.`Student ID`, "n": $number($s.Score) + 1} })',
  );
  assert.ok(scopesOf(lines, ' rows ').includes('comment.block.jsonata'));
  assert.ok(scopesOf(lines, '$map').includes('support.function.builtin.jsonata'));
  assert.ok(scopesOf(lines, 'function').includes('storage.type.function.jsonata'));
  assert.ok(scopesOf(lines, '$s').some((s) => s === 'variable.other.jsonata'));
  assert.ok(scopesOf(lines, 'Student ID').includes('variable.other.property.quoted.jsonata'));
  assert.ok(scopesOf(lines, '1').includes('constant.numeric.jsonata'));
  assert.ok(scopesOf(lines, '+').includes('keyword.operator.arithmetic.jsonata'));
  assert.ok(scopesOf(lines, 'students').includes('variable.other.property.jsonata'));
});

test("an import's inline transformation expression is JSONata, its other values are not", async () => {
  const lines = await tokenize(
    'source.yaml',
    [
      'name: Term grades',
      'transformation:',
      '  expression: $merge([$, {"Term": $uppercase(Term)}])',
      '  # expression: notJsonata',
    ].join('\n'),
  );
  assert.ok(embedded(scopesOf(lines, '$uppercase')));
  assert.ok(scopesOf(lines, '$uppercase').includes('support.function.builtin.jsonata'));
  assert.ok(!lines[0]!.some((t) => embedded(t.scopes)), 'name: is plain YAML');
  assert.ok(!lines[3]!.some((t) => embedded(t.scopes)), 'a comment is not an expression');
});

test("a mapping's fields: inline and block values are JSONata until the map ends", async () => {
  const lines = await tokenize(
    'source.yaml',
    [
      'form: assessment-results',
      'matchingElement:',
      '  field: window',
      '  expression: Window',
      'fields:',
      '  testDate: TestDate # the column',
      '  readingLevel: >-',
      '    ReadingPercentile < 20 ? "Below" :',
      '    "Meets"',
      '  quoted: "not an expression"',
      '  services:',
      '    speech: $contains(Services, "SLP")',
      'import: assessments',
    ].join('\n'),
  );
  assert.ok(embedded(scopesOf(lines, 'Window')), 'matchingElement.expression');
  assert.ok(embedded(scopesOf(lines, 'TestDate')));
  assert.ok(scopesOf(lines, 'testDate').includes('entity.name.tag.yaml'));
  assert.ok(!lines[5]!.some((t) => t.text.includes('the column') && embedded(t.scopes)), 'the trailing comment');
  assert.ok(scopesOf(lines, 'ReadingPercentile').includes('variable.other.property.jsonata'), 'block scalar');
  assert.ok(scopesOf(lines, 'Below').includes('string.quoted.double.jsonata'));
  assert.ok(embedded(scopesOf(lines, 'Meets')), 'the block goes on while indented');
  assert.ok(!lines[9]!.some((t) => embedded(t.scopes)), 'a quoted YAML string stays a string');
  assert.ok(scopesOf(lines, '$contains').includes('support.function.builtin.jsonata'), 'a nested option map');
  assert.ok(!lines[12]!.some((t) => embedded(t.scopes)), 'a key at the top level ends the fields map');
  assert.ok(!lines[2]!.some((t) => embedded(t.scopes)), 'matchingElement.field is a field id');
});

test("a form's fields: sequence is not taken for a mapping", async () => {
  const lines = await tokenize(
    'source.yaml',
    ['id: iep-snapshot', 'fields:', '  - id: startDate', '    label: IEP start date', '    type: date'].join('\n'),
  );
  for (const line of lines) assert.ok(!line.some((t) => embedded(t.scopes)), JSON.stringify(line));
});
