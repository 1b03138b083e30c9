/**
 * The sample workspace (samples/) must load without a single problem, and every broken variant
 * under samples/broken/ must raise exactly the problems its `# expect: <CODE> <json-pointer>` lines
 * name, on the line of that pointer's key, with a message naming the key.
 */
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, test } from 'node:test';
import type { Problem } from '../../engine/src/errors/problem';
import { nodeFileSystem } from '../../engine/src/io/nodeFileSystem';
import { allDocuments, detectKind, loadWorkspace, parsePointer } from '../../engine/src/workspace';

const samples = join(import.meta.dirname, '..', '..', 'samples').replaceAll('\\', '/');
const broken = `${samples}/broken`;

function filesUnder(dir: string, skip: (rel: string) => boolean, base = dir): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    const rel = relative(base, path).replaceAll('\\', '/');
    if (name.startsWith('.') || skip(rel)) return [];
    return statSync(path).isDirectory() ? filesUnder(path, skip, base) : [rel];
  });
}

function describeProblem(p: Problem): string {
  const l = p.locations[0];
  return `${p.code} ${l?.file}:${(l?.range?.start.line ?? -1) + 1} ${p.message}`;
}

describe('samples', () => {
  test('the sample workspace exists', () => {
    assert.ok(existsSync(`${samples}/importstudio.yaml`), 'samples/importstudio.yaml is missing');
  });

  test('samples/ loads with no problems at all, and every sample file validates', async () => {
    const ws = await loadWorkspace(nodeFileSystem, samples);
    assert.deepEqual(ws.problems.map(describeProblem), []);
    const sftp = ws.workspaceFile?.value?.sftpRoot ?? '.';
    const onDisk = filesUnder(samples, (rel) => rel === 'broken' || (sftp !== '.' && rel === sftp))
      .filter((rel) => detectKind(rel) !== undefined && detectKind(rel) !== 'workspace')
      .sort();
    const loaded = allDocuments(ws);
    assert.deepEqual(
      loaded
        .filter((d) => d.kind !== 'workspace' && onDisk.includes(d.relativePath))
        .map((d) => d.relativePath)
        .sort(),
      onDisk,
      'every workspace file on disk was loaded',
    );
    assert.ok(ws.imports.length > 0 && ws.forms.length > 0 && ws.mappings.length > 0);
    for (const doc of loaded) assert.notEqual(doc.value, undefined, `${doc.relativePath} has a usable value`);
    assert.ok(ws.people.length > 0, 'the sandbox people were read');
  });

  test('every `# expect:` line of samples/broken/ is raised on the line of its key', async () => {
    const ws = await loadWorkspace(nodeFileSystem, broken);
    const docs = new Map(allDocuments(ws).map((d) => [d.relativePath, d]));
    const expectations: { file: string; code: string; pointer: string }[] = [];
    for (const file of filesUnder(broken, (rel) => rel === 'sftp')) {
      for (const m of readFileSync(join(broken, file), 'utf8').matchAll(/^#\s*expect:\s*(E\d{4})\s+(\S*)\s*$/gm)) {
        expectations.push({ file, code: m[1] ?? '', pointer: m[2] ?? '' });
      }
    }
    assert.ok(expectations.length >= 10, `only ${expectations.length} expectations found`);
    const failures: string[] = [];
    for (const { file, code, pointer } of expectations) {
      const doc = docs.get(file);
      if (!doc) {
        failures.push(`${file}: not loaded as a workspace file`);
        continue;
      }
      const segments = parsePointer(pointer) ?? [];
      const key = segments[segments.length - 1];
      const found = doc.parsed.locate(pointer);
      const line = found ? (found.key ?? found.value).start.line : undefined;
      const match = ws.problems.find(
        (p) =>
          p.code === code &&
          p.locations[0]?.file === file &&
          // A key that is there: the problem sits on its line. A key the file lacks (a missing
          // `transformation`): the problem is in the file and names the missing key.
          (line === undefined || p.locations[0]?.range?.start.line === line) &&
          (key === undefined || p.message.includes(key)),
      );
      if (!match) {
        const here = ws.problems.filter((p) => p.locations[0]?.file === file).map(describeProblem);
        failures.push(
          `${file}: expected ${code} at ${pointer} (line ${line === undefined ? '?' : line + 1}); got ${here.join(' | ') || 'nothing'}`,
        );
      }
    }
    assert.deepEqual(failures, []);
  });

  test('samples/broken/ raises nothing its `# expect:` lines do not name', async () => {
    const ws = await loadWorkspace(nodeFileSystem, broken);
    const expected = new Set<string>();
    for (const file of filesUnder(broken, (rel) => rel === 'sftp')) {
      for (const m of readFileSync(join(broken, file), 'utf8').matchAll(/^#\s*expect:\s*(E\d{4})\b/gm))
        expected.add(`${m[1]} ${file}`);
    }
    const unexpected = ws.problems
      .filter((p) => !expected.has(`${p.code} ${p.locations[0]?.file}`))
      .map(describeProblem);
    assert.deepEqual(unexpected, []);
  });
});
