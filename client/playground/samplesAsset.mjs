// The playground's default workspace: samples/ written as one JSON asset (dist/playground/samples.json)
// at build time, every file's bytes in base64 so data files keep their encodings. samples/.tools
// (the generator) is not part of the workspace and is left out. esbuild.mjs calls this.
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';

/** @param {string} dir @returns {string[]} */
function filesUnder(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    if (entry.name.startsWith('.')) return [];
    const path = join(dir, entry.name);
    return entry.isDirectory() ? filesUnder(path) : [path];
  });
}

/** @param {string} samplesDir @param {string} outFile @returns {number} the number of files written */
export function writeSamplesAsset(samplesDir, outFile) {
  const files = filesUnder(samplesDir)
    .map((path) => ({
      path: relative(samplesDir, path).replaceAll('\\', '/'),
      base64: readFileSync(path).toString('base64'),
    }))
    .sort((a, b) => a.path.localeCompare(b.path));
  mkdirSync(dirname(outFile), { recursive: true });
  writeFileSync(outFile, JSON.stringify({ name: 'samples', files }));
  return files.length;
}
