/**
 * Reading an xml file in two halves at once (read/xmlHalves.ts): the first half in this thread,
 * the second on a real reading thread (the bundled worker). Whatever the file holds, the records
 * (as the transformation sees them), their numbers and lines, and the problem that stops reading
 * must be those of a one-thread read; a cut that does not fall between two records must be read on
 * in this thread.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ProblemError } from '../../engine/src/errors/problem';
import { loadWorkspace } from '../../engine/src/workspace/loadWorkspace';
import { nodeFileSystem } from '../../engine/src/io/nodeFileSystem';
import { dryRunWorkspaceImport } from '../../engine/src/run/dryRunWorkspaceImport';
import type { SourceReader } from '../../engine/src/read/sourceRecord';
import { halvesPossible, recordLineStart } from '../../engine/src/read/xmlHalves';
import { FALLBACK, type PathObjectSpec, pathObjectOf } from '../../engine/src/transform/pathObject';
import type { Encoding } from '../../engine/src/model/workspace';
import { generate } from '../../scripts/generate-large';
import { open, plain, source, tempRoot, write } from './helpers';
import { bundledWorker, countedThreads } from './threadHelpers';

const worker = bundledWorker();
const root = tempRoot();

const spec: PathObjectSpec = {
  keys: ['id', 'last', 'first', 'grade', 'note'],
  paths: [['@id'], ['Name', 'Last'], ['Name', 'First'], ['Enrollment', '@grade'], ['Note']],
};
const apply = pathObjectOf(spec);

interface Seen {
  index: number;
  line: number;
  /** What the transformation starts from: the row the reader made, or the path object's answer. */
  row: unknown;
}

/** The records and the problem that ended reading; `fromThread`: records whose row the reading thread made. */
type Outcome = { records: Seen[]; error?: unknown; fromThread: number };

/** Reads in one thread, then in two halves (small chunks, so records cross them); returns both, and what the thread did. */
async function both(file: string, encoding: Encoding = 'utf-8') {
  const src = source(file, 'xml', { recordPath: 'Students.Student', encoding });
  const one = await drainUntil(open(root, src, { pathObject: spec }));
  const threads = countedThreads(worker);
  const two = await drainUntil(
    open(root, src, { pathObject: spec, readThread: threads.start, offThreadBytes: 0, chunkSize: 4096 }),
  );
  return { one, two, threads };
}

interface StudentOptions {
  newline?: string;
  /** Text put before the record numbered so (inside the root). */
  before?: Record<number, string>;
  /** A record replaced by this text. */
  replace?: Record<number, string>;
  prolog?: string;
}

function students(count: number, options: StudentOptions = {}): string {
  const nl = options.newline ?? '\n';
  const parts = [options.prolog ?? '<?xml version="1.0" encoding="UTF-8"?>', '<Students district="Harbor Valley">'];
  for (let i = 1; i <= count; i++) {
    const extra = options.before?.[i];
    if (extra !== undefined) parts.push(extra);
    const replaced = options.replace?.[i];
    if (replaced !== undefined) {
      parts.push(replaced);
      continue;
    }
    const note =
      i % 9 === 0 ? '<Note><![CDATA[a <b> & c]]></Note>' : i % 4 === 0 ? '' : `<Note>n ${i} O’Brien é</Note>`;
    parts.push(
      `  <Student id="${i}">${nl}    <Name><Last>Last${i}</Last><First>First ${i % 50}</First></Name>${nl}` +
        `    <Enrollment grade="${i % 12}"/>${note}${nl}  </Student>`,
    );
  }
  parts.push('</Students>', '');
  return parts.join(nl);
}

function assertSame(result: { one: Outcome; two: Outcome }): void {
  assert.deepEqual(result.two.error, result.one.error);
  assert.equal(result.two.records.length, result.one.records.length);
  assert.deepEqual(result.two.records, result.one.records);
}

