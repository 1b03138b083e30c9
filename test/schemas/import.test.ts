import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { at, check, lines, only } from '../workspace/helpers';

// Line numbers below are 0-based, as LSP counts them.
const head = ['name: IEP Snapshot', 'alias: iep-snapshot', 'source:', '  type: sftp'];
const matching = ['personMatching:', '  idColumn: StudentID', '  matchOn: localId'];

/** A valid csv import with the source lines replaced (file on line 4, format 5, dateFormat 6). */
function importWith(
  source: string[] = ['  file: iep/iep_snapshot.csv', '  format: csv', '  dateFormat: M/d/yyyy'],
  ...rest: string[]
): string {
  return lines(...head, ...source, ...matching, ...rest);
}

describe('import schema', () => {
  test('a complete import has no problems', () => {
    assert.deepEqual(check('import', importWith()), []);
    const full = importWith(
      ['  file: a/b.xml', '  format: xml', '  encoding: windows-1252', '  dateFormat: yyyy-MM-dd', '  recordPath: A.B'],
      'transformation:',
      '  expression: A.B',
      'sort: { column: LastName, direction: descending }',
      'recordMatching: true',
      'runOptions: { recordCreationMode: createMissing, errorThreshold: 20, ignoreErrorThreshold: false }',
      'automation: { nightly: true }',
      'description: notes',
    );
    assert.deepEqual(check('import', full), []);
  });

  test('an enum value out of range lists the allowed values and points at the value', () => {
    const p = only(check('import', importWith(['  file: a.csv', '  format: xls', '  dateFormat: M/d/yyyy'])));
    assert.equal(p.code, 'E0033');
    assert.equal(p.message, "source.format: 'xls' is not allowed; use one of csv, tsv, xml, json.");
    assert.deepEqual(at(p), [5, 10, 5, 13]);
    assert.equal(p.locations[0]?.pointer, '/source/format');
    assert.deepEqual(p.data?.allowed, ['csv', 'tsv', 'xml', 'json']);
    assert.deepEqual(p.data?.suggestions, []);
  });

  test('a near miss of an enum value gets a suggestion', () => {
    const p = only(check('import', importWith(['  file: a.csv', '  format: jsn', '  dateFormat: M/d/yyyy'])));
    assert.equal(
      p.message,
      "source.format: 'jsn' is not allowed; use one of csv, tsv, xml, json. Did you mean 'json'?",
    );
    assert.deepEqual(p.data?.suggestions, ['json']);
  });

  test('a near miss in another case is suggested', () => {
    const p = only(check('import', importWith(['  file: a.csv', '  format: CSV', '  dateFormat: M/d/yyyy'])));
    assert.match(p.message, /Did you mean 'csv'\?$/);
  });

  test('every documented encoding is accepted, others are not', () => {
    for (const encoding of ['utf-8', 'ascii', 'windows-1252', 'iso-8859-1', 'utf-16le', 'utf-16be']) {
      const source = ['  file: a.csv', '  format: csv', `  encoding: ${encoding}`, '  dateFormat: M/d/yyyy'];
      assert.deepEqual(check('import', importWith(source)), [], encoding);
    }
    const bad = only(
      check('import', importWith(['  file: a.csv', '  format: csv', '  encoding: ansi', '  dateFormat: d/M/yyyy'])),
    );
    assert.match(bad.message, /^source\.encoding: 'ansi' is not allowed; use one of utf-8, ascii, windows-1252/);
  });

  test('a misspelt required key is one problem on the unknown key, suggesting the missing one', () => {
    const p = only(check('import', importWith(['  file: a.csv', '  fromat: csv', '  dateFormat: M/d/yyyy'])));
    assert.equal(p.code, 'E0033');
    assert.equal(p.message, "Unknown key 'source.fromat'. Did you mean 'format' (a required key)?");
    assert.deepEqual(at(p), [5, 2, 5, 8]);
    assert.equal(p.data?.unknownKey, 'fromat');
  });

  test('an unknown key far from every known key lists the allowed keys', () => {
    const p = only(check('import', importWith(undefined, 'colour: blue')));
    assert.equal(
      p.message,
      "Unknown key 'colour'. Allowed keys: name, alias, description, source, transformation, sort, personMatching, recordMatching, runOptions, automation.",
    );
    assert.deepEqual(at(p), [10, 0, 10, 6]);
  });

  test('a missing key is reported on its parent key, with the missing names as data', () => {
    const text = lines(
      ...head,
      '  file: a.csv',
      '  format: csv',
      '  dateFormat: M/d/yyyy',
      'personMatching:',
      '  idColumn: ID',
    );
    const p = only(check('import', text));
    assert.equal(p.message, "Missing required key 'personMatching.matchOn'.");
    assert.deepEqual(at(p), [7, 0, 7, 14]);
    assert.deepEqual(p.data?.missing, ['matchOn']);
  });

  test('several missing keys of one object make one problem', () => {
    const p = only(check('import', lines(...head, ...matching)));
    assert.equal(p.message, "Missing required keys 'source.file', 'source.format' and 'source.dateFormat'.");
    assert.deepEqual(at(p), [2, 0, 2, 6]);
    assert.deepEqual(p.data?.missing, ['file', 'format', 'dateFormat']);
  });

  test('a key missing at the root points at the first key, not the whole document', () => {
    const text = lines(
      '# a comment',
      'name: IEP',
      'source:',
      '  type: sftp',
      '  file: a.csv',
      '  format: csv',
      '  dateFormat: M/d/yyyy',
      ...matching,
    );
    const p = only(check('import', text));
    assert.equal(p.message, "Missing required key 'alias'.");
    assert.deepEqual(at(p), [1, 0, 1, 4]);
  });

  test('xml without a transformation is E0014 on source.format', () => {
    const p = only(check('import', importWith(['  file: a.xml', '  format: xml', '  dateFormat: M/d/yyyy'])));
    assert.equal(p.code, 'E0014');
    assert.match(p.message, /transformation is required/);
    assert.deepEqual(at(p), [5, 10, 5, 13]);
    assert.deepEqual(p.data?.missing, ['transformation']);
  });

  test('json with a transformation file is fine; csv needs none', () => {
    const source = ['  file: a.json', '  format: json', '  dateFormat: M/d/yyyy'];
    assert.deepEqual(check('import', importWith(source, 'transformation:', '  file: t/a.jsonata')), []);
    assert.equal(
      check('import', importWith(['  file: a.json', '  format: json', '  dateFormat: M/d/yyyy']))[0]?.code,
      'E0014',
    );
  });

  test('transformation takes exactly one of expression or file', () => {
    const both = only(
      check('import', importWith(undefined, 'transformation:', '  expression: a', '  file: b.jsonata')),
    );
    assert.equal(both.code, 'E0033');
    assert.equal(
      both.message,
      'transformation takes exactly one of expression (JSONata written inline) or file (a .jsonata file).',
    );
    assert.deepEqual(at(both), [10, 0, 10, 14]);
    const none = only(check('import', importWith(undefined, 'transformation: {}')));
    assert.equal(none.message, both.message);
    const typo = only(check('import', importWith(undefined, 'transformation:', '  expresion: a')));
    assert.equal(typo.message, "Unknown key 'transformation.expresion'. Did you mean 'expression'?");
    assert.deepEqual(at(typo), [11, 2, 11, 11]);
    const wrongType = only(check('import', importWith(undefined, 'transformation:', '  expression: 5')));
    assert.equal(
      wrongType.message,
      "transformation.expression: expected a text, got the number 5. Put it in quotes: '5'.",
    );
    assert.deepEqual(at(wrongType), [11, 14, 11, 15]);
  });

  test('source.file must stay under the SFTP root (E0027 on the value)', () => {
    for (const file of ['../../etc/passwd', '/etc/passwd', 'C:/data/a.csv', 'a/../../b.csv', 'a\\b.csv', '..']) {
      const p = only(check('import', importWith([`  file: '${file}'`, '  format: csv', '  dateFormat: M/d/yyyy'])));
      assert.equal(p.code, 'E0027', file);
      assert.match(p.message, /^source\.file: '.*' is not valid\. Give a path relative to the SFTP root/);
      assert.deepEqual(at(p), [4, 8, 4, 10 + file.length]);
    }
    for (const file of ['a.csv', 'a/b..c/d.csv', 'imports/..hidden/x.csv', './a.csv']) {
      assert.deepEqual(
        check('import', importWith([`  file: '${file}'`, '  format: csv', '  dateFormat: M/d/yyyy'])),
        [],
        file,
      );
    }
  });

  test('a wrong type on a path key is E0033, not E0027', () => {
    const p = only(check('import', importWith(['  file: [a]', '  format: csv', '  dateFormat: M/d/yyyy'])));
    assert.equal(p.code, 'E0033');
    assert.deepEqual(at(p), [4, 2, 4, 6]);
  });

  test('transformation.file follows the path rules too and must be a .jsonata file', () => {
    const outside = only(check('import', importWith(undefined, 'transformation:', '  file: ../t.jsonata')));
    assert.equal(outside.code, 'E0027');
    const ext = only(check('import', importWith(undefined, 'transformation:', '  file: t.js')));
    assert.equal(ext.code, 'E0033');
    assert.match(ext.message, /\.jsonata file/);
  });

  test('date formats: only the tokens and separators (E0043 on the pattern, E0033 on the type)', () => {
    const good = [
      'M/d/yyyy',
      'yyyy-MM-dd',
      'yyyyMMdd',
      'd/M/yyyy',
      'yyyy-M-d',
      'MMddyyyy',
      'yy.MM.dd',
      'd M yyyy',
      'yyyy/M/d',
    ];
    for (const f of good) {
      assert.deepEqual(check('import', importWith(['  file: a.csv', '  format: csv', `  dateFormat: '${f}'`])), [], f);
    }
    const bad = [
      'mm/dd/yyyy',
      'yyyy-MM-dd HH:mm',
      'MMM d yyyy',
      'yyyy/MM',
      'dd/dd/yyyy',
      'yyyy_MM_dd',
      'yyyyy-MM-dd',
      '',
    ];
    for (const f of bad) {
      const p = only(check('import', importWith(['  file: a.csv', '  format: csv', `  dateFormat: '${f}'`])));
      assert.equal(p.code, 'E0043', f);
      assert.match(
        p.message,
        /^source\.dateFormat: '.*' is not valid\. A date format uses the tokens yyyy or yy, MM or M/,
      );
      assert.deepEqual(at(p), [6, 14, 6, 16 + f.length]);
    }
    const typed = only(check('import', importWith(['  file: a.csv', '  format: csv', '  dateFormat: 20240101'])));
    assert.equal(typed.code, 'E0033');
  });

  test('recordPath is refused for csv and tsv, on the key', () => {
    const p = only(
      check('import', importWith(['  file: a.csv', '  format: csv', '  dateFormat: M/d/yyyy', '  recordPath: A.B'])),
    );
    assert.equal(p.code, 'E0033');
    assert.equal(
      p.message,
      'source.recordPath: recordPath applies only to xml and json sources; remove it for csv and tsv.',
    );
    assert.deepEqual(at(p), [7, 2, 7, 12]);
  });

  test('sort problems are E0004 (missing direction, bad direction, unknown key, wrong type)', () => {
    const missing = only(check('import', importWith(undefined, 'sort:', '  column: LastName')));
    assert.equal(missing.code, 'E0004');
    assert.equal(missing.message, "Missing required key 'sort.direction'.");
    assert.deepEqual(at(missing), [10, 0, 10, 4]);
    const bad = only(check('import', importWith(undefined, 'sort:', '  column: LastName', '  direction: up')));
    assert.equal(bad.code, 'E0004');
    assert.equal(bad.message, "sort.direction: 'up' is not allowed; use one of ascending, descending.");
    assert.deepEqual(at(bad), [12, 13, 12, 15]);
    const unknown = check(
      'import',
      importWith(undefined, 'sort:', '  column: LastName', '  direction: ascending', '  order: 1'),
    );
    assert.equal(only(unknown).code, 'E0004');
    assert.equal(only(check('import', importWith(undefined, 'sort: LastName'))).code, 'E0004');
  });

  test('alias pattern uses the patternErrorMessage, on the value', () => {
    const text = lines(
      'name: IEP',
      'alias: IEP Snapshot',
      'source:',
      '  type: sftp',
      '  file: a.csv',
      '  format: csv',
      '  dateFormat: M/d/yyyy',
      ...matching,
    );
    const p = only(check('import', text));
    assert.equal(p.code, 'E0033');
    assert.equal(
      p.message,
      "alias: 'IEP Snapshot' is not valid. An alias uses lowercase letters, digits and single hyphens between them, e.g. iep-snapshot.",
    );
    assert.deepEqual(at(p), [1, 7, 1, 19]);
    for (const alias of ['a--b', '-a', 'a-', 'a_b']) {
      assert.equal(only(check('import', text.replace('IEP Snapshot', alias))).code, 'E0033', alias);
    }
  });

  test('wrong types say what was expected and what was found', () => {
    const yes = only(
      check(
        'import',
        lines(
          ...head,
          '  file: a.csv',
          '  format: csv',
          '  dateFormat: M/d/yyyy',
          ...matching,
          '  ignoreLeadingZeros: yes',
        ),
      ),
    );
    assert.equal(yes.message, "personMatching.ignoreLeadingZeros: expected true or false, got the text 'yes'.");
    assert.deepEqual(at(yes), [10, 22, 10, 25]);
    const words = only(check('import', importWith(undefined, 'runOptions:', '  errorThreshold: five hundred')));
    assert.equal(words.message, "runOptions.errorThreshold: expected a whole number, got the text 'five hundred'.");
    const zero = only(check('import', importWith(undefined, 'runOptions:', '  errorThreshold: 0')));
    assert.equal(zero.message, 'runOptions.errorThreshold: 0 is less than the minimum, 1.');
    const scalarSource = only(check('import', lines('name: n', 'alias: a', 'source: csv', ...matching)));
    assert.equal(scalarSource.message, "source: expected a map of keys, got the text 'csv'.");
    assert.deepEqual(at(scalarSource), [2, 8, 2, 11]);
    const empty = only(check('import', lines('name: n', 'alias: a', 'source:', ...matching)));
    assert.equal(empty.message, 'source: expected a map of keys, got nothing.');
    assert.equal(at(empty)?.[0], 2);
  });

  test('independent mistakes give one problem each, in reading order', () => {
    const text = lines(
      'name: ""',
      'alias: a',
      'source:',
      '  type: ftp',
      '  file: /x.csv',
      '  format: csv',
      '  dateFormat: mm/dd/yyyy',
      ...matching,
    );
    const problems = check('import', text);
    assert.deepEqual(
      problems.map((p) => [p.code, p.locations[0]?.pointer]),
      [
        ['E0033', '/name'],
        ['E0033', '/source/type'],
        ['E0027', '/source/file'],
        ['E0043', '/source/dateFormat'],
      ],
    );
    assert.equal(problems[0]?.message, 'name: must not be empty.');
    assert.equal(problems[1]?.message, "source.type: 'ftp' is not allowed; use sftp. Did you mean 'sftp'?");
  });

  test('the same import as JSON gets the same problems at JSON positions', () => {
    const json =
      '{\n  "name": "n",\n  "alias": "a",\n  "source": { "type": "sftp", "file": "a.csv", "format": "xls", "dateFormat": "M/d/yyyy" },\n  "personMatching": { "idColumn": "ID", "matchOn": "localId" }\n}\n';
    const p = only(check('import', json, 'a.import.json'));
    assert.equal(p.message, "source.format: 'xls' is not allowed; use one of csv, tsv, xml, json.");
    assert.deepEqual(at(p), [3, 57, 3, 62]); // the quoted value "xls"
  });
});
