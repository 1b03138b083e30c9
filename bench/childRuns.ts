/**
 * Shared by the read benchmarks: command-line options, and running one variant several times, each
 * in a fresh process (`<script> --child <variant> <file>`), so that peak RSS is the variant's own.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { buildSync } from 'esbuild';

/** `--data DIR` puts the generated files elsewhere (bench/data is shared with other benchmarks). */
const dataAt = process.argv.indexOf('--data');
export const dataDir = dataAt === -1 ? resolve(__dirname, 'data') : resolve(process.argv[dataAt + 1] as string);

export function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  return i === -1 ? fallback : Number(process.argv[i + 1]);
}

/** What a child prints last: its time, how many rows or records it read, its peak RSS. */
interface ChildResult {
  seconds: number;
  rows?: number;
  records?: number;
  maxRssMb: number;
}

const bundles = new Map<string, string>();

/**
 * The script bundled as the product is (esbuild, one file): run through tsx, every call of an
 * imported function goes through a module getter, which cost the engine's own scanner ~0.17 s of
 * 1.5 s per 1M rows and the libraries (called inside their own module) nothing.
 */
function bundled(script: string): string {
  const known = bundles.get(script);
  if (known) return known;
  // Inside node_modules, so the bundle's one external (esbuild) resolves as from the script.
  const dir = resolve(__dirname, '../node_modules/.cache/bench');
  mkdirSync(dir, { recursive: true });
  const outfile = join(dir, `${basename(script, '.ts')}.cjs`);
  buildSync({
    entryPoints: [script],
    bundle: true,
    platform: 'node',
    format: 'cjs',
    outfile,
    external: ['esbuild'],
    logLevel: 'warning',
  });
  bundles.set(script, outfile);
  return outfile;
}

/** Median time, highest peak RSS and the count read, over `runs` fresh processes of one variant. */
export function runVariant(
  script: string,
  variant: string,
  path: string,
  runs: number,
): { median: number; rss: number; count: number } {
  const results: ChildResult[] = [];
  for (let i = 0; i < runs; i++) {
    const out = spawnSync(process.execPath, [bundled(script), '--child', variant, path, '--data', dataDir], {
      encoding: 'utf8',
    });
    if (out.status !== 0) throw new Error(`${variant} failed: ${out.stderr}`);
    results.push(JSON.parse(out.stdout.trim().split('\n').at(-1) as string) as ChildResult);
  }
  const times = results.map((r) => r.seconds).sort((a, b) => a - b);
  return {
    median: times[Math.floor(times.length / 2)] as number,
    rss: Math.max(...results.map((r) => r.maxRssMb)),
    count: results[0]?.rows ?? results[0]?.records ?? 0,
  };
}
