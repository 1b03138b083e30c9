import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import Papa from 'papaparse';
import { nodeFileSystem } from '../../engine/src/io/nodeFileSystem';
import { profileImport } from '../../engine/src/profile';
import { countingFs, csvWorkspace, importOf, load, one, samplesRoot, tempWorkspace, textAt } from './helpers';

describe('profileImport on the samples', () => {
  it('profiles the iep-snapshot csv: columns in header order, every data row, inferred types', async () => {
    const workspace = await load(samplesRoot);
    const profile = await profileImport(nodeFileSystem, workspace, importOf(workspace, 'iep-snapshot'));
    // An independent parse of the file (papaparse directly, not through the Read stage).
    const text = readFileSync(join(samplesRoot, 'sftp/iep/iep_snapshot.csv'), 'utf8');
    const parsed = Papa.parse<string[]>(text, { skipEmptyLines: true });
    const [header, ...rows] = parsed.data;
    assert.deepEqual(
      profile.columns.map((c) => c.name),
      header,
    );
    assert.equal(profile.sourcePath, 'sftp/iep/iep_snapshot.csv');
    assert.equal(profile.rowsProfiled, rows.length);
    assert.equal(profile.truncated, false);
    assert.deepEqual(profile.problems, []);
    assert.equal(profile.detectedEncoding, undefined);
    const byName = new Map(profile.columns.map((c) => [c.name, c]));
    assert.equal(byName.get('IEPDate')?.inferredType, 'date');
    assert.ok(byName.get('IEPDate')?.fittingDateFormats.includes('yyyy-MM-dd'));
    assert.ok(!byName.get('IEPDate')?.fittingDateFormats.includes('M/d/yyyy'));
    assert.equal(byName.get('Svc_Speech')?.inferredType, 'boolean');
    assert.equal(byName.get('StateStudentID')?.inferredType, 'number');
    assert.equal(byName.get('CaseManager')?.inferredType, 'text');
    assert.deepEqual(
      profile.columns.map((c) => c.index),
      profile.columns.map((_, i) => i),
    );
    // values hold every non-blank cell of the column, in row order.
    assert.deepEqual(
      profile.values.StateStudentID,
      rows.map((r) => r[0]),
    );
    const notes = rows.map((r) => r[header?.indexOf('Notes') ?? -1] ?? '').filter((v) => v.trim() !== '');
    assert.deepEqual(profile.values.Notes, notes);
    assert.equal(byName.get('Notes')?.empty, rows.length - notes.length);
  });

  it('puts headerRange on each csv header cell of the sample', async () => {
    const workspace = await load(samplesRoot);
    const profile = await profileImport(nodeFileSystem, workspace, importOf(workspace, 'iep-snapshot'));
    const text = readFileSync(join(samplesRoot, 'sftp/iep/iep_snapshot.csv'), 'utf8');
    for (const column of profile.columns) {
      assert.equal(column.headerRange?.start.line, 0, column.name);
      assert.equal(textAt(text, column.headerRange), column.name);
    }
  });

  it('profiles a windows-1252 tsv with its configured encoding, header cells located', async () => {
    const workspace = await load(samplesRoot);
    const profile = await profileImport(nodeFileSystem, workspace, importOf(workspace, 'sis-nightly'));
    assert.equal(profile.detectedEncoding, undefined);
    const text = new TextDecoder('windows-1252').decode(
      readFileSync(join(samplesRoot, 'sftp/sis/students_nightly.tsv')),
    );
    const header = (text.split(/\r?\n/)[0] as string).split('\t');
    assert.deepEqual(
      profile.columns.map((c) => c.name),
      header,
    );
    for (const column of profile.columns) assert.equal(textAt(text, column.headerRange), column.name);
    const birthDate = profile.columns.find((c) => c.name === 'BirthDate');
    assert.equal(birthDate?.inferredType, 'date');
    assert.ok(birthDate?.fittingDateFormats.includes('M/d/yyyy'));
    assert.ok(
      profile.values.LastName?.some((v) => [...v].some((ch) => ch.charCodeAt(0) > 0x7f)),
      'accented names decoded',
    );
  });

  it('gives the columns the xml transformation outputs, with no header ranges', async () => {
    const workspace = await load(samplesRoot);
    const profile = await profileImport(nodeFileSystem, workspace, importOf(workspace, 'assessments'), {
      sampleRows: 50,
    });
    assert.deepEqual(
      profile.columns.map((c) => c.name),
      [
        'StateID',
        'Grade',
        'Window',
        'TestDate',
        'ReadingScale',
        'ReadingPercentile',
        'MathScale',
        'MathPercentile',
        'Accommodations',
        'Comment',
      ],
    );
    assert.equal(profile.rowsProfiled, 50);
    assert.equal(profile.truncated, true);
    assert.ok(profile.columns.every((c) => c.headerRange === undefined));
    const window = profile.columns.find((c) => c.name === 'Window');
    assert.deepEqual(new Set(window?.samples), new Set(['BOY', 'MOY', 'EOY']));
    assert.equal(profile.columns.find((c) => c.name === 'ReadingScale')?.inferredType, 'number');
    assert.deepEqual(profile.problems, []);
  });

  it('gives the columns the json transformation outputs (whole document, no recordPath)', async () => {
    const workspace = await load(samplesRoot);
    const profile = await profileImport(nodeFileSystem, workspace, importOf(workspace, 'emergency-contacts'), {
      sampleRows: 10,
    });
    assert.deepEqual(
      profile.columns.map((c) => c.name),
      ['StudentEmail', 'LastVerified', 'ContactNames', 'ContactRelationships', 'ContactPhones', 'PickupNotes'],
    );
    assert.equal(profile.rowsProfiled, 10);
    assert.equal(profile.truncated, true, 'the document holds more students than were profiled');
    assert.ok(
      profile.values.ContactNames?.some((v) => v.includes('\t')),
      'repeater columns join instances with tabs',
    );
  });
});

