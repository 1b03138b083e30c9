/**
 * The hand-written csv scanner against papaparse, the library it replaced in the Read stage: on
 * generated text full of the characters that matter (delimiters, quotes, newlines, '\r', spaces),
 * both must find the same rows and cells, or both a quoting error at the same place; and the
 * scanner's result must not depend on where the text is cut into chunks.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import Papa from 'papaparse';
import { CsvScanner, CsvSyntaxError, cellText, RowTape } from '../../engine/src/read/csvScanner';

type Outcome = { rows: string[][] } | { error: { kind: 'unclosedQuote' | 'badQuote'; offset: number } };

function rowsOf(text: string, tape: RowTape): string[][] {
  const rows: string[][] = [];
  let k = 0;
  for (let r = 0; r < tape.rows; r++) {
    const n = tape.data[k + 3] as number;
    const cells: string[] = [];
    for (let c = 0; c < n; c++) cells.push(cellText(text, tape.data[k + 4 + 2 * c]!, tape.data[k + 5 + 2 * c]!));
    rows.push(cells);
    k += 4 + 2 * n;
  }
  return rows;
}

/** The whole text, scanned in pieces cut at `cuts` (the way the reader feeds decoded chunks). */
function scanned(text: string, delimiter: ',' | '\t', cuts: number[] = []): Outcome {
  const scanner = new CsvScanner(delimiter);
  const tape = new RowTape();
  const rows: string[][] = [];
  let pending = '';
  let consumed = 0;
  const bounds = [...cuts.filter((c) => c > 0 && c < text.length).sort((a, b) => a - b), text.length];
  let from = 0;
  try {
    for (let i = 0; i < bounds.length; i++) {
      const piece = pending + text.slice(from, bounds[i]);
      from = bounds[i]!;
      const final = i === bounds.length - 1;
      const rest = scanner.scan(piece, final, tape);
      rows.push(...rowsOf(piece, tape));
      consumed += rest;
      pending = piece.slice(rest);
    }
  } catch (error) {
    if (!(error instanceof CsvSyntaxError)) throw error;
    return { error: { kind: error.kind, offset: consumed + error.offset } };
  }
  return { rows };
}

function papaparsed(text: string, delimiter: ',' | '\t'): Outcome {
  const parser = new Papa.Parser({ delimiter, newline: '\n', quoteChar: '"' });
  const result = parser.parse(text, 0, false) as { data: string[][]; errors: { code: string; index: number }[] };
  const first = result.errors[0];
  if (first) {
    return first.code === 'MissingQuotes'
      ? { error: { kind: 'unclosedQuote', offset: first.index - 1 } }
      : { error: { kind: 'badQuote', offset: first.index } };
  }
  const rows = result.data;
  // papaparse ends a text that ends with a newline with one empty row; the scanner does not.
  if (text.endsWith('\n') && rows.length > 0 && rows.at(-1)!.length === 1 && rows.at(-1)![0] === '') rows.pop();
  return { rows };
}

/** A deterministic generator (the same texts on every run, so a failure reproduces). */
function random(seed: number): (n: number) => number {
  let s = seed;
  return (n) => {
    s = (Math.imul(s, 1103515245) + 12345) & 0x7fffffff;
    return s % n;
  };
}

const pieces = ['a', 'bc', ',', ',', '"', '"', '""', '\n', '\n', '\r\n', ' ', '\t', 'x y', 'é'];

function generated(rand: (n: number) => number): string {
  const parts: string[] = [];
  const length = rand(40);
  for (let i = 0; i < length; i++) parts.push(pieces[rand(pieces.length)]!);
  return parts.join('');
}

/** Well-formed csv: every field quoted or not at random, quoted ones holding the hard characters. */
function wellFormed(rand: (n: number) => number, delimiter: string): string {
  const rows: string[] = [];
  for (let r = 0, n = 1 + rand(6); r < n; r++) {
    const cells: string[] = [];
    for (let c = 0, m = 1 + rand(5); c < m; c++) {
      if (rand(3) === 0) cells.push(`"${['', 'a,b', 'say ""hi""', 'one\ntwo', `t${delimiter}u`, ' '][rand(6)]}"`);
      else cells.push(['', 'x', 'plain text', 'é', 'a"b'][rand(5)]!);
    }
    rows.push(cells.join(delimiter));
  }
  return rows.join(rand(2) ? '\n' : '\r\n') + (rand(2) ? '\n' : '');
}

describe('csv scanner', () => {
  it('finds the rows and cells papaparse finds, or the same quoting error, on 20,000 generated texts', () => {
    const rand = random(7);
    let errors = 0;
    for (let i = 0; i < 20_000; i++) {
      const delimiter = i % 4 === 0 ? '\t' : ',';
      const text = i % 2 === 0 ? generated(rand) : wellFormed(rand, delimiter);
      const expected = papaparsed(text, delimiter);
      if ('error' in expected) errors++;
      assert.deepEqual(scanned(text, delimiter), expected, `text ${JSON.stringify(text)}`);
    }
    // The generator must reach both outcomes for the comparison to mean something.
    assert.ok(errors > 1000 && errors < 19_000, `${errors} texts with quoting errors`);
  });

  it('gives the same result however the text is cut into chunks', () => {
    const rand = random(11);
    for (let i = 0; i < 5_000; i++) {
      const text = i % 2 === 0 ? generated(rand) : wellFormed(rand, ',');
      const whole = scanned(text, ',');
      const cuts = Array.from({ length: 1 + rand(4) }, () => rand(text.length + 1));
      assert.deepEqual(scanned(text, ',', cuts), whole, `text ${JSON.stringify(text)} cut at ${cuts.join(',')}`);
    }
  });

  it('undoes doubled quotes only inside quoted cells and keeps a quote inside an unquoted cell', () => {
    assert.deepEqual(scanned('"a""b",c""d\n', ','), { rows: [['a"b', 'c""d']] });
  });

  it('allows whitespace between a closing quote and the delimiter or newline, not other text', () => {
    assert.deepEqual(scanned('"a" ,"b"\t\r\n', ','), { rows: [['a', 'b']] });
    assert.deepEqual(scanned('x,"ab"cd\n', ','), { error: { kind: 'badQuote', offset: 3 } });
  });

  it('reports an unclosed quote at its opening quote, and waits for more text before the end', () => {
    assert.deepEqual(scanned('a,"open\n', ','), { error: { kind: 'unclosedQuote', offset: 2 } });
    const tape = new RowTape();
    assert.equal(new CsvScanner(',').scan('a,b\nc,"open\n', false, tape), 4);
    assert.equal(tape.rows, 1);
  });
});
