import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { nodeFileSystem } from '../../engine/src/io/nodeFileSystem';
import { dataChecks, ProfileCache } from '../../engine/src/profile';
import { countingFs, csvWorkspace, importOf, load, one } from './helpers';

function edit(root: string, file: string, from: string, to: string): void {
  const path = join(root, file);
  const text = readFileSync(path, 'utf8');
  assert.ok(text.includes(from));
  writeFileSync(path, text.replace(from, to));
}

describe('ProfileCache', () => {
  it('answers from memory while the file and the source settings are unchanged', async () => {
    const root = csvWorkspace();
    const cache = new ProfileCache(nodeFileSystem);
    const workspace = await load(root);
    const first = await cache.get(workspace, importOf(workspace, 'roster'));
    const again = await cache.get(await load(root), importOf(await load(root), 'roster'));
    assert.equal(again, first, 'the same profile object');
    assert.deepEqual([cache.misses, cache.hits], [1, 1]);
    assert.equal(cache.peek(importOf(workspace, 'roster').path), first);
  });

  it('keeps the profile when only settings that do not shape it change; dataChecks see the new ones', async () => {
    const root = csvWorkspace();
    const cache = new ProfileCache(nodeFileSystem);
    const before = await load(root);
    const first = await cache.get(before, importOf(before, 'roster'));
    edit(root, 'imports/roster.import.yaml', 'idColumn: StudentID', 'idColumn: StudentId');
    const after = await load(root);
    const doc = importOf(after, 'roster');
    const profile = await cache.get(after, doc);
    assert.equal(profile, first);
    assert.deepEqual([cache.misses, cache.hits], [1, 1]);
    one(dataChecks(after, doc, profile), 'E0008');
  });

  it('profiles again when the data changes, even at the same size', async () => {
    const root = csvWorkspace();
    const cache = new ProfileCache(nodeFileSystem);
    const workspace = await load(root);
    const doc = importOf(workspace, 'roster');
    const first = await cache.get(workspace, doc);
    edit(root, 'sftp/roster.csv', '001,Ana', '001,Eva');
    const second = await cache.get(workspace, doc);
    assert.notEqual(second, first);
    assert.deepEqual(second.values.Name, ['Eva', 'Ben', 'Dee']);
    assert.notEqual(second.cacheKey, first.cacheKey);
    assert.deepEqual([cache.misses, cache.hits], [2, 0]);
  });

  it('profiles again when the source settings or the transformation change', async () => {
    const root = csvWorkspace();
    const cache = new ProfileCache(nodeFileSystem);
    const w1 = await load(root);
    const first = await cache.get(w1, importOf(w1, 'roster'));
    edit(root, 'imports/roster.import.yaml', 'dateFormat: yyyy-MM-dd', 'dateFormat: M/d/yyyy');
    const w2 = await load(root);
    const second = await cache.get(w2, importOf(w2, 'roster'));
    assert.notEqual(second, first);
    edit(
      root,
      'imports/roster.import.yaml',
      'personMatching:',
      'transformation:\n  expression: \'{"Id": StudentID}\'\npersonMatching:',
    );
    const w3 = await load(root);
    const third = await cache.get(w3, importOf(w3, 'roster'));
    assert.deepEqual(
      third.columns.map((c) => c.name),
      ['Id'],
    );
    assert.deepEqual([cache.misses, cache.hits], [3, 0]);
  });

  it('shares one computation between concurrent asks', async () => {
    const root = csvWorkspace();
    const cache = new ProfileCache(nodeFileSystem);
    const workspace = await load(root);
    const doc = importOf(workspace, 'roster');
    const [a, b] = await Promise.all([cache.get(workspace, doc), cache.get(workspace, doc)]);
    assert.equal(a, b);
    assert.deepEqual([cache.misses, cache.hits], [1, 1]);
  });

  it('computes its key from the first 64 KiB only, so a hit on a big file reads little', async () => {
    const rows = ['StudentID,Name,BirthDate,Grade,Active'];
    for (let i = 0; i < 100_000; i++) rows.push(`${i},N${i},2015-03-04,K,true`);
    const root = csvWorkspace({ 'sftp/roster.csv': `${rows.join('\n')}\n` });
    const fs = countingFs();
    const cache = new ProfileCache(fs, { sampleRows: 10 });
    const workspace = await load(root);
    const doc = importOf(workspace, 'roster');
    await cache.get(workspace, doc);
    const afterMiss = fs.bytesRead;
    await cache.get(workspace, doc);
    assert.equal(cache.hits, 1);
    assert.ok(fs.bytesRead - afterMiss <= 64 * 1024, `a hit read ${fs.bytesRead - afterMiss} bytes`);
    assert.equal(fs.opened, fs.closed);
  });

  it('forgets an aborted computation, so the next ask computes afresh', async () => {
    const root = csvWorkspace();
    const cache = new ProfileCache(nodeFileSystem);
    const workspace = await load(root);
    const doc = importOf(workspace, 'roster');
    const controller = new AbortController();
    controller.abort(new Error('superseded'));
    await assert.rejects(cache.get(workspace, doc, { signal: controller.signal }), /superseded/);
    const profile = await cache.get(workspace, doc);
    assert.equal(profile.rowsProfiled, 4);
    assert.equal(cache.peek(doc.path), profile);
  });

  it('profiles again once a missing file appears', async () => {
    const root = csvWorkspace();
    const data = readFileSync(join(root, 'sftp/roster.csv'));
    edit(root, 'imports/roster.import.yaml', 'file: roster.csv', 'file: later.csv');
    const cache = new ProfileCache(nodeFileSystem);
    const workspace = await load(root);
    const doc = importOf(workspace, 'roster');
    const missing = await cache.get(workspace, doc);
    one(missing.problems, 'E0001');
    assert.equal(await cache.get(workspace, doc), missing, 'still missing: a hit');
    writeFileSync(join(root, 'sftp/later.csv'), data);
    const found = await cache.get(workspace, doc);
    assert.equal(found.rowsProfiled, 4);
    assert.deepEqual(found.problems, []);
  });
});