describe('profileImport statistics', () => {
  it('counts blanks, distinct values and samples, and infers types', async () => {
    const root = csvWorkspace();
    const workspace = await load(root);
    const profile = await profileImport(nodeFileSystem, workspace, importOf(workspace, 'roster'));
    assert.equal(profile.rowsProfiled, 4);
    const stats = Object.fromEntries(
      profile.columns.map((c) => [
        c.name,
        {
          empty: c.empty,
          distinct: c.distinct,
          samples: c.samples,
          type: c.inferredType,
          dates: c.fittingDateFormats,
        },
      ]),
    );
    assert.deepEqual(stats, {
      StudentID: { empty: 0, distinct: 4, samples: ['001', '002', '003', '004'], type: 'number', dates: [] },
      Name: { empty: 1, distinct: 3, samples: ['Ana', 'Ben', 'Dee'], type: 'text', dates: [] },
      BirthDate: {
        empty: 1,
        distinct: 3,
        samples: ['2015-03-04', '2014-11-30', '2014-01-02'],
        type: 'date',
        dates: ['yyyy-MM-dd', 'yyyy-M-d'],
      },
      Grade: { empty: 0, distinct: 4, samples: ['K', '1', 'kindergarten', '2'], type: 'text', dates: [] },
      Active: { empty: 1, distinct: 2, samples: ['true', 'FALSE'], type: 'boolean', dates: [] },
    });
    assert.deepEqual(profile.values.Name, ['Ana', 'Ben', 'Dee']);
  });

  it('locates header cells exactly: BOM not counted, quotes, CRLF, a blank first line, tsv', async () => {
    const csv = '\r\n"Student ID",Name,"Birth ""Date""",  Padded  \r\n1,A,2020-01-01,x\r\n';
    const root = csvWorkspace({
      'sftp/roster.csv': new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode(csv)]),
    });
    const workspace = await load(root);
    const profile = await profileImport(nodeFileSystem, workspace, importOf(workspace, 'roster'));
    const ranges = profile.columns.map((c) => [c.name, c.headerRange]);
    assert.deepEqual(ranges, [
      ['Student ID', { start: { line: 1, character: 1 }, end: { line: 1, character: 11 } }],
      ['Name', { start: { line: 1, character: 13 }, end: { line: 1, character: 17 } }],
      ['Birth "Date"', { start: { line: 1, character: 19 }, end: { line: 1, character: 33 } }],
      ['  Padded  ', { start: { line: 1, character: 35 }, end: { line: 1, character: 45 } }],
    ]);

    const tsvRoot = tempWorkspace({
      'imports/t.import.yaml':
        'name: T\nalias: t\nsource:\n  type: sftp\n  file: t.tsv\n  format: tsv\n  dateFormat: M/d/yyyy\npersonMatching:\n  idColumn: Id\n  matchOn: localId\n',
      'sftp/t.tsv': 'Id\tZoë Name\t"Quoted, Tab"\n1\tx\ty\n',
    });
    const tsvWorkspace = await load(tsvRoot);
    const tsv = await profileImport(nodeFileSystem, tsvWorkspace, importOf(tsvWorkspace, 't'));
    const text = readFileSync(join(tsvRoot, 'sftp/t.tsv'), 'utf8');
    assert.deepEqual(
      tsv.columns.map((c) => textAt(text, c.headerRange)),
      ['Id', 'Zoë Name', 'Quoted, Tab'],
    );
    assert.equal(tsv.columns[2]?.headerRange?.start.character, 13);
  });

  it('stops early on a big file: reads a few chunks, closes the file, says it is truncated', async () => {
    const rows = ['StudentID,Name,BirthDate,Grade,Active'];
    for (let i = 0; i < 200_000; i++) rows.push(`${i},Name ${i},2015-03-04,K,true`);
    const root = csvWorkspace({ 'sftp/roster.csv': `${rows.join('\n')}\n` });
    const size = readFileSync(join(root, 'sftp/roster.csv')).length;
    assert.ok(size > 5_000_000);
    const workspace = await load(root);
    const fs = countingFs();
    const profile = await profileImport(fs, workspace, importOf(workspace, 'roster'), { sampleRows: 100 });
    assert.equal(profile.rowsProfiled, 100);
    assert.equal(profile.truncated, true);
    assert.deepEqual(profile.values.StudentID?.slice(-1), ['99']);
    assert.ok(fs.bytesRead < 400 * 1024, `read ${fs.bytesRead} bytes of ${size}`);
    assert.equal(fs.opened, fs.closed, 'every stream opened was closed');
  });

  it('reports a missing source file as E0001 without throwing', async () => {
    const root = csvWorkspace();
    const workspace = await load(root);
    const doc = importOf(workspace, 'roster');
    const missing = { ...doc, value: { ...doc.value!, source: { ...doc.value!.source, file: 'nope.csv' } } };
    const profile = await profileImport(nodeFileSystem, workspace, missing);
    assert.deepEqual(profile.columns, []);
    assert.equal(profile.rowsProfiled, 0);
    const p = one(profile.problems, 'E0001');
    assert.match(p.message, /nope\.csv/);
    assert.equal(p.locations[0]?.file, 'sftp/nope.csv');
  });

  it('keeps the rows read before a problem that stops reading (duplicate headers give none)', async () => {
    const root = csvWorkspace({ 'sftp/roster.csv': 'StudentID,Name,Name\n1,a,b\n' });
    const workspace = await load(root);
    const profile = await profileImport(nodeFileSystem, workspace, importOf(workspace, 'roster'));
    one(profile.problems, 'E0003');
    assert.deepEqual(profile.columns, []);
  });

  it('reports transformation errors as problems: a syntax error (E0011) and a failing record (E0012)', async () => {
    const base = csvWorkspace();
    const importText = readFileSync(join(base, 'imports/roster.import.yaml'), 'utf8');
    const broken = csvWorkspace({
      'imports/roster.import.yaml': `${importText}transformation:\n  expression: '{"a": Name'\n`,
    });
    const ws1 = await load(broken);
    const p1 = await profileImport(nodeFileSystem, ws1, importOf(ws1, 'roster'));
    const syntax = one(p1.problems, 'E0011');
    assert.equal(syntax.locations[0]?.file, 'imports/roster.import.yaml');
    assert.ok(syntax.locations[0]?.range, 'placed inside the expression');
    assert.deepEqual(p1.columns, []);

    const failing = csvWorkspace({
      'imports/roster.import.yaml': `${importText}transformation:\n  expression: '{"Id": StudentID, "G": $number(Grade)}'\n`,
    });
    const ws2 = await load(failing);
    const p2 = await profileImport(nodeFileSystem, ws2, importOf(ws2, 'roster'));
    // Grade K and kindergarten are not numbers: rows 1 and 3 fail, rows 2 and 4 give a row each.
    assert.deepEqual(
      p2.problems.map((p) => [p.code, p.locations[0]?.file, p.locations[0]?.row]),
      [
        ['E0012', 'sftp/roster.csv', 1],
        ['E0012', 'sftp/roster.csv', 3],
      ],
    );
    assert.equal(p2.rowsProfiled, 2);
    assert.deepEqual(
      p2.columns.map((c) => c.name),
      ['Id', 'G'],
    );
    assert.deepEqual(p2.values.G, ['1', '2']);
  });

  it('rejects when aborted, and reads nothing more', async () => {
    const root = csvWorkspace();
    const workspace = await load(root);
    const controller = new AbortController();
    controller.abort(new Error('stop'));
    await assert.rejects(
      profileImport(nodeFileSystem, workspace, importOf(workspace, 'roster'), { signal: controller.signal }),
      /stop/,
    );
  });
});

