/**
 * Data-aware diagnostics: the configuration and its mappings checked against the profiled sample
 * of the import's data, each problem located on the exact key, value or name it is about. They
 * complement the schema and cross-file checks while the user types; the dry run finds the same
 * mistakes row by row.
 */
import { problem } from '../errors/catalog';
import type { Problem } from '../errors/problem';
import { joinPath, relativePath } from '../io/fileSystem';
import type { ImportConfig } from '../model/workspace';
import { locationAt } from '../workspace/locations';
import type { LoadedDocument, Workspace } from '../workspace/types';
import { configColumnChecks, expressionColumnChecks } from './columnChecks';
import { dateFormatCheck } from './dateCheck';
import { mappedExpressions } from './mappedExpressions';
import { optionChecks } from './optionCheck';
import type { DataProfile } from './types';

export function dataChecks(
  workspace: Workspace,
  importDoc: LoadedDocument<ImportConfig>,
  profile: DataProfile,
): Problem[] {
  const config = importDoc.value;
  if (!config) return [];
  // A profile of another file (source.file was just edited) would only mislead until it is redone.
  const sourcePath = relativePath(workspace.root, joinPath(workspace.sftpRoot, config.source.file));
  if (profile.sourcePath !== sourcePath) return [];
  const problems: Problem[] = [...encodingCheck(importDoc, profile)];
  // No columns means nothing was read (a missing file, a failed transformation): its problem says
  // why, and checking names against an empty list would flag every one of them.
  if (profile.columns.length === 0) return problems;
  const expressions = mappedExpressions(workspace, config.alias);
  problems.push(...configColumnChecks(importDoc, profile));
  problems.push(...expressionColumnChecks(expressions, profile, config.transformation !== undefined));
  problems.push(...dateFormatCheck(importDoc, expressions, profile));
  problems.push(...optionChecks(expressions, profile));
  return problems;
}

/** E0026 on source.encoding when the bytes are in another encoding than the configured one. */
function encodingCheck(importDoc: LoadedDocument<ImportConfig>, profile: DataProfile): Problem[] {
  const configured = (importDoc.value as ImportConfig).source.encoding ?? 'utf-8';
  const detected = profile.detectedEncoding;
  if (detected === undefined || detected === configured) return [];
  const readError = profile.problems.find((p) => p.code === 'E0026');
  const why = readError
    ? `${readError.message.replace(/\.$/, '')}.`
    : `Its bytes are valid ${detected} with non-ASCII characters, which read as ${configured} turn into other characters (é becomes Ã©).`;
  return [
    problem(
      'E0026',
      `The file '${profile.sourcePath}' is not written in ${configured}. ${why} Set source.encoding to ${detected}.`,
      [locationAt(importDoc, '/source/encoding')],
      {
        fix: `Set \`source.encoding\` to ${detected}, or re-save the file as ${configured}.`,
        data: { encoding: configured, suggestedEncoding: detected },
      },
    ),
  ];
}
