/**
 * The xml reader (saxes, streaming) against fast-xml-parser (the design card's choice; it has no
 * streaming mode, so the whole file is read into a string and parsed), on one generated file.
 *
 *   node --import tsx bench/read-xml.ts [--records 200000] [--runs 3] [--fxp-runs 1]
 *
 * Generates bench/data/results-<records>.xml (git-ignored; ~650 bytes per record: attributes,
 * nested and repeated elements, CDATA, entities) if missing; each run is a fresh process, peak RSS
 * from process.resourceUsage().maxRSS. fast-xml-parser runs once by default: it needs ~2 GB.
 */
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, statSync, writeSync } from 'node:fs';
import { basename, join } from 'node:path';
import { XMLParser } from 'fast-xml-parser';
import { arg, dataDir, runVariant } from './childRuns';
import { nodeFileSystem } from '../engine/src/io/nodeFileSystem';
import { openSource } from '../engine/src/read';

export function generateXml(records: number): string {
  const path = join(dataDir, `results-${records}.xml`);
  if (existsSync(path)) return path;
  mkdirSync(dataDir, { recursive: true });
  const fd = openSync(path, 'w');
  writeSync(
    fd,
    '<?xml version="1.0" encoding="UTF-8"?>\n<AssessmentResults district="North &amp; South" year="2025">\n',
  );
  const block: string[] = [];
  for (let i = 1; i <= records; i++) {
    block.push(
      `  <Student id="${100000 + i}" localId="L${i}" status="${i % 7 ? 'active' : 'inactive'}">\n` +
        `    <Name><First>First${i}</First><Last>Last &amp; ${i % 97}</Last></Name>\n` +
        `    <DOB>20${10 + (i % 10)}-0${1 + (i % 9)}-1${i % 10}</DOB><Grade>${i % 13}</Grade>\n` +
        `    <School code="S${i % 40}">School number ${i % 40}</School>\n` +
        `    <Email>student.${i}@example.org</Email>\n` +
        `    <Scores><Score subject="math" scale="1-100">${i % 101}</Score><Score subject="ela" scale="1-100">${(i * 7) % 101}</Score>` +
        `<Score subject="science" scale="1-100">${(i * 3) % 101}</Score></Scores>\n` +
        `    <Comment><![CDATA[Needs <review> & follow-up ${i % 50}]]></Comment>\n` +
        `    <Contacts><Contact type="parent"><Name>Parent ${i}</Name><Phone>555-${String(i % 10000).padStart(4, '0')}</Phone></Contact>` +
        `<Contact type="guardian"><Name>Guardian ${i}</Name><Phone>555-${String((i * 3) % 10000).padStart(4, '0')}</Phone></Contact></Contacts>\n` +
        `    <Accommodations>extended time &gt; 30 min; &quot;quiet room&quot;</Accommodations>\n` +
        `  </Student>\n`,
    );
    if (block.length === 5_000) {
      writeSync(fd, block.join(''));
      block.length = 0;
    }
  }
  writeSync(fd, `${block.join('')}</AssessmentResults>\n`);
  closeSync(fd);
  return path;
}

async function child(variant: string, path: string): Promise<void> {
  const started = performance.now();
  let records = 0;
  if (variant === 'saxes') {
    const reader = await openSource(nodeFileSystem, {
      sftpRoot: dataDir,
      source: {
        type: 'sftp',
        file: basename(path),
        format: 'xml',
        dateFormat: 'yyyy-MM-dd',
        recordPath: 'AssessmentResults.Student',
      },
    });
    for await (const record of reader.records) if (record.value['@id']) records++;
  } else {
    const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@' });
    const document = parser.parse(readFileSync(path, 'utf8')) as { AssessmentResults: { Student: unknown[] } };
    records = document.AssessmentResults.Student.length;
  }
  const seconds = (performance.now() - started) / 1000;
  process.stdout.write(
    `${JSON.stringify({ variant, seconds, records, maxRssMb: process.resourceUsage().maxRSS / 1024 })}\n`,
  );
}

async function main(): Promise<void> {
  const childAt = process.argv.indexOf('--child');
  if (childAt !== -1) {
    await child(process.argv[childAt + 1] as string, process.argv[childAt + 2] as string);
    return;
  }
  const count = arg('records', 200_000);
  const path = generateXml(count);
  const megabytes = statSync(path).size / 1e6;
  console.log(`file: ${path} (${megabytes.toFixed(1)} MB, ${count} records), Node ${process.version}`);
  console.log('| variant | runs | median s | MB/s | records/s | peak RSS MB | records |');
  console.log('|---|---|---|---|---|---|---|');
  for (const [variant, runs] of [
    ['saxes', arg('runs', 3)],
    ['fast-xml-parser', arg('fxp-runs', 1)],
  ] as const) {
    const { median, rss, count: n } = runVariant(__filename, variant, path, runs);
    console.log(
      `| ${variant} | ${runs} | ${median.toFixed(2)} | ${(megabytes / median).toFixed(0)} | ${(n / median / 1000).toFixed(0)} k | ${rss.toFixed(0)} | ${n} |`,
    );
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