describe('reading an xml file in two halves', () => {
  it('gives the records, numbers and lines of a one-thread read, the second half from the thread', async () => {
    for (const [name, text] of [
      ['plain.xml', students(3000)],
      ['crlf.xml', students(2000, { newline: '\r\n' })],
      ['bom.xml', `\uFEFF${students(2000)}`],
      [
        'entities.xml',
        students(2000, {
          prolog: '<?xml version="1.0"?>\n<!DOCTYPE Students [ <!ENTITY district "Harbor &amp; Valley"> ]>',
          before: { 1500: '  <!-- a comment between records -->' },
          replace: { 1800: '  <Student id="1800"><Name><Last>&district;</Last><First>x</First></Name></Student>' },
        }),
      ],
    ] as const) {
      write(root, name, text);
      const result = await both(name);
      assertSame(result);
      assert.equal(result.one.records.length, 2000 + (name === 'plain.xml' ? 1000 : 0));
      assert.ok(result.two.fromThread > 0, `${name}: the second half came from the thread`);
      assert.equal(await result.threads.exited(), 1);
    }
  });

  it('sends a record the path object cannot answer for whole, for JSONata, and keeps __proto__ a plain key', async () => {
    const text = students(2000, {
      replace: {
        1700: '  <Student id="1700"><Name><Last>A</Last><Last>B</Last><First>two lasts</First></Name></Student>',
        1750: '  <Student id="1750" __proto__="p"><Name><Last>L</Last><First>F</First></Name><__proto__>x</__proto__></Student>',
      },
    });
    write(root, 'whole.xml', text);
    const result = await both('whole.xml');
    assertSame(result);
    const whole = result.two.records.find((r) => r.index === 1700);
    assert.deepEqual(whole?.row, { whole: { '@id': '1700', Name: { Last: ['A', 'B'], First: 'two lasts' } } });
    assert.ok(result.two.fromThread > 0);
  });

  it('reads on in this thread when the cut falls inside a comment, a CDATA section or a record', async () => {
    // 40,000 lines that each start like a record, around the middle of the file.
    const lines = Array.from({ length: 40_000 }, (_, i) => `  <Student id="fake${i}"/>`).join('\n');
    for (const [name, filler] of [
      ['comment.xml', `  <!--\n${lines}\n  -->`],
      ['cdata.xml', `  <Student id="c"><Note><![CDATA[\n${lines}\n]]></Note></Student>`],
      ['inside.xml', `  <Student id="t">\n${lines}\n  </Student>`],
    ] as const) {
      const text = students(200, { before: { 100: filler } });
      write(root, name, text);
      const result = await both(name);
      assertSame(result);
      assert.equal(result.threads.cuts, 1, `${name}: the thread proposed a cut`);
      assert.equal(result.two.fromThread, 0, `${name}: the thread's rows are not used`);
    }
  });

  it('ends with the problem one thread ends with, after the same records, wherever it is', async () => {
    const broken = '  <Student id="bad"><Name></Last></Student>';
    for (const [name, text] of [
      ['late-error.xml', students(3000, { replace: { 2600: broken } })],
      ['early-error.xml', students(3000, { replace: { 200: broken } })],
      ['unclosed.xml', students(3000).replace('</Students>', '')],
      [
        'oversized.xml',
        // Many small elements: the record outgrows the bound, no single node does.
        students(3000, {
          replace: { 2800: `  <Student id="big">${`<N>${'x'.repeat(20)}</N>`.repeat(400)}</Student>` },
        }),
      ],
    ] as const) {
      write(root, name, text);
      const src = source(name, 'xml', { recordPath: 'Students.Student' });
      const limits = name === 'oversized.xml' ? { maxDocumentChars: 4000 } : {};
      const one = await drainUntil(open(root, src, { pathObject: spec, limits }));
      const threads = countedThreads(worker);
      const two = await drainUntil(
        open(root, src, { pathObject: spec, limits, readThread: threads.start, offThreadBytes: 0, chunkSize: 4096 }),
      );
      assert.ok(one.error, `${name}: one thread stops`);
      assert.deepEqual(two.error, one.error, name);
      assert.deepEqual(two.records, one.records, name);
      if (name !== 'early-error.xml') assert.ok(two.fromThread > 0, `${name}: the problem came from the thread`);
    }
  });

  it('places an invalid byte in the second half where one thread does (E0026)', async () => {
    const text = Buffer.from(students(3000), 'utf-8');
    const at = text.indexOf('Last2700');
    text[at + 4] = 0xff;
    write(root, 'bytes.xml', text);
    const src = source('bytes.xml', 'xml', { recordPath: 'Students.Student' });
    const one = await drainUntil(open(root, src, { pathObject: spec }));
    const threads = countedThreads(worker);
    const two = await drainUntil(open(root, src, { pathObject: spec, readThread: threads.start, offThreadBytes: 0 }));
    assert.equal((one.error as { code?: string }).code, 'E0026');
    assert.deepEqual(two.error, one.error);
    assert.deepEqual(two.records, one.records);
    assert.ok(two.fromThread > 0);
  });

  it('reads windows-1252 as one thread does', async () => {
    const text = Buffer.from(students(2000).replaceAll('’', "'"), 'latin1');
    write(root, 'latin.xml', text);
    const result = await both('latin.xml', 'windows-1252');
    assertSame(result);
    assert.ok(result.two.fromThread > 0);
  });

  it('reads in one thread a file it cannot cut: records on one line, a one-step record path, utf-16', async () => {
    write(root, 'oneline.xml', students(2000).replaceAll('\n', ''));
    const result = await both('oneline.xml');
    assertSame(result);
    assert.equal(result.threads.answered, 1);
    assert.equal(result.threads.cuts, 0);
    assert.equal(result.two.fromThread, 0);
    assert.equal(halvesPossible('Student', 'utf-8'), false);
    assert.equal(halvesPossible('Students.Student', 'utf-16le'), false);
    assert.equal(halvesPossible('Students.Élève', 'windows-1252'), false);
    assert.equal(halvesPossible('Students.Élève', 'utf-8'), true);
  });

  it('finds a line that starts with the record tag, not a longer name or one split by the buffer end', () => {
    const bytes = new TextEncoder().encode('<A>\n  <StudentX/>\n\t<Student\n<Student');
    const name = new TextEncoder().encode('Student');
    assert.equal(recordLineStart(bytes, 0, name), 18);
    assert.equal(recordLineStart(bytes, 19, name), -1);
  });

  it('stops the thread when the reader leaves early, and on abort', async () => {
    write(root, 'early.xml', students(3000));
    const src = source('early.xml', 'xml', { recordPath: 'Students.Student' });
    const threads = countedThreads(worker);
    const reader = await open(root, src, { pathObject: spec, readThread: threads.start, offThreadBytes: 0 });
    let n = 0;
    for await (const _ of reader.records) if (++n === 10) break;
    assert.equal(await threads.exited(), 1);

    const aborting = countedThreads(worker);
    const controller = new AbortController();
    const aborted = await open(root, src, {
      pathObject: spec,
      readThread: aborting.start,
      offThreadBytes: 0,
      signal: controller.signal,
    });
    const reason = new Error('stop');
    await assert.rejects(async () => {
      let m = 0;
      for await (const _ of aborted.records) if (++m === 5) controller.abort(reason);
    }, reason);
    assert.equal(await aborting.exited(), 1);
  });
});