describe('profileImport encodings', () => {
  it('detects windows-1252 bytes in a file configured as utf-8 and profiles it anyway', async () => {
    const bytes = new Uint8Array([
      ...new TextEncoder().encode('StudentID,Name,BirthDate,Grade,Active\n1,Mu'),
      0xf1,
      ...new TextEncoder().encode('oz,2015-03-04,K,true\n'),
    ]);
    const root = csvWorkspace({ 'sftp/roster.csv': bytes });
    const workspace = await load(root);
    const profile = await profileImport(nodeFileSystem, workspace, importOf(workspace, 'roster'));
    assert.equal(profile.detectedEncoding, 'windows-1252');
    assert.deepEqual(profile.values.Name, ['Muñoz']);
    const p = one(profile.problems, 'E0026');
    assert.equal(p.locations[0]?.file, 'sftp/roster.csv');
  });

  it('detects a utf-8 file configured as windows-1252 (which never fails to decode)', async () => {
    const root = csvWorkspace({
      'sftp/roster.csv': 'StudentID,Name,BirthDate,Grade,Active\n1,Zoë,2015-03-04,K,true\n',
    });
    const text = readFileSync(join(root, 'imports/roster.import.yaml'), 'utf8').replace(
      'encoding: utf-8',
      'encoding: windows-1252',
    );
    const { writeFileSync } = await import('node:fs');
    writeFileSync(join(root, 'imports/roster.import.yaml'), text);
    const workspace = await load(root);
    const profile = await profileImport(nodeFileSystem, workspace, importOf(workspace, 'roster'));
    assert.equal(profile.detectedEncoding, 'utf-8');
    assert.deepEqual(profile.values.Name, ['ZoÃ«'], 'profiled as the run would read it');
    assert.deepEqual(profile.problems, []);
  });
});
