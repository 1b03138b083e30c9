/**
 * The Read stage: from a configuration's `source` to a stream of SourceRecords.
 *
 *   resolveSourcePath (E0027, E0001, E0006) -> binary sniff (E0002) -> byte stream (abort signal)
 *   -> decodeText (BOM, encoding, E0026) -> csv / xml / json reader
 *
 * Everything is a pull stream: nothing past the first bytes is read until records are asked for
 * (csv reads up to its header), and a consumer that stops early (`break`) closes the file.
 */
import type { FileSystem } from '../io/fileSystem';
import { joinPath, normalizePath, relativePath } from '../io/fileSystem';
import type { ImportConfig } from '../model/workspace';
import { readCsv } from './csv';
import { readJson } from './json';
import { readCsvOnThread, type ReadRequest, type StartReadThread } from './readThread';
import { defaultLimits, type ReadLimits } from './limits';
import { checkNotBinary, resolveSourcePath } from './resolveSource';
import type { SourceReader } from './sourceRecord';
import { readPrefix, sourceTexts } from './sourceTexts';
import { readXml } from './xml';
import { halvesPossible, readXmlInHalves, type XmlHalfRequest } from './xmlHalves';
import type { PathObjectSpec } from '../transform/pathObject';
import type { RowCheckSpec } from '../map/rowChecks';

export interface OpenSourceOptions {
  /** The folder standing in for the platform's SFTP root (absolute, in the FileSystem's namespace). */
  sftpRoot: string;
  source: ImportConfig['source'];
  /** Aborting stops reading: the pending `next()` rejects with the signal's reason. */
  signal?: AbortSignal;
  /** The workspace root: locations name the file relative to it. Without it, as `source.file`. */
  relativeTo?: string;
  /** Size bounds (defaults in limits.ts). */
  limits?: Partial<ReadLimits>;
  /**
   * xml with a recordPath: build only what these paths read from each record (a path-object
   * transformation's paths: read/xmlRecord.ts, Projection). Other readers ignore it.
   */
  projection?: readonly (readonly string[])[];
  /**
   * The transformation's path object, when it is one: its paths are the projection, and a big xml
   * file may then be read in two halves at once (xmlHalves.ts), the second on `readThread`.
   */
  pathObject?: PathObjectSpec;
  /**
   * csv and tsv read on `readThread`: the mapped cells that thread checks per row (map/rowChecks.ts),
   * so the dry run's thread need not. Other reads ignore it.
   */
  rowChecks?: RowCheckSpec;
  /**
   * Called once a reading thread has been asked to read and before its first answer is awaited, so
   * the caller's own preparation overlaps the thread's start. Not called when no thread is used.
   */
  meanwhile?: () => void;
  /** Bytes per read; small values are for tests of chunk boundaries. Default 16 KiB (see defaultChunkSize). */
  chunkSize?: number;
  /**
   * A second thread to read a big file on (Node: io/nodeReadThread.ts): all of a csv or tsv file,
   * the second half of an xml one (with `pathObject`). Used for a file of `offThreadBytes` or more
   * that the file system reads straight from disk (FileSystem.diskPath).
   */
  readThread?: StartReadThread;
  /** The size from which a file is read on `readThread`. Default 8 MiB: below it, starting a thread costs more than it saves. */
  offThreadBytes?: number;
}

const sniffLength = 16;

/**
 * Decoded and parsed 16 KiB at a time: the records parsed from one chunk live until the consumer
 * takes them, so a chunk's records must be a small part of V8's young generation. 1 MiB chunks
 * got ~10,000 records promoted (200k csv rows: 0.66 s / 257 MB RSS against 0.34-0.50 s / 107 MB
 * at 64 KiB). At 64 KiB a busy machine still saw 1 run in 5-8 of the 1M-row file reach 410-450 MB:
 * when V8 shrinks the young generation, a scavenge finds nearly all of one chunk's rows alive, and
 * V8 then allocates every later row array of that site in old space ("pretenuring", seen with
 * --trace-pretenuring), which fills with garbage. 16 KiB: 0 in 12 such runs (docs/performance.md).
 */
export const defaultChunkSize = 16 * 1024;

/**
 * Bytes per read from the file system, handed on in `defaultChunkSize` pieces (subarrays, no copy):
 * fewer round trips through the file system adapter (~470 instead of ~1,900 for a 120 MB file at
 * 64 KiB), ~8 % of the csv read stage (docs/performance.md).
 */
export const defaultReadSize = 256 * 1024;

/** 8 MiB: the 1M-row bench file's first 100 rows came back in ~60 ms in one thread; a thread takes ~40 ms to start. */
export const defaultOffThreadBytes = 8 * 1024 * 1024;

export async function openSource(fs: FileSystem, options: OpenSourceOptions): Promise<SourceReader> {
  const { source, signal } = options;
  const limits: ReadLimits = { ...defaultLimits, ...options.limits };
  const file = options.relativeTo
    ? relativePath(options.relativeTo, joinPath(options.sftpRoot, normalizePath(source.file.replaceAll('\\', '/'))))
    : source.file;
  signal?.throwIfAborted();
  const resolved = await resolveSourcePath(fs, options.sftpRoot, source.file, file);
  checkNotBinary(
    await readPrefix(fs, resolved.path, sniffLength, signal ? { signal } : {}),
    source.file,
    source.format,
    file,
  );

  const chunkSize = options.chunkSize ?? defaultChunkSize;
  // A chunk size given (tests of chunk boundaries) is also the read size, as before.
  const readSize = options.chunkSize ?? defaultReadSize;
  const encoding = source.encoding ?? 'utf-8';
  const projection = options.projection ?? options.pathObject?.paths;
  const readHere = async (): Promise<SourceReader> => {
    const texts = sourceTexts(fs, resolved.path, { encoding, file, signal, chunkSize, readSize });
    switch (source.format) {
      case 'csv':
      case 'tsv':
        return readCsv(texts, { format: source.format, file, limits });
      case 'xml':
        return readXml(texts, {
          file,
          limits,
          ...(source.recordPath ? { recordPath: source.recordPath } : {}),
          ...(projection ? { projection } : {}),
        });
      case 'json':
        return readJson(texts, {
          file,
          limits,
          ...(source.recordPath !== undefined ? { recordPath: source.recordPath } : {}),
        });
    }
  };
  const diskPath = fs.diskPath?.(resolved.path);
  if (
    !options.readThread ||
    diskPath === undefined ||
    resolved.size < (options.offThreadBytes ?? defaultOffThreadBytes)
  ) {
    return readHere();
  }
  if (source.format === 'csv' || source.format === 'tsv') {
    const request: ReadRequest = {
      path: diskPath,
      file,
      format: source.format,
      encoding,
      limits,
      chunkSize,
      readSize,
      ...(options.rowChecks ? { checks: options.rowChecks } : {}),
    };
    return readCsvOnThread(options.readThread('csv'), request, readHere, signal, options.meanwhile);
  }
  if (source.format === 'xml' && options.pathObject && halvesPossible(source.recordPath, encoding)) {
    const request: XmlHalfRequest = {
      path: diskPath,
      file,
      encoding,
      limits,
      chunkSize,
      readSize,
      recordPath: source.recordPath ?? '',
      pathObject: options.pathObject,
      size: resolved.size,
    };
    return readXmlInHalves(
      options.readThread('xml-half'),
      request,
      {
        fs,
        path: resolved.path,
        ...(signal ? { signal } : {}),
        ...(options.meanwhile ? { meanwhile: options.meanwhile } : {}),
      },
      readHere,
    );
  }
  return readHere();
}
