// Preloaded into a measured process (node --require bench/rss.cjs ...): at exit it writes the
// process's peak resident set size in KiB to the file named by BENCH_RSS_FILE.
const { writeFileSync } = require('node:fs');
process.on('exit', () => {
  if (process.env.BENCH_RSS_FILE) writeFileSync(process.env.BENCH_RSS_FILE, String(process.resourceUsage().maxRSS));
});
