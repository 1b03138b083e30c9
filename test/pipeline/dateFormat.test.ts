import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { compileDateFormat, type DateParser, dateScans } from '../../engine/src/map/dateFormat';

function parser(pattern: string): DateParser {
  const compiled = compileDateFormat(pattern);
  if (!compiled.ok) throw new Error(compiled.reason);
  return compiled.parser;
}

describe('date format tokens', () => {
  it('yyyy-MM-dd returns ISO dates as they are', () => {
    const p = parser('yyyy-MM-dd');
    assert.equal(p.parse('2025-04-15'), '2025-04-15');
    assert.equal(p.parse('2025-4-15'), undefined, 'MM needs two digits');
    assert.equal(p.parse('2025-04-5'), undefined, 'dd needs two digits');
    assert.equal(p.parse('25-04-15'), undefined, 'yyyy needs four digits');
    assert.equal(p.parse('2025-04-15 '), undefined, 'trailing text');
    assert.equal(p.parse('2025/04/15'), undefined, 'separators are literal');
  });

  it('M and d take one or two digits', () => {
    const p = parser('M/d/yyyy');
    assert.equal(p.parse('4/5/2011'), '2011-04-05');
    assert.equal(p.parse('04/05/2011'), '2011-04-05');
    assert.equal(p.parse('12/31/2011'), '2011-12-31');
    assert.equal(p.parse('123/1/2011'), undefined);
    assert.equal(p.parse('/1/2011'), undefined);
  });

  it('d/M/yyyy, yyyy/M/d and M-d-yyyy (legacy list)', () => {
    assert.equal(parser('d/M/yyyy').parse('13/4/2011'), '2011-04-13');
    assert.equal(parser('yyyy/M/d').parse('2011/4/13'), '2011-04-13');
    assert.equal(parser('M-d-yyyy').parse('4-13-2011'), '2011-04-13');
    assert.equal(parser('yyyy-M-d').parse('2011-4-3'), '2011-04-03');
  });

  it('compact yyyyMMdd and MMddyyyy', () => {
    assert.equal(parser('yyyyMMdd').parse('20250415'), '2025-04-15');
    assert.equal(parser('yyyyMMdd').parse('2025415'), undefined);
    assert.equal(parser('MMddyyyy').parse('04152025'), '2025-04-15');
  });

  it('yy pivots at 50', () => {
    const p = parser('MM/dd/yy');
    assert.equal(p.parse('04/15/25'), '2025-04-15');
    assert.equal(p.parse('04/15/49'), '2049-04-15');
    assert.equal(p.parse('04/15/50'), '1950-04-15');
    assert.equal(p.parse('04/15/99'), '1999-04-15');
    assert.equal(p.parse('04/15/2025'), undefined);
  });

  it('checks the calendar strictly, leap years included', () => {
    const p = parser('yyyy-MM-dd');
    assert.equal(p.parse('2025-02-30'), undefined, 'Feb 30');
    assert.equal(p.parse('2025-02-29'), undefined, '2025 is not a leap year');
    assert.equal(p.parse('2024-02-29'), '2024-02-29');
    assert.equal(p.parse('1900-02-29'), undefined, 'century years are not leap years');
    assert.equal(p.parse('2000-02-29'), '2000-02-29', 'but every 400th is');
    assert.equal(p.parse('2025-04-31'), undefined, 'April has 30 days');
    assert.equal(p.parse('2025-13-01'), undefined);
    assert.equal(p.parse('2025-00-10'), undefined);
    assert.equal(p.parse('2025-01-00'), undefined);
    assert.equal(p.parse('0000-01-01'), undefined);
  });

  it('rejects letters and non-digits where digits go', () => {
    const p = parser('M/d/yyyy');
    assert.equal(p.parse('a/1/2020'), undefined);
    assert.equal(p.parse('1/1/20x0'), undefined);
    assert.equal(p.parse(''), undefined);
  });

  it('refuses bad patterns with a reason', () => {
    for (const [pattern, fragment] of [
      ['mm/dd/yyyy', "'mm' is not a token; months are MM or M"],
      ['MM/DD/yyyy', "'DD' is not a token"],
      ['MMM d yyyy', "'MMM' is not a token"],
      ['yyy-MM-dd', "'yyy' is not a token"],
      ['yyyy-MM', 'exactly one year'],
      ['yyyy-MM-dd-yy', 'exactly one year'],
      ['Mdyyyy', 'ambiguous'],
      ['HH:mm yyyy-MM-dd', "'HH' is not a token"],
    ] as const) {
      const compiled = compileDateFormat(pattern);
      assert.equal(compiled.ok, false, pattern);
      if (!compiled.ok) assert.match(compiled.reason, new RegExp(fragment.replace(/[()]/g, '\\$&')), pattern);
    }
  });
});

describe('the fixed-width date scan', () => {
  it('answers as the general scan does, on valid, mutated and odd values', () => {
    let seed = 7;
    const random = (n: number): number => {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      return seed % n;
    };
    // Around the digits' codes ('/' 47, ':' 58), other digits, and a NUL.
    const alphabet = '0123456789-/.: 0١٢x\u0000';
    for (const pattern of ['yyyy-MM-dd', 'MM/dd/yyyy', 'dd.MM.yy', 'yyyyMMdd', 'yy-MM-dd']) {
      const scans = dateScans(pattern);
      assert.ok(scans, pattern);
      const format = (y: number, m: number, d: number): string =>
        pattern
          .replace('yyyy', String(y).padStart(4, '0'))
          .replace('yy', String(y % 100).padStart(2, '0'))
          .replace('MM', String(m).padStart(2, '0'))
          .replace('dd', String(d).padStart(2, '0'));
      let valid = 0;
      for (let i = 0; i < 20_000; i++) {
        let value = format(random(2100), random(14), random(33));
        if (i % 3 === 1) {
          const at = random(value.length + 1);
          value = value.slice(0, at) + alphabet[random(alphabet.length)] + value.slice(at + (i % 2));
        }
        if (i % 11 === 0) value = ` ${value}`;
        const expected: number = scans.general(value, 0, value.length);
        assert.equal(scans.fixed(value, 0, value.length), expected, `${pattern}: '${value}'`);
        // The same value standing inside a chunk's text, as the reading thread checks it.
        const inText = `7,${value},9`;
        assert.equal(scans.fixed(inText, 2, 2 + value.length), expected, `${pattern}: '${value}' in text`);
        assert.equal(scans.general(inText, 2, 2 + value.length), expected, `${pattern}: '${value}' in text`);
        if (expected >= 0) valid++;
      }
      assert.ok(valid > 1000, `${pattern}: enough valid dates (${valid})`);
      for (const leap of [format(2024, 2, 29), format(2023, 2, 29), format(2000, 2, 29), format(1900, 2, 29)]) {
        assert.equal(scans.fixed(leap, 0, leap.length), scans.general(leap, 0, leap.length), leap);
      }
    }
    assert.equal(dateScans('M/d/yyyy'), undefined);
    assert.equal(dateScans('yyyy-MM-d'), undefined);
  });
});
