/**
 * Hostile input, end to end: each case is a real workspace on disk dry-run through the same call the
 * CLI and the server make. Each must end with a clear code and a location, never a crash, a hang or
 * lost rows. The per-test timeout is a hang guard, not a speed target (those live in npm run bench).
 */
import assert from 'node:assert/strict';
import { symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { codes, dryRunHostile, makeWorkspace } from './workspace';
import { nodeFileSystem } from '../../engine/src/io/nodeFileSystem';
import { loadWorkspace } from '../../engine/src/workspace';
import { dryRunWorkspaceImport } from '../../engine/src/run/dryRunWorkspaceImport';

const guard = { timeout: 20_000 };

test('a CSV with an unclosed quote fails with E0015 at its line; rows before it are kept', guard, async () => {
  const { result, problems } = await dryRunHostile({ format: 'csv', data: 'ID,Note\n1,fine\n2,"never closed\n' });
  const p = problems.find((x) => x.code === 'E0015');
  assert.ok(p, JSON.stringify(problems));
  assert.equal(p.locations[0]?.file, 'sftp/data.csv');
  assert.equal(p.locations[0]?.range?.start.line, 2);
  assert.equal(result?.status, 'Failed');
});

test('ragged rows are read (blank-filled or cut) and reported as E0031 warnings with their lines', guard, async () => {
  const { result, problems } = await dryRunHostile({ format: 'csv', data: 'ID,Note\n1\n2,b,extra\n' });
  assert.deepEqual(codes(problems), ['E0031']);
  assert.equal(result?.counts.rowsProcessed, 2);
  assert.deepEqual(
    problems.map((p) => p.locations[0]?.range?.start.line),
    [1, 2],
  );
});

test('windows-1252 bytes read as utf-8 give E0026 with the line and column of the byte', guard, async () => {
  const bytes = Buffer.concat([Buffer.from('ID,Note\n1,caf'), Buffer.from([0xe9]), Buffer.from('\n')]);
  const { problems } = await dryRunHostile({ format: 'csv', data: bytes });
  const p = problems.find((x) => x.code === 'E0026');
  assert.ok(p, JSON.stringify(problems));
  assert.match(p.message, /0xE9/i);
  assert.equal(p.locations[0]?.range?.start.line, 1);
  assert.equal(p.locations[0]?.range?.start.character, 5);
});

test(
  'a UTF-16LE file with a BOM is read correctly although the configuration says utf-8 (the BOM wins)',
  guard,
  async () => {
    const text = 'ID,Note\r\n1,Zoë\r\n';
    const bytes = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
    const { result, problems } = await dryRunHostile({ format: 'csv', data: bytes });
    assert.deepEqual(codes(problems), []);
    assert.deepEqual(result?.cache.rows[0]?.values, ['1', 'Zoë']);
  },
);

test('NUL bytes in a utf-8 file end in E0026 that suggests utf-16', guard, async () => {
  const { problems } = await dryRunHostile({ format: 'csv', data: Buffer.from('I\0D\0,\0N\0o\0t\0e\0\n\0', 'latin1') });
  const p = problems.find((x) => x.code === 'E0026');
  assert.ok(p, JSON.stringify(problems));
  assert.match(p.message, /utf-16/i);
});

test('a 2 MiB line ends in E0042, not in memory growth', guard, async () => {
  const { problems } = await dryRunHostile({ format: 'csv', data: `ID,Note\n1,${'x'.repeat(2 * 1024 * 1024)}\n` });
  assert.ok(codes(problems).includes('E0042'), JSON.stringify(codes(problems)));
});

test('an XML entity bomb ends quickly in E0042', guard, async () => {
  const lol = ['<!ENTITY a "lollollollollollollollollollol">'];
  for (let i = 1; i < 10; i++) {
    const prev = String.fromCharCode(96 + i);
    const name = String.fromCharCode(97 + i);
    lol.push(`<!ENTITY ${name} "${`&${prev};`.repeat(10)}">`);
  }
  const xml = `<?xml version="1.0"?>\n<!DOCTYPE r [\n${lol.join('\n')}\n]>\n<r><s><ID>1</ID><Note>&j;</Note></s></r>\n`;
  const { problems } = await dryRunHostile({ format: 'xml', data: xml, recordPath: 'r.s', transformation: '$' });
  assert.ok(codes(problems).includes('E0042'), JSON.stringify(codes(problems)));
});

test('an XML external entity is refused with E0042 and never read', guard, async () => {
  const xml = `<?xml version="1.0"?>\n<!DOCTYPE r [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>\n<r><s><ID>1</ID><Note>&xxe;</Note></s></r>\n`;
  const { result, problems } = await dryRunHostile({
    format: 'xml',
    data: xml,
    recordPath: 'r.s',
    transformation: '$',
  });
  assert.ok(codes(problems).includes('E0042'));
  assert.doesNotMatch(JSON.stringify(result ?? {}), /root:/);
});

test('a YAML alias bomb in a configuration is E0042, and the workspace still loads', guard, async () => {
  const bomb = ['a: &a ["x","x","x","x","x","x","x","x","x"]'];
  for (let i = 1; i < 9; i++)
    bomb.push(`${'abcdefghi'[i]}: &${'abcdefghi'[i]} [${`*${'abcdefghi'[i - 1]},`.repeat(9).slice(0, -1)}]`);
  const { workspaceProblems } = await dryRunHostile({
    format: 'csv',
    data: 'ID,Note\n1,a\n',
    importText: bomb.join('\n'),
  });
  assert.ok(codes(workspaceProblems).includes('E0042'), JSON.stringify(codes(workspaceProblems)));
});

test('__proto__ columns and keys are plain data: rows survive and no prototype is polluted', guard, async () => {
  const csv = await dryRunHostile({ format: 'csv', data: 'ID,__proto__,Note\n1,{"polluted":true},a\n' });
  assert.equal(csv.result?.counts.rowsProcessed, 1);
  assert.deepEqual(csv.result?.cache.columns, ['ID', '__proto__', 'Note']);
  const json = await dryRunHostile({
    format: 'json',
    data: '[{"ID":"1","Note":"a","__proto__":{"polluted":true},"constructor":{"prototype":{"polluted":true}}}]',
    transformation: '$.{"ID": ID, "Note": Note}',
  });
  assert.equal(json.result?.counts.rowsProcessed, 1);
  assert.equal(({} as Record<string, unknown>).polluted, undefined);
  assert.equal(Object.prototype.hasOwnProperty.call(Object.prototype, 'polluted'), false);
});

test('a runaway JSONata transformation ends with E0012 and status Failed', guard, async () => {
  const { result, problems } = await dryRunHostile({
    format: 'csv',
    data: 'ID,Note\n1,a\n',
    transformation: '($f := function($x){ $f($x) }; $f(1))',
  });
  assert.ok(codes(problems).includes('E0012'), JSON.stringify(codes(problems)));
  assert.equal(result?.status, 'Failed');
});

test('a source path that escapes the SFTP root through a symlink is refused with E0027', guard, async () => {
  const root = makeWorkspace({ format: 'csv', data: 'ID,Note\n1,a\n' });
  writeFileSync(join(root, 'secret.csv'), 'ID,Note\n1,secret\n');
  symlinkSync(join(root, 'secret.csv'), join(root, 'sftp', 'link.csv'));
  writeFileSync(
    join(root, 'h.import.yaml'),
    'name: H\nalias: hostile\nsource:\n  type: sftp\n  file: link.csv\n  format: csv\n  dateFormat: yyyy-MM-dd\npersonMatching:\n  idColumn: ID\n  matchOn: localId\n',
  );
  const workspace = await loadWorkspace(nodeFileSystem, root);
  const run = await dryRunWorkspaceImport(nodeFileSystem, workspace, workspace.imports[0]!);
  assert.ok(run.ok);
  assert.deepEqual(codes(run.result.problems), ['E0027']);
  assert.doesNotMatch(JSON.stringify(run.result), /secret/);
});

test('a script payload in a cell is carried as text, unchanged, for the panels to escape', guard, async () => {
  const payload = '<img src=x onerror=alert(1)>';
  const { result } = await dryRunHostile({ format: 'csv', data: `ID,Note\n1,"${payload}"\n` });
  assert.deepEqual(result?.cache.rows[0]?.values, ['1', payload]);
  assert.equal(result?.plan[0]?.fields.find((f) => f.field === 'note')?.after, payload);
});
