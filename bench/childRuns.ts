/**
 * Shared by the read benchmarks: command-line options, and running one variant several times, each
 * in a fresh process (`<script> --child <variant> <file>`), so that peak RSS is the variant's own.
 */
import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';

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

/** Median time, highest peak RSS and the count read, over `runs` fresh processes of one variant. */
export function runVariant(
  script: string,
  variant: string,
  path: string,
  runs: number,
): { median: number; rss: number; count: number } {
  const results: ChildResult[] = [];
  for (let i = 0; i < runs; i++) {
    const out = spawnSync(process.execPath, ['--import', 'tsx', script, '--child', variant, path, '--data', dataDir], {
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
