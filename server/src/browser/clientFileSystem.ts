/**
 * The engine's FileSystem for the web extension's worker: every read is a request to the extension,
 * which reads through `vscode.workspace.fs` (so the same code reads a local folder, a code-server
 * remote or a virtual file system). No links to resolve there: a path is its own real path.
 */
import type { FileStat, FileSystem } from '../../../engine/src/io/fileSystem';
import { pathToUri } from '../service/uri';
import { bytesOfBase64 } from './base64';
import {
  type FsParams,
  fsReadDirectoryMethod,
  type FsReadDirectoryResponse,
  fsReadFileMethod,
  type FsReadFileResponse,
  fsStatMethod,
  type FsStatResponse,
} from './fsProtocol';

/** The part of a connection this needs, so that tests can stand in for the client. */
export interface FileRequester {
  sendRequest<R>(method: string, params: FsParams): Promise<R>;
}

const defaultChunk = 64 * 1024;

function missing(path: string): Error {
  return Object.assign(new Error(`ENOENT: no such file or directory '${path}'`), { code: 'ENOENT' });
}

export function createClientFileSystem(client: FileRequester): FileSystem {
  const stat = async (path: string): Promise<FileStat | undefined> =>
    (await client.sendRequest<FsStatResponse>(fsStatMethod, { uri: pathToUri(path) })) ?? undefined;
  const readFile = async (path: string): Promise<Uint8Array> => {
    try {
      const { base64 } = await client.sendRequest<FsReadFileResponse>(fsReadFileMethod, { uri: pathToUri(path) });
      return bytesOfBase64(base64);
    } catch {
      throw missing(path);
    }
  };
  return {
    readFile,
    // vscode.workspace.fs reads whole files: the stream is the whole file in chunks, so the engine's
    // streaming decoders see the same boundaries as on disk. Fine for samples; a web workspace is no
    // place for the nightly's gigabyte files.
    readStream(path, options) {
      const size = options?.chunkSize ?? defaultChunk;
      const signal = options?.signal;
      return (async function* () {
        const bytes = await readFile(path);
        for (let at = options?.start ?? 0; at < bytes.length; at += size) {
          if (signal?.aborted) throw new Error('aborted');
          yield bytes.subarray(at, at + size);
        }
      })();
    },
    stat,
    async realPath(path) {
      if (!(await stat(path))) throw missing(path);
      return path;
    },
    async readDirectory(path) {
      try {
        return await client.sendRequest<FsReadDirectoryResponse>(fsReadDirectoryMethod, { uri: pathToUri(path) });
      } catch {
        throw missing(path);
      }
    },
  };
}
