// Issue 7's playground figures, a benchmark and not a test (`npm run build` first):
//   * cold starts: a fresh browser context per load (empty cache), the page's performance marks
//     (client/playground/marks.ts) and the median time from navigation to the first diagnostics;
//   * the worker's `textDocument/diagnostic` round trip for an open sample (median of the loads' medians);
//   * the bundle sizes, raw and gzip: the playground's and the extension's own.
// `npm run bench:playground [-- --loads 7]`. docs/playground.md records the figures.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { chromium } from 'playwright-core';

const root = join(fileURLToPath(import.meta.url), '..', '..');
const loadsArg = process.argv.indexOf('--loads');
const loads = Number(loadsArg >= 0 ? process.argv[loadsArg + 1] : 7);
const roundTrips = 9;
const openedSample = 'mappings/iep-snapshot.mapping.yaml';

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

const { servePlayground } = await import(join(root, 'scripts', 'serve-playground.mjs'));
const server = await servePlayground({ root: join(root, 'dist', 'playground'), port: 0 });
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  headless: true,
});
const firsts = [];
const readies = [];
const trips = [];
try {
  for (let i = 0; i < loads; i++) {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(server.url);
    await page.waitForFunction(() => globalThis.importStudioPlayground?.firstDiagnosticsMs !== undefined, null, {
      timeout: 60_000,
    });
    const marks = await page.evaluate(() => globalThis.importStudioPlayground.timings());
    firsts.push(marks['first-diagnostics']);
    readies.push(marks.ready);
    await page.evaluate((p) => globalThis.importStudioPlayground.open(p), openedSample);
    const times = [];
    for (let n = 0; n < roundTrips; n++)
      times.push(await page.evaluate((p) => globalThis.importStudioPlayground.timeDiagnostics(p), openedSample));
    trips.push(median(times));
    console.log(`load ${i + 1}: ${JSON.stringify(marks)}; diagnostic round trip median ${median(times).toFixed(1)} ms`);
    await context.close();
  }
} finally {
  await browser.close();
  await server.close();
}

const range = (xs) => `${Math.min(...xs).toFixed(0)}–${Math.max(...xs).toFixed(0)}`;
console.log('\n| measure | median | range | target |\n| --- | --- | --- | --- |');
console.log(
  `| cold load → \`ready\` (tree and editor usable) | ${median(readies).toFixed(0)} ms | ${range(readies)} | – |`,
);
console.log(`| cold load → first diagnostics | ${median(firsts).toFixed(0)} ms | ${range(firsts)} | ≤ 2,000 ms |`);
console.log(
  `| worker diagnostics round trip (${openedSample}) | ${median(trips).toFixed(1)} ms | ${Math.min(...trips).toFixed(1)}–${Math.max(...trips).toFixed(1)} | ≤ 50 ms |`,
);

/** Raw and gzip size of the files under dist/`dir` whose names match `pattern`. */
function size(dir, pattern) {
  let raw = 0;
  let gz = 0;
  for (const name of readdirSync(join(root, 'dist', dir))) {
    const file = join(root, 'dist', dir, name);
    if (!pattern.test(name) || !statSync(file).isFile()) continue;
    const bytes = readFileSync(file);
    raw += bytes.length;
    gz += gzipSync(bytes).length;
  }
  return `${(raw / 1024).toFixed(0)} KB (${(gz / 1024).toFixed(0)} KB gzip)`;
}
console.log('\n| bundle | size |\n| --- | --- |');
console.log(`| playground scripts (dist/playground/*.js, Monaco included) | ${size('playground', /\.js$/)} |`);
console.log(`| playground language worker (server.worker.js) | ${size('playground', /^server\.worker\.js$/)} |`);
console.log(`| playground samples.json | ${size('playground', /^samples\.json$/)} |`);
console.log(`| web extension: dist/web/extension.js | ${size('web', /^extension\.js$/)} |`);
console.log(`| web extension: dist/web/server.js | ${size('web', /^server\.js$/)} |`);
console.log(`| desktop extension: dist/extension.js | ${size('.', /^extension\.js$/)} |`);
