/**
 * Where a problem is, as an editor location. Problem locations name workspace-relative files
 * (engine/src/errors/problem.ts); the server tells which workspace an import belongs to
 * (listImports' `workspace`), so the client resolves paths against that folder.
 */
import * as vscode from 'vscode';
import type { Location, Problem } from '../../../engine/src/errors/problem';

/** A relative file under the workspace root; absolute paths (none expected) are taken as they are. */
export function resolveFile(root: vscode.Uri, file: string): vscode.Uri {
  if (file.startsWith('/')) return vscode.Uri.file(file);
  return vscode.Uri.joinPath(root, ...file.split('/').filter((s) => s !== '' && s !== '.'));
}

export function rangeOf(location: Location): vscode.Range {
  const r = location.range;
  if (!r) return new vscode.Range(0, 0, 0, 0);
  return new vscode.Range(r.start.line, r.start.character, r.end.line, r.end.character);
}

const severities: Record<Problem['severity'], vscode.DiagnosticSeverity> = {
  error: vscode.DiagnosticSeverity.Error,
  warning: vscode.DiagnosticSeverity.Warning,
  info: vscode.DiagnosticSeverity.Information,
};

/**
 * Diagnostics for a run's problems, by file. A problem goes on every file it names (a data problem
 * on the sample file, a configuration problem on the configuration), with its other locations as
 * related information, so the Problems view shows each one where it is.
 */
export function diagnosticsOf(root: vscode.Uri, problems: readonly Problem[]): Map<string, vscode.Diagnostic[]> {
  const byFile = new Map<string, vscode.Diagnostic[]>();
  for (const problem of problems) {
    const located = problem.locations.map((l) => ({ uri: resolveFile(root, l.file), range: rangeOf(l) }));
    located.forEach((here, i) => {
      const diagnostic = new vscode.Diagnostic(here.range, problem.message, severities[problem.severity]);
      diagnostic.code = problem.code;
      diagnostic.source = 'import-studio dry run';
      const others = located.filter((_, j) => j !== i);
      if (others.length > 0) {
        diagnostic.relatedInformation = others.map(
          (o) => new vscode.DiagnosticRelatedInformation(new vscode.Location(o.uri, o.range), problem.message),
        );
      }
      const key = here.uri.toString();
      const list = byFile.get(key) ?? [];
      list.push(diagnostic);
      byFile.set(key, list);
    });
  }
  return byFile;
}
