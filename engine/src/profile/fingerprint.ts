/**
 * The cache key of a profile, cheap enough to compute on every keystroke: the source file's size
 * and a hash of its first 64 KiB (FileStat has no modification time, and hashing the whole file
 * would read it all), plus a hash of what in the configuration shapes the profile (the `source`
 * settings and the transformation text). Edits elsewhere in the import file (personMatching, sort,
 * comments) keep the key, so they never re-read the data; dataChecks compare the new configuration
 * with the cached profile instead.
 *
 * Known blind spot: an edit beyond the first 64 KiB that keeps the file's size keeps the key.
 */
import { ProblemError } from '../errors/problem';
import type { FileSystem } from '../io/fileSystem';
import type { ImportConfig } from '../model/workspace';
import { resolveSourcePath } from '../read/resolveSource';
import { transformationSource } from '../workspace/loadWorkspace';
import type { LoadedDocument, Workspace } from '../workspace/types';
import { hashBytes, hashText } from './hash';
import { readPrefix } from '../read/sourceTexts';
import { HEAD_BYTES } from './sourceHead';

export interface SourceFingerprint {
  key: string;
  /** The first bytes of the source file, when it could be read (reused to locate header cells). */
  head?: Uint8Array;
}

/** Bumped when the profile's shape or computation changes, so no old profile is served. */
const KEY_VERSION = 'p1';

export async function fingerprintSource(
  fs: FileSystem,
  workspace: Workspace,
  importDoc: LoadedDocument<ImportConfig>,
  sampleRows: number,
  signal?: AbortSignal,
): Promise<SourceFingerprint> {
  const config = importDoc.value;
  if (!config) return { key: `${KEY_VERSION}|invalid|${hashText(importDoc.text)}` };
  const transformation = transformationSource(workspace, importDoc)?.text ?? '';
  const settings = hashText(
    `${JSON.stringify(config.source)}\u0000${JSON.stringify(config.transformation ?? null)}\u0000${transformation}`,
  );
  const base = `${KEY_VERSION}|${sampleRows}|${workspace.sftpRoot}|${settings}`;
  let path: string;
  let size: number;
  try {
    ({ path, size } = await resolveSourcePath(fs, workspace.sftpRoot, config.source.file));
  } catch (error) {
    signal?.throwIfAborted();
    // Missing, empty or outside the root: the profile reports why; the key changes once the file is readable.
    return { key: `${base}|unreadable:${error instanceof ProblemError ? error.problem.code : 'error'}` };
  }
  let head: Uint8Array;
  try {
    head = await readPrefix(fs, path, HEAD_BYTES, signal ? { signal } : {});
  } catch (error) {
    signal?.throwIfAborted();
    return { key: `${base}|unreadable:${error instanceof ProblemError ? error.problem.code : 'error'}` };
  }
  return { key: `${base}|${path}|${size}|${hashBytes(head)}`, head };
}
