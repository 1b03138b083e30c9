/**
 * `npm run bench`: the engine's speed and memory targets (issue 3), measured in one run so ratios
 * compare like with like. Every measurement is a fresh process; figures are medians of --runs
 * (default 3). Generated data goes to bench/data/ (ignored by git) and is reused when present.
 *
 *   npm run bench                 # 100k and 1M CSV, 200k XML, preview
 *
 * The reference read and the csv dry runs run in rounds (reference, 1M, 100k, then again), so the
 * machine's slow and fast minutes fall on them alike; the ratio is also given round by round.
 *   npm run bench -- --runs 5 --rows10m   # also 10M rows, for the flat-memory check (slow)
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = join(import.meta.dirname, '..');
const data = join(root, 'bench', 'data');
const runs = Number(argValue('--runs') ?? 3);

function argValue(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

interface Sample {
  ms: number;
  rssMb: number;
  stdout: string;
}

/** Runs `node [args]` once in a fresh process; wall time and peak RSS. */
function measure(args: string[]): Sample {
  const dir = mkdtempSync(join(tmpdir(), 'bench-'));
  const rssFile = join(dir, 'rss');
  const started = performance.now();
  const child = spawnSync(process.execPath, ['--require', join(root, 'bench', 'rss.cjs'), ...args], {
    cwd: root,
    env: { ...process.env, BENCH_RSS_FILE: rssFile },
    encoding: 'utf8',
    maxBuffer: 1 << 28,
  });
  const ms = performance.now() - started;
  if (child.status !== 0 && child.status !== 1) throw new Error(`node ${args.join(' ')} failed: ${child.stderr}`);
  const rssMb = Number(readFileSync(rssFile, 'utf8')) / 1024;
  rmSync(dir, { recursive: true });
  return { ms, rssMb, stdout: child.stdout };
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

interface Repeated {
  ms: number;
  rssMb: number;
  last: Sample;
  samples: Sample[];
}

/**
 * Runs the commands in turn, `runs` rounds (A B C, A B C, ...), so that a slow period of the machine
 * (its speed swings by a third from one minute to another) falls on every command alike, and a ratio
 * of two commands can be taken round by round.
 */
function rounds(commands: string[][]): Repeated[] {
  const samples: Sample[][] = commands.map(() => []);
  for (let r = 0; r < runs; r++) commands.forEach((args, i) => samples[i]!.push(measure(args)));
  return samples.map((s) => ({
    ms: median(s.map((x) => x.ms)),
    rssMb: median(s.map((x) => x.rssMb)),
    last: s.at(-1)!,
    samples: s,
  }));
}

/** The worst of the runs, for targets that every run should meet. */
function worst(r: Repeated): string {
  const ms = Math.max(...r.samples.map((x) => x.ms));
  const mb = Math.max(...r.samples.map((x) => x.rssMb));
  return `slowest run ${(ms / 1000).toFixed(2)} s, highest peak ${Math.round(mb)} MB`;
}

function repeat(args: string[]): Repeated {
  return rounds([args])[0]!;
}

/** Generates a data file and its workspace with scripts/generate-large.ts unless it exists. */
function generate(kind: 'csv' | 'xml', count: number, name: string): { file: string; config: string } {
  const dir = join(data, name);
  const file = join(dir, kind === 'csv' ? 'students.csv' : 'students.xml');
  if (!existsSync(file)) {
    const flag = kind === 'csv' ? '--rows' : '--records';
    const gen = spawnSync(
      process.execPath,
      ['--import', 'tsx', 'scripts/generate-large.ts', kind, flag, String(count), '--out', file],
      { cwd: root, stdio: 'inherit' },
    );
    if (gen.status !== 0) throw new Error(`generating ${file} failed`);
  }
  const imports = join(dir, 'imports');
  const config = readdirFirst(imports);
  return { file, config };
}

function readdirFirst(dir: string): string {
  const found = spawnSync('ls', [dir], { encoding: 'utf8' })
    .stdout.split('\n')
    .find((n) => n.endsWith('.import.yaml'));
  if (!found) throw new Error(`no import configuration in ${dir}`);
  return join(dir, found);
}

const build = spawnSync(process.execPath, ['esbuild.mjs', '--production'], { cwd: root, stdio: 'inherit' });
if (build.status !== 0) process.exit(2);
const cli = join(root, 'dist', 'cli.js');

const results: string[] = [];
const row = (what: string, ms: number, rssMb: number | undefined, note = '') =>
  results.push(
    `| ${what} | ${(ms / 1000).toFixed(2)} s | ${rssMb === undefined ? '–' : `${Math.round(rssMb)} MB`} | ${note} |`,
  );

const csv100k = generate('csv', 100_000, 'csv-100k');
const csv1m = generate('csv', 1_000_000, 'csv-1m');
const xml200k = generate('xml', 200_000, 'xml-200k');
const sizeMb = (f: string) => (statSync(f).size / 1e6).toFixed(0);

const [reference, dry1m, dry100k] = rounds([
  [join(root, 'bench', 'reference-read.mjs'), csv1m.file],
  [cli, 'dry-run', csv1m.config, '--json'],
  [cli, 'dry-run', csv100k.config, '--json'],
]) as [Repeated, Repeated, Repeated];
/** The ratio in each round (the reference and the dry run measured a few seconds apart), then its median. */
const roundRatio = median(dry1m.samples.map((s, i) => s.ms / reference.samples[i]!.ms));
const counts = JSON.parse(dry1m.last.stdout).counts as { rowsProcessed: number; rowsWithErrors: number };
row(`reference: read + decode + split lines, 1M-row CSV (${sizeMb(csv1m.file)} MB)`, reference.ms, reference.rssMb);
row(
  `dry run, 1M rows × 12 columns, 10 mapped fields`,
  dry1m.ms,
  dry1m.rssMb,
  `${counts.rowsProcessed.toLocaleString('en-US')} rows, ${counts.rowsWithErrors} with errors; target ≤ 2.0 s, ≤ 250 MB; ${worst(dry1m)}`,
);
row(`dry run, 100k rows`, dry100k.ms, dry100k.rssMb, 'for the flat-memory check');
const csv10m = process.argv.includes('--rows10m') ? generate('csv', 10_000_000, 'csv-10m') : undefined;
const dry10m = csv10m && repeat([cli, 'dry-run', csv10m.config, '--json']);
if (dry10m) row('dry run, 10M rows', dry10m.ms, dry10m.rssMb, 'for the flat-memory check');
const xml = repeat([cli, 'dry-run', xml200k.config, '--json']);
row(
  `dry run, 200k-record XML (${sizeMb(xml200k.file)} MB)`,
  xml.ms,
  xml.rssMb,
  `target ≤ 4 s, ≤ 250 MB; ${worst(xml)}`,
);
/** The first 100 rows of a file: the same target for any size, so the 10M file is measured too when present. */
function preview(name: string, config: string): void {
  const previews = Array.from({ length: runs }, () => {
    const s = measure(['--import', 'tsx', join(root, 'bench', 'preview.ts'), config]);
    return JSON.parse(s.stdout) as { loadMs: number; previewMs: number; rows: number };
  });
  results.push(
    `| first 100 processed rows of the ${name} file (in process, after loading the workspace) | ${median(previews.map((p) => p.previewMs)).toFixed(0)} ms | – | target ≤ 150 ms; loading the workspace and its 100k-person sandbox took ${median(previews.map((p) => p.loadMs)).toFixed(0)} ms |`,
  );
}
preview('1M-row', csv1m.config);
if (csv10m) preview('10M-row', csv10m.config);

console.log(
  `\nMedians of ${runs} fresh-process runs, ${new Date().toISOString().slice(0, 10)}, node ${process.version}\n`,
);
console.log('| measure | median | peak RSS | notes |\n| --- | --- | --- | --- |');
console.log(results.join('\n'));
console.log(
  `\nratio dry run / reference (1M rows): ${(dry1m.ms / reference.ms).toFixed(2)}× of the medians, ` +
    `${roundRatio.toFixed(2)}× median of the rounds' ratios (target ≤ 4.5×)`,
);
console.log(`peak RSS 1M / 100k: ${(dry1m.rssMb / dry100k.rssMb).toFixed(2)}× (flat = about 1)`);
if (dry10m) console.log(`peak RSS 10M / 100k: ${(dry10m.rssMb / dry100k.rssMb).toFixed(2)}×`);
