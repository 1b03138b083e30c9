/**
 * Profiles kept per import while their key holds. The language server asks on every change; the
 * key (fingerprint.ts) costs a stat and one 64 KiB read, so an unchanged file and configuration
 * answer from memory, and a changed one is profiled again. Concurrent asks with one key share
 * one computation.
 */
import type { FileSystem } from '../io/fileSystem';
import type { ImportConfig } from '../model/workspace';
import type { LoadedDocument, Workspace } from '../workspace/types';
import { fingerprintSource } from './fingerprint';
import { DEFAULT_SAMPLE_ROWS, profileWithFingerprint } from './profileImport';
import type { DataProfile } from './types';

interface Entry {
  key: string;
  promise: Promise<DataProfile>;
  profile?: DataProfile;
}

export interface ProfileCacheOptions {
  /** Processed rows per profile (default 1000). */
  sampleRows?: number;
}

export class ProfileCache {
  /** By the import file's absolute path: one profile per import, the latest key only. */
  private readonly entries = new Map<string, Entry>();
  private readonly sampleRows: number;
  /** Answers from memory and computations started, for tests and diagnostics. */
  hits = 0;
  misses = 0;

  constructor(
    private readonly fs: FileSystem,
    options: ProfileCacheOptions = {},
  ) {
    this.sampleRows = options.sampleRows ?? DEFAULT_SAMPLE_ROWS;
  }

  /**
   * The import's profile: the cached one while its key is unchanged, a new one otherwise. An
   * abort rejects this call only; a computation another caller aborted is started again.
   */
  get(
    workspace: Workspace,
    importDoc: LoadedDocument<ImportConfig>,
    options: { signal?: AbortSignal } = {},
  ): Promise<DataProfile> {
    return this.load(workspace, importDoc, options.signal, false);
  }

  private async load(
    workspace: Workspace,
    importDoc: LoadedDocument<ImportConfig>,
    signal: AbortSignal | undefined,
    retried: boolean,
  ): Promise<DataProfile> {
    const fingerprint = await fingerprintSource(this.fs, workspace, importDoc, this.sampleRows, signal);
    const cached = this.entries.get(importDoc.path);
    if (cached && cached.key === fingerprint.key) {
      this.hits++;
      try {
        return await cached.promise;
      } catch (error) {
        // Another caller's abort ended the shared computation: start it again, once.
        if (signal?.aborted || retried) throw error;
        if (this.entries.get(importDoc.path) === cached) this.entries.delete(importDoc.path);
        return this.load(workspace, importDoc, signal, true);
      }
    }
    this.misses++;
    const entry: Entry = {
      key: fingerprint.key,
      promise: profileWithFingerprint(this.fs, workspace, importDoc, fingerprint, {
        sampleRows: this.sampleRows,
        ...(signal ? { signal } : {}),
      }),
    };
    this.entries.set(importDoc.path, entry);
    try {
      entry.profile = await entry.promise;
      return entry.profile;
    } catch (error) {
      // Only an abort rejects: forget it, so the next ask computes afresh.
      if (this.entries.get(importDoc.path) === entry) this.entries.delete(importDoc.path);
      throw error;
    }
  }

  /** The last profile computed for an import (by absolute path), whatever its key; no I/O. */
  peek(importPath: string): DataProfile | undefined {
    return this.entries.get(importPath)?.profile;
  }

  /** Forgets an import (its file was deleted), or every import. */
  delete(importPath?: string): void {
    if (importPath === undefined) this.entries.clear();
    else this.entries.delete(importPath);
  }
}
