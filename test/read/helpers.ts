/** Shared helpers for the Read stage tests: real temp files read through the Node FileSystem. */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after } from 'node:test';
import type { ErrorCode } from '../../engine/src/errors/catalog';
import { type Problem, ProblemError } from '../../engine/src/errors/problem';
import type { FileSystem, ReadStreamOptions } from '../../engine/src/io/fileSystem';
import { nodeFileSystem } from '../../engine/src/io/nodeFileSystem';
import type { FileFormat, ImportConfig } from '../../engine/src/model/workspace';
import { type OpenSourceOptions, openSource } from '../../engine/src/read';
import type { SourceReader, SourceRecord } from '../../engine/src/read/sourceRecord';

/** A fresh temp folder (the SFTP root), removed after the test file. */
export function tempRoot(): string {
  const dir = mkdtempSync(join(tmpdir(), 'read-test-')).replaceAll('\\', '/');
  after(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

export function write(root: string, name: string, content: string | Uint8Array): string {
  writeFileSync(join(root, name), content);
  return name;
}

export function source(
  file: string,
  format: FileFormat,
  extra: Partial<ImportConfig['source']> = {},
): ImportConfig['source'] {
  return { type: 'sftp', file, format, dateFormat: 'yyyy-MM-dd', ...extra };
}

export type OpenOptions = Omit<OpenSourceOptions, 'sftpRoot' | 'source'> & { fs?: FileSystem };

export function open(root: string, src: ImportConfig['source'], options: OpenOptions = {}): Promise<SourceReader> {
  const { fs = nodeFileSystem, ...rest } = options;
  return openSource(fs, { sftpRoot: root, source: src, ...rest });
}

export async function collect(reader: SourceReader): Promise<SourceRecord[]> {
  const records: SourceRecord[] = [];
  for await (const record of reader.records) records.push(record);
  return records;
}

/** Opens and reads everything; returns the records and the non-fatal problems. */
export async function readAll(
  root: string,
  src: ImportConfig['source'],
  options: OpenOptions = {},
): Promise<{ headers: readonly string[] | undefined; records: SourceRecord[]; problems: Problem[] }> {
  const reader = await open(root, src, options);
  const records = await collect(reader);
  return { headers: reader.headers, records, problems: reader.problems };
}

/** Asserts that `run` fails with a ProblemError of `code`, and returns the problem. */
export async function rejectsWith(run: () => Promise<unknown>, code: ErrorCode): Promise<Problem> {
  try {
    await run();
  } catch (error) {
    if (!(error instanceof ProblemError)) throw error;
    assert.equal(error.problem.code, code, error.problem.message);
    return error.problem;
  }
  assert.fail(`expected ${code}, but reading succeeded`);
}

/** Plain objects for deepEqual: the readers build null-prototype objects. */
export function plain(value: unknown): unknown {
  return JSON.parse(JSON.stringify(value));
}

/** A FileSystem that counts the bytes its streams hand out and whether they were closed. */
export function countingFs(): FileSystem & { bytesRead: number; opened: number; closed: number } {
  const counter = {
    bytesRead: 0,
    opened: 0,
    closed: 0,
    ...nodeFileSystem,
    async *readStream(path: string, options?: ReadStreamOptions) {
      counter.opened++;
      try {
        for await (const chunk of nodeFileSystem.readStream(path, options)) {
          counter.bytesRead += chunk.length;
          yield chunk;
        }
      } finally {
        counter.closed++;
      }
    },
  };
  return counter;
}
