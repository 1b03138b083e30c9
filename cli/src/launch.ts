/**
 * The CLI's entry (dist/cli.js): runs the CLI's bundle (dist/cli-main.js) through V8's code cache.
 *
 * Node 20 compiles a script's functions lazily, on first call, every time a process starts; for a
 * one-shot command that is ~50 ms of a dry run (docs/performance.md), paid again by every CI step.
 * V8 can serialise what it compiled (`Script.createCachedData`) and take it back on the next start.
 * This is what v8-compile-cache does for many CLIs; the CLI's one bundle needs only these lines.
 *
 * The cache sits beside the bundle (cli-main.js.v8cache) and is tied to the bundle's exact bytes:
 * V8's own check compares only the source's length, so the file starts with a SHA-256 of the source.
 * Then comes a SHA-256 of the cached data: V8 does not check the data itself and aborts the process
 * on a damaged cache (test/cli/launch.test.ts found this), so a cache that fails either hash is not
 * given to V8 at all. Writing is best effort (a read-only install runs uncached), atomic (a temporary
 * file renamed), and happens at exit only when there was no usable cache, so a new build or Node
 * refreshes it once.
 */
import { createHash } from 'node:crypto';
import { readFileSync, renameSync, unlinkSync, writeFileSync } from 'node:fs';
import Module, { createRequire } from 'node:module';
import { join } from 'node:path';
import { Script } from 'node:vm';

const bundle = join(__dirname, 'cli-main.js');
const cacheFile = `${bundle}.v8cache`;
const HASH_BYTES = 32;

function sha256(data: string | Buffer): Buffer {
  return createHash('sha256').update(data).digest();
}

/** The cached data, when the file was written for this source and is intact. */
function readCache(sourceHash: Buffer): Buffer | undefined {
  try {
    const file = readFileSync(cacheFile);
    const data = file.subarray(2 * HASH_BYTES);
    const intact =
      file.subarray(0, HASH_BYTES).equals(sourceHash) &&
      file.subarray(HASH_BYTES, 2 * HASH_BYTES).equals(sha256(data)) &&
      data.length > 0;
    return intact ? data : undefined;
  } catch {
    return undefined;
  }
}

function writeCache(sourceHash: Buffer, data: Buffer): void {
  const temporary = `${cacheFile}.${process.pid}.tmp`;
  try {
    writeFileSync(temporary, Buffer.concat([sourceHash, sha256(data), data]));
    renameSync(temporary, cacheFile);
  } catch {
    try {
      unlinkSync(temporary);
    } catch {
      // nothing was written
    }
  }
}

function run(): void {
  // The shebang is for the file as a whole; inside the module wrapper it would be a syntax error.
  const source = readFileSync(bundle, 'utf8').replace(/^#!.*/, '');
  const hash = sha256(source);
  const cached = readCache(hash);
  const script = new Script(Module.wrap(source), {
    filename: bundle,
    ...(cached ? { cachedData: cached } : {}),
  });
  if (cached === undefined || script.cachedDataRejected === true) {
    // At exit, so the cache holds every function this command compiled, not only the top level.
    process.once('exit', () => writeCache(hash, script.createCachedData()));
  }
  const main = new Module(bundle, module);
  main.filename = bundle;
  const wrapped = script.runInThisContext() as (
    exports: unknown,
    require: NodeJS.Require,
    module: Module,
    filename: string,
    dirname: string,
  ) => void;
  wrapped.call(main.exports, main.exports, createRequire(bundle), main, bundle, __dirname);
}

run();
