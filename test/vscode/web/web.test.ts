/**
 * The web extension (package.json `browser`) in code-server's web-worker extension host: it activates,
 * its language server (a Web Worker reading the workspace through vscode.workspace.fs) publishes the
 * diagnostics of a broken sample and completes columns from a sample file, and a dry run runs in that
 * worker. No node:assert here (no Node): `ok` stands in.
 */
import * as vscode from 'vscode';
import { codeOf, completionLabels, eventually } from '../helpers';
import type { ImportStudioWebApi } from '../../../client/src/web/extension';
import type { DryRunResponse } from '../../../server/src/service/requests';

export interface Tdd {
  suite(name: string, body: () => void): void;
  test(name: string, body: () => Promise<void>): void;
}

const extensionId = 'import-studio.import-studio';

function ok(value: unknown, message: string): asserts value {
  if (!value) throw new Error(`assertion failed: ${message}`);
}

function file(...segments: string[]): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  ok(folder, 'the runner opens a copy of samples/ as the workspace');
  return vscode.Uri.joinPath(folder.uri, ...segments);
}

export function defineWebSuite({ suite, test }: Tdd): void {
  suite('Import Studio on VS Code for the Web', () => {
    test('activates as a web extension on a sample import configuration', async () => {
      await vscode.window.showTextDocument(
        await vscode.workspace.openTextDocument(file('imports', 'term-grades.import.yaml')),
      );
      const extension = vscode.extensions.getExtension<ImportStudioWebApi>(extensionId);
      ok(extension, `${extensionId} is installed`);
      // The web entry's API has no runs dashboard: this is the browser entry, not the Node one.
      const api = await eventually('activation', () => (extension.isActive ? extension.exports : undefined));
      ok(!('dashboard' in api), 'the web entry is the one running');
      ok('importScripts' in globalThis && typeof process === 'undefined', 'a web worker extension host');
    });

    test('publishes the diagnostics of a broken sample, read through vscode.workspace.fs', async () => {
      const uri = file('broken', 'imports', 'bad-format.import.yaml');
      await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
      const diagnostic = await eventually('E0033 on bad-format.import.yaml', () =>
        vscode.languages.getDiagnostics(uri).find((d) => codeOf(d) === 'E0033'),
      );
      ok(diagnostic.source === 'import-studio', `source ${diagnostic.source}`);
      const doc = await vscode.workspace.openTextDocument(uri);
      ok(/format:/.test(doc.lineAt(diagnostic.range.start.line).text), 'the problem points at the format value');
    });

    test('completes a mapping field with the columns of the sample file', async () => {
      const uri = file('mappings', 'report-card.mapping.yaml');
      const doc = await vscode.workspace.openTextDocument(uri);
      await vscode.window.showTextDocument(doc);
      const line = doc
        .getText()
        .split('\n')
        .findIndex((l) => l.startsWith('  mathGrade: '));
      ok(line >= 0, 'the sample mapping has a mathGrade field');
      const position = new vscode.Position(line, '  mathGrade: '.length);
      const labels = await completionLabels(uri, position, 'MathGrade');
      for (const column of ['StudentID', 'ReadingGrade', 'TeacherComment']) ok(labels.includes(column), column);
    });

    test('dry-runs an import in the server worker', async () => {
      const uri = file('imports', 'term-grades.import.yaml');
      const response = await vscode.commands.executeCommand<DryRunResponse | undefined>('importStudio.dryRun', uri);
      ok(response, 'the command returns the server response');
      ok(response.ok, JSON.stringify(response).slice(0, 2000));
      ok(response.result.alias === 'term-grades', `alias ${response.result.alias}`);
      ok(response.result.status === 'Complete with issues', `status ${response.result.status}`);
      ok(response.result.counts.rowsProcessed > 700, `rows processed: ${response.result.counts.rowsProcessed}`);
      // The server's file:/// URIs came back in the workspace's own scheme.
      ok(response.importUri === uri.toString(), `importUri ${response.importUri} is ${uri.toString()}`);
    });

    test('the Imports view lists the sample imports', async () => {
      const api = vscode.extensions.getExtension<ImportStudioWebApi>(extensionId)?.exports;
      ok(api, 'the extension is active');
      const items = await eventually('the imports', () => {
        const list = api.tree.getChildren();
        return list.length >= 5 ? list : undefined;
      });
      ok(
        items.some((i) => i.label === 'Term Grades 2024-2025'),
        items.map((i) => String(i.label)).join(),
      );
    });
  });
}
