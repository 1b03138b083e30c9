import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, it } from 'node:test';
import { plain, readAll, rejectsWith, source, tempRoot, write } from './helpers';

const root = tempRoot();

const results = `<?xml version="1.0" encoding="UTF-8"?>
<AssessmentResults year="2025">
  <Student id="S1">
    <Name>Ann &amp; Bo &#233;</Name>
    <Score subject="math">93</Score>
    <Score subject="ela">88</Score>
    <Note><![CDATA[<b>bold</b> & more]]></Note>
    <Empty/>
    <Mixed>before<i>x</i>after</Mixed>
  </Student>
  <Student id="S2"><Name>Cy</Name></Student>
</AssessmentResults>
`;

describe('xml', () => {
  it('streams the elements at recordPath as records, with their lines', async () => {
    const file = write(root, 'results.xml', results);
    const { records } = await readAll(root, source(file, 'xml', { recordPath: 'AssessmentResults.Student' }));
    assert.deepEqual(
      records.map((r) => [r.index, r.line]),
      [
        [1, 3],
        [2, 11],
      ],
    );
    assert.deepEqual(plain(records[0]?.value), {
      '@id': 'S1',
      Name: 'Ann & Bo é',
      Score: [
        { '@subject': 'math', '#text': '93' },
        { '@subject': 'ela', '#text': '88' },
      ],
      Note: '<b>bold</b> & more',
      Empty: '',
      Mixed: { i: 'x', '#text': 'beforeafter' },
    });
    assert.deepEqual(plain(records[1]?.value), { '@id': 'S2', Name: 'Cy' });
  });

  it('reads the whole document as one record without recordPath', async () => {
    const file = write(root, 'whole.xml', '<r a="1"><x>1</x><x>2</x></r>');
    const { records } = await readAll(root, source(file, 'xml'));
    assert.equal(records.length, 1);
    assert.deepEqual(plain(records[0]?.value), { r: { '@a': '1', x: ['1', '2'] } });
  });

  it('bounds the whole document and advises recordPath (E0042)', async () => {
    const file = write(root, 'big.xml', `<r>${'<x>1</x>'.repeat(1000)}</r>`);
    const p = await rejectsWith(
      () => readAll(root, source(file, 'xml'), { limits: { maxDocumentChars: 2000 } }),
      'E0042',
    );
    assert.match(p.message, /set recordPath/);
    assert.match(p.fix, /recordPath/);
  });

  it('reports malformed xml with E0015, line and column', async () => {
    const file = write(root, 'bad.xml', '<r>\n  <a>1</a>\n  <b>2</c>\n</r>');
    const p = await rejectsWith(() => readAll(root, source(file, 'xml', { recordPath: 'r.a' })), 'E0015');
    assert.match(p.message, /^Malformed xml at line 3, column \d+: /);
    assert.equal(p.data?.line, 3);
  });

  it('reports an unclosed element at the end of the file with E0015', async () => {
    const file = write(root, 'unclosed.xml', '<r>\n<a>1</a>\n');
    await rejectsWith(() => readAll(root, source(file, 'xml', { recordPath: 'r.a' })), 'E0015');
  });

  it('expands internal entities', async () => {
    const file = write(
      root,
      'internal.xml',
      '<!DOCTYPE r [<!ENTITY org "Acme &amp; Co"><!ENTITY full "&org; Ltd">]><r><a>&full;</a></r>',
    );
    const { records } = await readAll(root, source(file, 'xml', { recordPath: 'r.a' }));
    assert.deepEqual(plain(records[0]?.value), { '#text': 'Acme & Co Ltd' });
  });

  it('ends a billion-laughs file fast with E0042 and bounded memory', async () => {
    const levels = ['<!ENTITY lol0 "lol">'];
    for (let i = 1; i <= 9; i++) levels.push(`<!ENTITY lol${i} "${`&lol${i - 1};`.repeat(10)}">`);
    const file = write(
      root,
      'laughs.xml',
      `<?xml version="1.0"?>\n<!DOCTYPE lolz [\n${levels.join('\n')}\n]>\n<lolz>&lol9;</lolz>\n`,
    );
    const started = performance.now();
    const p = await rejectsWith(() => readAll(root, source(file, 'xml')), 'E0042');
    assert.ok(performance.now() - started < 1000, 'ends within a second');
    assert.match(p.message, /expands to more than 64 KiB/);
  });

  it('refuses an external entity with E0042 and never fetches it', async () => {
    let requests = 0;
    const server = createServer((_req, res) => {
      requests++;
      res.end('secret');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    try {
      const url = `http://127.0.0.1:${port}/xxe`;
      const xxe = write(
        root,
        'xxe.xml',
        `<?xml version="1.0"?>\n<!DOCTYPE r [\n<!ENTITY xxe SYSTEM "${url}">\n]>\n<r>&xxe;</r>`,
      );
      const p = await rejectsWith(() => readAll(root, source(xxe, 'xml')), 'E0042');
      assert.match(p.message, /external entity "xxe" refused/);
      const dtd = write(root, 'dtd.xml', `<!DOCTYPE r PUBLIC "-//X//EN" "${url}"><r/>`);
      await rejectsWith(() => readAll(root, source(dtd, 'xml')), 'E0042');
      const param = write(root, 'param.xml', `<!DOCTYPE r [<!ENTITY % p SYSTEM "${url}"> %p;]><r/>`);
      await rejectsWith(() => readAll(root, source(param, 'xml')), 'E0042');
      const file = write(root, 'file-xxe.xml', '<!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]><r>&x;</r>');
      await rejectsWith(() => readAll(root, source(file, 'xml')), 'E0042');
    } finally {
      server.close();
    }
    assert.equal(requests, 0);
  });

  it('keeps __proto__ elements and attributes as plain keys', async () => {
    const file = write(
      root,
      'proto.xml',
      '<r><s __proto__="a"><__proto__>x</__proto__><constructor>y</constructor></s></r>',
    );
    const { records } = await readAll(root, source(file, 'xml', { recordPath: 'r.s' }));
    const value = records[0]?.value as Record<string, unknown>;
    assert.equal(Object.getPrototypeOf(value), null);
    assert.deepEqual(Object.keys(value), ['@__proto__', '__proto__', 'constructor']);
    assert.equal(({} as Record<string, unknown>).x, undefined);
  });

  it('reads the same records whatever the chunk size', async () => {
    const file = write(root, 'chunked.xml', results);
    const expected = await readAll(root, source(file, 'xml', { recordPath: 'AssessmentResults.Student' }));
    const got = await readAll(root, source(file, 'xml', { recordPath: 'AssessmentResults.Student' }), { chunkSize: 3 });
    assert.deepEqual(plain(got.records), plain(expected.records));
  });
});
