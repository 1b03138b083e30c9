import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { compileFieldInput } from '../../engine/src/map/fieldInput';
import { defaultGuardrails } from '../../engine/src/transform/guardrails';

function compile(text: string) {
  const compiled = compileFieldInput(text, defaultGuardrails);
  if (!compiled.ok) throw new Error(compiled.failure.message);
  return compiled.input;
}

describe('field inputs', () => {
  it('a bare or backticked column takes the fast path', () => {
    assert.deepEqual(
      [compile('LastName'), compile('`Last Name`'), compile(' Grade '), compile('__proto__')].map((i) => [
        i.kind,
        i.columns,
      ]),
      [
        ['column', ['LastName']],
        ['column', ['Last Name']],
        ['column', ['Grade']],
        ['column', ['__proto__']],
      ],
    );
  });

  it('literals, paths with more steps, predicates and functions go through JSONata', () => {
    for (const text of ['true', '"x"', 'a.b', 'a[0]', '$uppercase(a)', 'a & b', '$']) {
      assert.equal(compile(text).kind, 'expression', text);
    }
  });

  it('lists the columns an expression reads from the row', () => {
    assert.deepEqual(compile('First & " " & `Last Name`').columns, ['First', 'Last Name']);
    assert.deepEqual(compile('$number(Score) > 5 ? Pass : Fail').columns, ['Score', 'Pass', 'Fail']);
    assert.deepEqual(compile('($y := Start; $y & "-" & End)').columns, ['Start', 'End']);
    assert.deepEqual(compile('{"k": V}.k').columns, ['V']);
    assert.deepEqual(
      compile('Items[Code = "x"].Name').columns,
      ['Items'],
      'predicates and later steps read other contexts',
    );
    assert.deepEqual(compile('$map([1,2], function($v){ $v & Other })').columns, [], 'lambda bodies are left out');
  });

  it('a syntax error gives JSONata code and position', () => {
    const compiled = compileFieldInput('a +', defaultGuardrails);
    assert.equal(compiled.ok, false);
    if (!compiled.ok) assert.equal(compiled.failure.code, 'S0207');
  });
});
