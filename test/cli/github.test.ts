import assert from 'node:assert/strict';
import { test } from 'node:test';
import { formatGithub } from '../../cli/src/output/github';
import { problem } from '../../engine/src/errors/catalog';

test('annotation messages and properties are escaped so a value cannot end or split the command', () => {
  const p = problem('E0009', "Row 3: '1,2:3' is 100% wrong\nsecond line", [
    {
      file: 'a,b:c.csv',
      range: { start: { line: 2, character: 0 }, end: { line: 4, character: 1 } },
    },
  ]);
  assert.equal(
    formatGithub([p], 'ws/'),
    "::error file=ws/a%2Cb%3Ac.csv,line=3,col=1,endLine=5,title=E0009::E0009 Row 3: '1,2:3' is 100%25 wrong%0Asecond line",
  );
});

test('warnings and notes use their own commands; a problem without a range names only its file', () => {
  const warning = problem('E0016', 'no person', [{ file: 'x.csv' }]);
  const note = problem('E0040', 'not created', [{ file: 'x.csv' }]);
  assert.equal(
    formatGithub([warning, note]),
    '::warning file=x.csv,title=E0016::E0016 no person\n::notice file=x.csv,title=E0040::E0040 not created',
  );
});
