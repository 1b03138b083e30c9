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
 * Variants: `raw` = read + decode + split lines (not quote-aware: the floor); `csv-parse`,
 * `papaparse`, `udsv` and `scanner` (the engine's) = the bare tokenizer over the decoded text, a
 * string per cell; `reader` = the engine's Read stage (scanner, line numbers, bounds, records) as
 * the dry run iterates it. Every variant but `raw` must count the same rows.
 */
import { closeSync, existsSync, mkdirSync, openSync, statSync, writeSync } from 'node:fs';
import { basename, join } from 'node:path';
import { arg, dataDir, runVariant } from './childRuns';
import { nodeFileSystem } from '../engine/src/io/nodeFileSystem';
import { CsvScanner, cellText, openSource, RowTape } from '../engine/src/read';
import { tokenizers } from './csvTokenizers';
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
  } else if (variant === 'reader') {
    // The engine's Read stage as the dry run uses it: scanner, lines, bounds, records.
    const reader = await openSource(nodeFileSystem, {
      sftpRoot: dataDir,
      source: { type: 'sftp', file: basename(path), format: 'csv', dateFormat: 'yyyy-MM-dd' },
    });
    for await (const batch of reader.batches ?? []) {
      for (const record of batch) {
        rows++;
        touched += (record.cells?.[0] ?? '').length;
      }
    }
  } else {
    // A bare tokenizer over the decoded text, every cell a string: the libraries and the scanner alike.
    const texts = decodeText(nodeFileSystem.readStream(path, { chunkSize: 256 * 1024 }), {
      encoding: 'utf-8',
      file: path,
      reread: () => nodeFileSystem.readStream(path),
    });
    const emit = (cells: string[]): void => {
      rows++;
      touched += (cells[0] as string).length;
    };
    if (variant === 'scanner') {
      const scanner = new CsvScanner(',');
      const tape = new RowTape();
      const cellsOf = (text: string): void => {
        let k = 0;
        for (let r = 0; r < tape.rows; r++) {
          const n = tape.data[k + 3] as number;
          const cells = new Array<string>(n);
          for (let c = 0; c < n; c++) cells[c] = cellText(text, tape.data[k + 4 + 2 * c]!, tape.data[k + 5 + 2 * c]!);
          emit(cells);
          k += 4 + 2 * n;
        }
      };
      let pending = '';
      for await (const chunk of texts) {
        const text = pending + chunk;
        const rest = scanner.scan(text, false, tape);
        cellsOf(text);
        pending = text.slice(rest);
      }
      scanner.scan(pending, true, tape);
      cellsOf(pending);
    } else {
      const tokenizer = (tokenizers[variant] as (typeof tokenizers)[string])(',');
      for await (const text of texts) tokenizer.write(text, emit);
      tokenizer.end(emit);
    }
    rows--; // the header
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
  for (const variant of ['raw', 'csv-parse', 'papaparse', 'udsv', 'scanner', 'reader']) {
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
