import type * as Sarif from 'sarif';
import { type ErrorCode, catalog, docsUrl } from '../../../engine/src/errors/catalog';
import type { Location, Problem } from '../../../engine/src/errors/problem';

/**
 * A SARIF 2.1.0 log of the problems (`--format sarif`), for code scanning (GitHub's
 * upload-sarif action, GitLab, Azure DevOps and the SARIF viewers): one rule per catalog code, so a
 * result's rule carries the code's title, meaning and fix; one result per problem, at its first
 * location, with the others as related locations. Paths are given relative to the repository (the
 * current folder in a CI job), as code scanning resolves them against the checkout.
 */
export function formatSarif(problems: readonly Problem[], pathPrefix: string, version: string): string {
  const codes = Object.keys(catalog) as ErrorCode[];
  const ruleIndex = new Map(codes.map((code, i) => [code, i]));
  const log: Sarif.Log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'Import Studio',
            version,
            informationUri: 'https://github.com/import-studio/import-studio',
            rules: codes.map(rule),
          },
        },
        // Problems count columns as editors do, in UTF-16 code units.
        columnKind: 'utf16CodeUnits',
        // Every code has its rule: the rules are the whole catalog.
        results: problems.map((p) => result(p, ruleIndex.get(p.code) as number, pathPrefix)),
      },
    ],
  };
  return JSON.stringify(log, null, 2);
}

function rule(code: ErrorCode): Sarif.ReportingDescriptor {
  const entry = catalog[code];
  return {
    id: code,
    name: pascalCase(entry.title),
    shortDescription: { text: entry.title },
    fullDescription: { text: entry.meaning },
    help: { text: entry.fix, markdown: entry.fix },
    helpUri: docsUrl(code),
    defaultConfiguration: { level: level(entry.severity) },
    properties: { stage: entry.stage },
  };
}

function result(p: Problem, index: number, pathPrefix: string): Sarif.Result {
  const [first, ...others] = p.locations;
  return {
    ruleId: p.code,
    ruleIndex: index,
    level: level(p.severity),
    message: { text: p.message },
    ...(first ? { locations: [location(first, pathPrefix)] } : {}),
    ...(others.length > 0
      ? { relatedLocations: others.map((l, i) => ({ id: i + 1, ...location(l, pathPrefix) })) }
      : {}),
    properties: { fix: p.fix },
  };
}

function location(l: Location, pathPrefix: string): Sarif.Location {
  const region: Sarif.Region | undefined = l.range && {
    startLine: l.range.start.line + 1,
    startColumn: l.range.start.character + 1,
    endLine: l.range.end.line + 1,
    endColumn: l.range.end.character + 1,
  };
  return {
    physicalLocation: {
      artifactLocation: { uri: encodeURI(pathPrefix + l.file), uriBaseId: '%SRCROOT%' },
      ...(region ? { region } : {}),
    },
    // Where in the file beyond the region: the key's JSON pointer, or the data row and column.
    ...(l.pointer !== undefined || l.row !== undefined || l.column !== undefined
      ? {
          properties: {
            ...(l.pointer !== undefined ? { pointer: l.pointer } : {}),
            ...(l.row !== undefined ? { row: l.row } : {}),
            ...(l.column !== undefined ? { column: l.column } : {}),
          },
        }
      : {}),
  };
}

function level(severity: Problem['severity']): Sarif.ReportingConfiguration.level {
  return severity === 'info' ? 'note' : severity;
}

/** A rule's name as SARIF viewers expect it: an identifier made of the title's words. */
function pascalCase(title: string): string {
  return title
    .split(/[^A-Za-z0-9]+/)
    .filter((w) => w !== '')
    .map((w) => w[0]!.toUpperCase() + w.slice(1))
    .join('');
}