describe('a dry run of an xml file in two halves', () => {
  it('gives the result a one-thread run gives', async () => {
    const dir = `${root}/ws`;
    await generate({ kind: 'xml', count: 20_000, out: `${dir}/students.xml`, seed: 3, people: 5_000, errorRate: 0.01 });
    const workspace = await loadWorkspace(nodeFileSystem, dir);
    const doc = workspace.imports[0]!;
    const one = await dryRunWorkspaceImport(nodeFileSystem, workspace, doc);
    const threads = countedThreads(worker);
    const two = await dryRunWorkspaceImport(nodeFileSystem, workspace, doc, { readThread: threads.start });
    assert.ok(one.ok && two.ok);
    const strip = (r: typeof one) => (r.ok ? { ...r.result, timings: undefined } : r);
    assert.deepEqual(strip(two), strip(one));
    assert.ok(threads.rows > 0 && threads.cuts === 1, 'the second half came from the thread');
  });
});

async function drainUntil(opening: Promise<SourceReader>): Promise<Outcome> {
  const records: Seen[] = [];
  let fromThread = 0;
  try {
    for await (const r of (await opening).records) {
      if (r.row) fromThread++;
      const row = r.row ?? apply(r.value);
      records.push({ index: r.index, line: r.line, row: row === FALLBACK ? { whole: plain(r.value) } : plain(row) });
    }
    return { records, fromThread };
  } catch (error) {
    if (error instanceof ProblemError) return { records, error: error.problem, fromThread };
    throw error;
  }
}
