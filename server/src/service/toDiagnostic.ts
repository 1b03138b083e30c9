import { type Diagnostic, DiagnosticSeverity } from 'vscode-languageserver-types';
import { docsUrl, type Severity } from '../../../engine/src/errors/catalog';
import type { Problem } from '../../../engine/src/errors/problem';

const severities: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  info: DiagnosticSeverity.Information,
};

const wholeFirstLine = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };

/**
 * An engine problem as an LSP diagnostic: the same code, message and severity the CLI and panels
 * show, with a link to the code's documentation. `file` picks the location that lies in the
 * document being diagnosed (a problem may point at several files).
 */
export function toDiagnostic(problem: Problem, file: string): Diagnostic {
  const location = problem.locations.find((l) => l.file === file) ?? problem.locations[0];
  return {
    range: location?.range ?? wholeFirstLine,
    severity: severities[problem.severity],
    code: problem.code,
    codeDescription: { href: docsUrl(problem.code) },
    source: 'import-studio',
    message: problem.message,
    ...(problem.data ? { data: { ...problem.data, code: problem.code } } : {}),
  };
}
