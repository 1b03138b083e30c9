import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { plain, readAll, rejectsWith, source, tempRoot, write } from './helpers';

const root = tempRoot();
const bytes = (...parts: (string | number[])[]): Uint8Array =>
  Buffer.concat(parts.map((p) => (typeof p === 'string' ? Buffer.from(p, 'latin1') : Buffer.from(p))));
const utf16 = (text: string, le: boolean, bom: boolean): Uint8Array => {
  const body = Buffer.from(text, 'utf16le');
  if (!le) body.swap16();
  return bom ? Buffer.concat([Buffer.from(le ? [0xff, 0xfe] : [0xfe, 0xff]), body]) : body;
};

describe('decoding', () => {
  it('strips a utf-8 BOM, so the first header is clean', async () => {
    const file = write(root, 'bom8.csv', bytes([0xef, 0xbb, 0xbf], 'Name,Age\nZo\xC3\xAB,9\n'));
    const { headers, records } = await readAll(root, source(file, 'csv'));
    assert.deepEqual(headers, ['Name', 'Age']);
    assert.deepEqual(plain(records[0]?.value), { Name: 'Zoë', Age: '9' });
  });

  for (const le of [true, false]) {
    const name = le ? 'utf-16le' : 'utf-16be';
    it(`honours a ${name} BOM over the configured utf-8`, async () => {
      const file = write(root, `bom-${name}.csv`, utf16('Name,City\nZoë,Zürich 😀\n', le, true));
      const { headers, records } = await readAll(root, source(file, 'csv', { encoding: 'utf-8' }), { chunkSize: 3 });
      assert.deepEqual(headers, ['Name', 'City']);
      assert.deepEqual(plain(records[0]?.value), { Name: 'Zoë', City: 'Zürich 😀' });
    });
  }

  it('reads utf-16le without a BOM when configured', async () => {
    const file = write(root, 'nobom16.csv', utf16('a,b\n1,ß\n', true, false));
    const { records } = await readAll(root, source(file, 'csv', { encoding: 'utf-16le' }));
    assert.deepEqual(plain(records[0]?.value), { a: '1', b: 'ß' });
  });

  it('decodes windows-1252, and iso-8859-1 the WHATWG way (0x93 is a curly quote)', async () => {
    const file = write(root, 'w1252.csv', bytes('n,q\nCaf\xE9,\x93hi\x94\n'));
    for (const encoding of ['windows-1252', 'iso-8859-1'] as const) {
      const { records } = await readAll(root, source(file, 'csv', { encoding }));
      assert.deepEqual(plain(records[0]?.value), { n: 'Café', q: '“hi”' }, encoding);
    }
  });

  it('reports windows-1252 bytes read as utf-8 with E0026 at the right line, column and offset', async () => {
    const file = write(root, 'latin-as-utf8.csv', bytes('id,name\n1,Ann\n2,Ren\xE9e\n'));
    const p = await rejectsWith(() => readAll(root, source(file, 'csv')), 'E0026');
    assert.equal(
      p.message,
      'Byte 0xE9 at line 3, column 6 (byte offset 19) is not valid utf-8; the file looks like windows-1252.',
    );
    assert.deepEqual(p.locations[0]?.range?.start, { line: 2, character: 5 });
    assert.equal(p.data?.suggestedEncoding, 'windows-1252');
  });

  it('counts columns in characters after multi-byte characters, across tiny chunks', async () => {
    const file = write(root, 'late-bad.csv', bytes('a,b\n\xC3\xA9\xE2\x82\xAC,\xFF\n'));
    const p = await rejectsWith(() => readAll(root, source(file, 'csv'), { chunkSize: 2 }), 'E0026');
    assert.equal(
      p.message,
      'Byte 0xFF at line 2, column 4 (byte offset 10) is not valid utf-8; the file looks like windows-1252.',
    );
  });

  it('reports a multi-byte character cut off at the end of the file', async () => {
    const file = write(root, 'truncated.csv', bytes('a\n\xE2\x82'));
    const p = await rejectsWith(() => readAll(root, source(file, 'csv')), 'E0026');
    assert.equal(p.data?.offset, 2);
    assert.equal(p.data?.line, 2);
  });

  it('reads a multi-byte character split by every chunk boundary', async () => {
    const file = write(root, 'split.csv', 'k,v\n€,😀\n');
    for (const chunkSize of [1, 2, 3, 4, 5]) {
      const { records } = await readAll(root, source(file, 'csv'), { chunkSize });
      assert.deepEqual(plain(records[0]?.value), { k: '€', v: '😀' }, `chunkSize ${chunkSize}`);
    }
  });

  it('rejects non-ascii bytes when ascii is configured, suggesting utf-8 when they are utf-8', async () => {
    const file = write(root, 'ascii.csv', 'a,b\nok,fine\nZoë,x\n');
    const p = await rejectsWith(() => readAll(root, source(file, 'csv', { encoding: 'ascii' })), 'E0026');
    assert.equal(
      p.message,
      'Byte 0xC3 at line 3, column 3 (byte offset 14) is not valid ascii; the file looks like utf-8.',
    );
  });

  it('rejects 1252 bytes under ascii, suggesting windows-1252', async () => {
    const file = write(root, 'ascii1252.csv', bytes('a\nZo\xEB\n'));
    const p = await rejectsWith(() => readAll(root, source(file, 'csv', { encoding: 'ascii' })), 'E0026');
    assert.equal(p.data?.suggestedEncoding, 'windows-1252');
  });

  it('reports NUL bytes (utf-16 without a BOM read as utf-8) and suggests utf-16le', async () => {
    const file = write(root, 'nul.csv', utf16('Name,Age\nAnn,9\n', true, false));
    const p = await rejectsWith(() => readAll(root, source(file, 'csv')), 'E0026');
    assert.match(
      p.message,
      /NUL bytes at line 1, column 2 \(byte offset 1\).*looks like utf-16le without a byte-order mark/,
    );
    assert.equal(p.data?.suggestedEncoding, 'utf-16le');
  });

  it('suggests utf-16be for big-endian text without a BOM', async () => {
    const file = write(root, 'nulbe.csv', utf16('Name,Age\nAnn,9\n', false, false));
    const p = await rejectsWith(() => readAll(root, source(file, 'csv', { encoding: 'windows-1252' })), 'E0026');
    assert.equal(p.data?.suggestedEncoding, 'utf-16be');
  });

  it('reports an unpaired surrogate in utf-16', async () => {
    const body = Buffer.concat([
      Buffer.from('a\nb', 'utf16le'),
      Buffer.from([0x00, 0xd8]),
      Buffer.from('c\n', 'utf16le'),
    ]);
    const file = write(root, 'surrogate.csv', body);
    const p = await rejectsWith(() => readAll(root, source(file, 'csv', { encoding: 'utf-16le' })), 'E0026');
    assert.equal(p.data?.offset, 6);
    assert.equal(p.data?.line, 2);
    assert.equal(p.data?.column, 2);
  });
});
