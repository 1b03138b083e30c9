/**
 * Finds the import file under the SFTP root, as the platform would: a path relative to the root
 * that must stay inside it. The platform can only ever read its own SFTP folder, so a dry run that
 * followed `..` or a symbolic link out of it would test something the real import cannot do (and
 * would let a shared configuration read any file of the machine it runs on).
 */
import { problem } from '../errors/catalog';
import { ProblemError } from '../errors/problem';
import { type FileSystem, isInside, joinPath, normalizePath } from '../io/fileSystem';

export interface ResolvedSource {
  /** Absolute path of the file, in the FileSystem's namespace. */
  path: string;
  size: number;
}

function escapes(file: string, sftpRoot: string, locationFile: string, how: string): ProblemError {
  return new ProblemError(
    problem(
      'E0027',
      `The path '${file}' leads outside the SFTP root '${sftpRoot}' (${how}).`,
      [{ file: locationFile }],
      {
        data: { path: file, sftpRoot },
      },
    ),
  );
}

export async function resolveSourcePath(
  fs: FileSystem,
  sftpRoot: string,
  file: string,
  locationFile: string = file,
): Promise<ResolvedSource> {
  const slashed = file.replaceAll('\\', '/');
  // Absolute paths (POSIX, Windows drive letters, UNC shares) are refused outright, not re-rooted:
  // the platform's File Name is always relative to the root.
  if (slashed.startsWith('/') || /^[A-Za-z]:/.test(slashed))
    throw escapes(file, sftpRoot, locationFile, 'an absolute path');
  const relative = normalizePath(slashed);
  if (relative === '..' || relative.startsWith('../')) throw escapes(file, sftpRoot, locationFile, "through '..'");
  const root = normalizePath(sftpRoot);
  const path = joinPath(root, relative);
  if (!isInside(root, path)) throw escapes(file, sftpRoot, locationFile, "through '..'");

  const stat = await fs.stat(path);
  if (!stat) {
    throw new ProblemError(
      problem(
        'E0001',
        `Cannot read file '${file}': no such file under the SFTP root '${sftpRoot}'.`,
        [{ file: locationFile }],
        {
          data: { path: file, sftpRoot },
        },
      ),
    );
  }
  if (stat.isDirectory || !stat.isFile) {
    throw new ProblemError(
      problem(
        'E0001',
        `Cannot read file '${file}': it is a ${stat.isDirectory ? 'directory' : 'special file'}, not a file, under the SFTP root '${sftpRoot}'.`,
        [{ file: locationFile }],
        { data: { path: file, sftpRoot } },
      ),
    );
  }
  // A symbolic link inside the root may point anywhere: compare the real locations.
  const [realRoot, realFile] = await Promise.all([fs.realPath(root), fs.realPath(path)]);
  if (!isInside(realRoot, realFile)) throw escapes(file, sftpRoot, locationFile, 'through a symbolic link');
  if (stat.size === 0) {
    throw new ProblemError(
      problem('E0006', `The file '${file}' is empty.`, [{ file: locationFile }], { data: { path: file } }),
    );
  }
  return { path, size: stat.size };
}

/** Magic numbers of formats that are surely not text, with the name users know them by. */
const binarySignatures: { bytes: number[]; name: string }[] = [
  { bytes: [0x50, 0x4b, 0x03, 0x04], name: 'an Excel workbook (.xlsx) or a zip archive' },
  { bytes: [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1], name: 'an Excel 97-2003 workbook (.xls)' },
  { bytes: [0x25, 0x50, 0x44, 0x46, 0x2d], name: 'a PDF document' },
  { bytes: [0x1f, 0x8b], name: 'a gzip archive' },
  { bytes: [0x89, 0x50, 0x4e, 0x47], name: 'a PNG image' },
];

/** E0002 when the first bytes show a binary format (an .xlsx saved under a .csv name, say). */
export function checkNotBinary(head: Uint8Array, file: string, format: string, locationFile: string): void {
  for (const signature of binarySignatures) {
    if (signature.bytes.every((b, i) => head[i] === b)) {
      throw new ProblemError(
        problem(
          'E0002',
          `Unsupported file format: '${file}' looks like ${signature.name}, not ${format}.`,
          [{ file: locationFile }],
          {
            data: { path: file, detected: signature.name, format },
          },
        ),
      );
    }
  }
}
