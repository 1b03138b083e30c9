/**
 * The csv reader with each candidate tokenizer inside it, on one generated file, in one run.
 *
 *   node --import tsx bench/read-csv.ts [--rows 1000000] [--runs 3]
 *
 * Generates bench/data/students-<rows>.csv (git-ignored; 12 columns, ~1 % of rows with quoted
 * commas, doubled quotes or newlines) if missing, then runs every variant `runs` times, each in a
 * fresh process (so peak RSS is the variant's own: process.resourceUsage().maxRSS), and prints
 * the median wall time, MB/s, rows/s and peak RSS as a markdown table (docs/performance.md).
 *
 * Variants: `raw` = read + decode + split lines (not quote-aware: the floor), then openSource with
 * the csv-parse, papaparse and udsv tokenizers; every reader variant builds the same row objects
 * and must return the same number of rows.
 */
import { closeSync, existsSync, mkdirSync, openSync, statSync, writeSync } from 'node:fs';
import { basename, join } from 'node:path';
import { Parser as CsvParseParser } from 'csv-parse';
import { inferSchema, initParser } from 'udsv';
import { arg, dataDir, runVariant } from './childRuns';
import { nodeFileSystem } from '../engine/src/io/nodeFileSystem';
import { type CsvTokenizer, type CsvTokenizerFactory, openSource } from '../engine/src/read';
import { decodeText } from '../engine/src/read/decode';

/** Writes the test file in 10,000-row blocks (memory stays small). Deterministic: same rows every time. */
export function generateCsv(rows: number): string {
  const path = join(dataDir, `students-${rows}.csv`);
  if (existsSync(path)) return path;
  mkdirSync(dataDir, { recursive: true });
  const fd = openSync(path, 'w');
  writeSync(fd, 'StudentID,FirstName,LastName,DOB,Grade,School,Email,Score,Status,Notes,City,Zip\n');
  const first = ['Ann', 'Bo', 'Cy', 'Dee', 'Eli', 'Fay', 'Gus', 'Hal', 'Ivy', 'Jo'];
  const last = ['Garcia', 'Smith', 'Nguyen', 'Okafor', 'Müller', 'Kowalski', 'Rossi', 'Tanaka'];
  let seed = 42;
  const rand = (n: number): number => {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    return seed % n;
  };
  const block: string[] = [];
  for (let i = 1; i <= rows; i++) {
    const f = first[rand(first.length)] as string;
    const l = last[rand(last.length)] as string;
    let notes = `note ${rand(1000)}`;
    const special = rand(100) === 0;
    if (special) {
      const kind = rand(3);
      notes = kind === 0 ? `"Late, excused"` : kind === 1 ? `"Said ""hi"" twice"` : `"Line one\nline two"`;
    }
    block.push(
      `${100000 + i},${f},${l},20${10 + rand(10)}-0${1 + rand(9)}-1${rand(10)},${rand(13)},School ${rand(40)},` +
        `${f.toLowerCase()}.${i}@example.org,${rand(101)},${rand(2) ? 'active' : 'inactive'},${notes},City ${rand(200)},${10000 + rand(89999)}\n`,
    );
    if (block.length === 10_000) {
      writeSync(fd, block.join(''));
      block.length = 0;
    }
  }
  writeSync(fd, block.join(''));
  closeSync(fd);
  return path;
}

/** udsv: its chunk API keeps the first callback for the whole stream, so the callback is fixed and reads a mutable target. */
const udsvTokenizer: CsvTokenizerFactory = (delimiter) => {
  let parser: ReturnType<typeof initParser> | undefined;
  let target: (cells: string[]) => void = () => {};
  const onRow = (row: string[]): void => {
    target(row);
  };
  const tokenizer: CsvTokenizer = {
    write(text, emit) {
      target = emit;
      if (!parser) {
        parser = initParser(
          inferSchema(text.slice(0, 64 * 1024), { col: delimiter, row: '\n', encl: '"', header: () => [] }),
        );
      }
      parser.chunk<string[]>(text, parser.stringArrs, onRow);
    },
    end(emit) {
      target = emit;
      parser?.end();
    },
    pending: 0,
  };
  return tokenizer;
};

interface CsvParseApi {
  parse(buf: Buffer | undefined, end: boolean, push: (record: string[]) => void, close: () => void): Error | undefined;
}

const csvParseTokenizer: CsvTokenizerFactory = (delimiter) => {
  const api = (
    new CsvParseParser({
      delimiter,
      relax_column_count: true,
      skip_empty_lines: false,
      relax_quotes: false,
    }) as unknown as {
      api: CsvParseApi;
    }
  ).api;
  let target: (cells: string[]) => void = () => {};
  const push = (record: string[]): void => target(record);
  return {
    write(text, emit) {
      target = emit;
      const error = api.parse(Buffer.from(text), false, push, () => {});
      if (error) throw error;
    },
    end(emit) {
      target = emit;
      const error = api.parse(undefined, true, push, () => {});
      if (error) throw error;
    },
    pending: 0,
  };
};

const tokenizers: Record<string, CsvTokenizerFactory | undefined> = {
  'csv-parse': csvParseTokenizer,
  papaparse: undefined,
  udsv: udsvTokenizer,
};

/** One measured run, in this process: prints a JSON line. */
async function child(variant: string, path: string): Promise<void> {
  const started = performance.now();
  let rows = 0;
  let touched = 0;
  if (variant === 'raw') {
    const texts = decodeText(nodeFileSystem.readStream(path), {
      encoding: 'utf-8',
      file: path,
      reread: () => nodeFileSystem.readStream(path),
    });
    let rest = '';
    for await (const text of texts) {
      const buf = rest + text;
      let start = 0;
      for (let nl = buf.indexOf('\n'); nl !== -1; nl = buf.indexOf('\n', start)) {
        touched += nl - start;
        start = nl + 1;
        rows++;
      }
      rest = buf.slice(start);
    }
    rows--; // the header
  } else {
    const tokenizer = tokenizers[variant];
    const reader = await openSource(nodeFileSystem, {
      sftpRoot: dataDir,
      source: { type: 'sftp', file: basename(path), format: 'csv', dateFormat: 'yyyy-MM-dd' },
      ...(tokenizer ? { csvTokenizer: tokenizer } : {}),
    });
    for await (const record of reader.records) {
      rows++;
      touched += (record.value.StudentID as string).length;
    }
  }
  const seconds = (performance.now() - started) / 1000;
  process.stdout.write(
    `${JSON.stringify({ variant, seconds, rows, touched, maxRssMb: process.resourceUsage().maxRSS / 1024 })}\n`,
  );
}

async function main(): Promise<void> {
  const variantAt = process.argv.indexOf('--child');
  if (variantAt !== -1) {
    await child(process.argv[variantAt + 1] as string, process.argv[variantAt + 2] as string);
    return;
  }
  const rows = arg('rows', 1_000_000);
  const runs = arg('runs', 3);
  const path = generateCsv(rows);
  const megabytes = statSync(path).size / 1e6;
  console.log(
    `file: ${path} (${megabytes.toFixed(1)} MB, ${rows} rows), ${runs} runs per variant, Node ${process.version}`,
  );
  console.log('| variant | median s | MB/s | rows/s | peak RSS MB | rows read |');
  console.log('|---|---|---|---|---|---|');
  for (const variant of ['raw', 'csv-parse', 'papaparse', 'udsv']) {
    const { median, rss, count: n } = runVariant(__filename, variant, path, runs);
    console.log(
      `| ${variant} | ${median.toFixed(2)} | ${(megabytes / median).toFixed(0)} | ${(n / median / 1e6).toFixed(2)} M | ${rss.toFixed(0)} | ${n} |`,
    );
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
