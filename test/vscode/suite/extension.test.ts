/**
 * The extension in a real VS Code, asserted from its extension host: it activates on a sample file,
 * the language server's diagnostics and completion reach the editor, and the dry-run command runs in
 * the server and opens the panel. The workspace is a temporary copy of samples/ (the runner opens
 * it), whose first term-grades cell holds a script payload that the panel must show as text.
 */
import * as assert from 'node:assert/strict';
import { suite, test } from 'mocha';
import * as vscode from 'vscode';
import { codeOf, completionLabels, eventually } from '../helpers';
import type { ImportStudioApi } from '../../../client/src/extension';
import type { DryRunResponse, ExecuteRunResponse } from '../../../server/src/service/requests';

const extensionId = 'import-studio.import-studio';
export const payload = '<img src=x onerror=alert(1)>';

function root(): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'the runner opens a copy of samples/ as the workspace');
  return folder.uri;
}

function file(...segments: string[]): vscode.Uri {
  return vscode.Uri.joinPath(root(), ...segments);
}

function panelTabs(): vscode.Tab[] {
  return vscode.window.tabGroups.all
    .flatMap((g) => g.tabs)
    .filter((t) => t.input instanceof vscode.TabInputWebview && t.input.viewType.endsWith('importStudio.dryRunPanel'));
}

suite('Import Studio in VS Code', () => {
  test('activates on a sample import configuration', async () => {
    const doc = await vscode.workspace.openTextDocument(file('imports', 'term-grades.import.yaml'));
    await vscode.window.showTextDocument(doc);
    const extension = vscode.extensions.getExtension(extensionId);
    assert.ok(extension, `${extensionId} is installed`);
    await eventually('activation', () => (extension.isActive ? true : undefined));
  });

  test('publishes the server diagnostics of a broken sample with their codes', async () => {
    const uri = file('broken', 'imports', 'bad-format.import.yaml');
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
    const diagnostics = await eventually('E0033 on bad-format.import.yaml', () => {
      const list = vscode.languages.getDiagnostics(uri).filter((d) => codeOf(d) === 'E0033');
      return list.length > 0 ? list : undefined;
    });
    const diagnostic = diagnostics[0];
    assert.ok(diagnostic);
    assert.equal(diagnostic.source, 'import-studio');
    // `# expect: E0033 /source/format`: the problem points at the format value, not at line 0.
    const doc = await vscode.workspace.openTextDocument(uri);
    assert.match(doc.lineAt(diagnostic.range.start.line).text, /format:/);
  });

  test('completes a mapping field with the columns of the sample file', async () => {
    const uri = file('mappings', 'report-card.mapping.yaml');
    const doc = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(doc);
    const line = doc
      .getText()
      .split('\n')
      .findIndex((l) => l.startsWith('  mathGrade: '));
    assert.ok(line >= 0, 'the sample mapping has a mathGrade field');
    const position = new vscode.Position(line, '  mathGrade: '.length);
    const labels = await completionLabels(uri, position, 'MathGrade');
    for (const column of ['StudentID', 'ReadingGrade', 'TeacherComment']) assert.ok(labels.includes(column), column);
  });

  test('dry-runs an import in the server and shows the result in the panel', async () => {
    const uri = file('imports', 'term-grades.import.yaml');
    const response = await vscode.commands.executeCommand<DryRunResponse | undefined>('importStudio.dryRun', uri);
    assert.ok(response, 'the command returns the server response');
    assert.ok(response.ok, JSON.stringify(response));
    const { result } = response;
    assert.equal(result.alias, 'term-grades');
    assert.equal(result.status, 'Complete with issues');
    assert.ok(result.counts.rowsProcessed > 700, `rows processed: ${result.counts.rowsProcessed}`);
    assert.ok(
      result.cache.rows.some((r) => r.values.includes(payload)),
      'the runner planted the payload',
    );
    await eventually('the dry-run panel', () => (panelTabs().length === 1 ? true : undefined));

    // Run problems go to the sample file too (E0019: a locked record, on its data line).
    const csv = file('sftp', 'grades', 'term_grades_2024-2025.csv');
    const locked = await eventually('the dry-run diagnostic on the sample file', () =>
      vscode.languages.getDiagnostics(csv).find((d) => codeOf(d) === 'E0019'),
    );
    const problem = result.problems.find((p) => p.code === 'E0019');
    assert.equal(locked.range.start.line, problem?.locations[0]?.range?.start.line);
  });

  test('dry-runs from a code lens argument (a URI string) and from a mapping', async () => {
    const lens = await vscode.commands.executeCommand<DryRunResponse | undefined>(
      'importStudio.dryRun',
      file('imports', 'emergency-contacts.import.yaml').toString(),
    );
    assert.ok(lens?.ok, JSON.stringify(lens));
    assert.equal(lens.result.alias, 'emergency-contacts');
    const mapping = await vscode.commands.executeCommand<DryRunResponse | undefined>(
      'importStudio.dryRun',
      file('mappings', 'report-card.mapping.yaml'),
    );
    assert.ok(mapping?.ok, JSON.stringify(mapping));
    assert.equal(mapping.result.alias, 'term-grades');
    assert.equal(panelTabs().length, 1, 'one panel, reused');
  });

  test('a newer run cancels the one still running in the server', async () => {
    // Both start at once: the first request is cancelled ($/cancelRequest) as the second starts.
    const first = vscode.commands.executeCommand<DryRunResponse | undefined>(
      'importStudio.dryRun',
      file('imports', 'term-grades.import.yaml'),
    );
    const second = vscode.commands.executeCommand<DryRunResponse | undefined>(
      'importStudio.dryRun',
      file('imports', 'emergency-contacts.import.yaml'),
    );
    const [a, b] = await Promise.all([first, second]);
    assert.equal(a, undefined, 'the superseded run gives no result');
    assert.ok(b?.ok, JSON.stringify(b));
    assert.equal(b.result.alias, 'emergency-contacts');
  });

  test('a configuration that cannot run answers with its problems', async () => {
    const response = await vscode.commands.executeCommand<DryRunResponse | undefined>(
      'importStudio.dryRun',
      file('broken', 'imports', 'bad-format.import.yaml'),
    );
    assert.ok(response && !response.ok, JSON.stringify(response));
    assert.ok(response.problems.some((p) => p.code === 'E0033'));
  });

  test('closing the panel clears the dry-run diagnostics', async () => {
    await vscode.commands.executeCommand('importStudio.dryRun', file('imports', 'term-grades.import.yaml'));
    const csv = file('sftp', 'grades', 'term_grades_2024-2025.csv');
    await eventually('dry-run diagnostics', () =>
      vscode.languages.getDiagnostics(csv).some((d) => d.source === 'import-studio dry run') ? true : undefined,
    );
    await vscode.window.tabGroups.close(panelTabs());
    await eventually('cleared diagnostics', () =>
      vscode.languages.getDiagnostics(csv).some((d) => d.source === 'import-studio dry run') ? undefined : true,
    );
  });

  test('shows references from the code lens arguments (LSP JSON)', async () => {
    const uri = file('imports', 'term-grades.import.yaml');
    const target = file('mappings', 'report-card.mapping.yaml');
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
    // editor.action.showReferences rejects anything but vscode objects: this fails if the conversion is missing.
    await vscode.commands.executeCommand('importStudio.showReferences', uri.toString(), { line: 0, character: 0 }, [
      { uri: target.toString(), range: { start: { line: 1, character: 6 }, end: { line: 1, character: 17 } } },
    ]);
  });

  test('the Imports view lists every import with its files, and shows the last dry-run status', async () => {
    const api = await extensionApi();
    const tree = api.tree;
    const items = await eventually('the imports', () => {
      const list = tree.getChildren();
      return list.length >= 5 ? list : undefined;
    });
    assert.ok(
      items.some((i) => i.label === 'Term Grades 2024-2025'),
      items.map((i) => i.label).join(),
    );
    const termGrades = items.find((i) => String(i.resourceUri).endsWith('term-grades.import.yaml'));
    assert.ok(termGrades, 'term-grades is listed');
    const children = tree.getChildren(termGrades);
    const labels = children.map((c) => String(c.label));
    assert.ok(labels.includes('Source'), labels.join());
    assert.ok(
      labels.some((l) => l.startsWith('Mapping → ')),
      labels.join(),
    );
    assert.ok(
      labels.some((l) => l.startsWith('Form: ')),
      labels.join(),
    );
    const source = children.find((c) => c.label === 'Source');
    assert.equal(source?.description, 'grades/term_grades_2024-2025.csv');

    // Dry-running the view's item (its inline action passes the item) records its status on it.
    const response = await vscode.commands.executeCommand<DryRunResponse | undefined>(
      'importStudio.dryRun',
      termGrades,
    );
    assert.ok(response?.ok, JSON.stringify(response));
    const after = await eventually('the status on the item', () =>
      tree.getChildren().find((i) => String(i.description).includes(response.result.status)),
    );
    assert.ok(String(after.resourceUri).endsWith('term-grades.import.yaml'));
  });

  test('the status bar shows the import of the active file, a mapping included, and hides elsewhere', async () => {
    const api = await extensionApi();
    await vscode.window.showTextDocument(
      await vscode.workspace.openTextDocument(file('mappings', 'report-card.mapping.yaml')),
    );
    const shown = await eventually('the status bar item', () =>
      api.statusBar.state.visible ? api.statusBar.state : undefined,
    );
    assert.match(shown.text, /term-grades/);
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(file('importstudio.yaml')));
    await eventually('the item hidden', () => (api.statusBar.state.visible ? undefined : true));
  });

  test('the row-limit setting bounds dry runs from the editor', async () => {
    const settings = vscode.workspace.getConfiguration('importStudio.dryRun');
    await settings.update('rowLimit', 7, vscode.ConfigurationTarget.Workspace);
    try {
      const response = await vscode.commands.executeCommand<DryRunResponse | undefined>(
        'importStudio.dryRun',
        file('imports', 'term-grades.import.yaml'),
      );
      assert.ok(response?.ok, JSON.stringify(response));
      assert.equal(response.result.counts.rowsProcessed, 7);
      assert.equal(response.result.limited, true);
    } finally {
      await settings.update('rowLimit', undefined, vscode.ConfigurationTarget.Workspace);
    }
  });

  test('the SFTP root setting reaches the language server', async () => {
    const settings = vscode.workspace.getConfiguration('importStudio');
    await settings.update('sftpRoot', 'no-such-mirror', vscode.ConfigurationTarget.Workspace);
    const config = file('imports', 'term-grades.import.yaml');
    try {
      const response = await eventually('a run that misses the source', async () => {
        const r = await vscode.commands.executeCommand<DryRunResponse | undefined>('importStudio.dryRun', config);
        const problems = r ? (r.ok ? r.result.problems : r.problems) : [];
        return problems.some((p) => p.code === 'E0001') ? r : undefined;
      });
      assert.ok(response);
    } finally {
      await settings.update('sftpRoot', undefined, vscode.ConfigurationTarget.Workspace);
    }
    const back = await eventually('a run that reads the source again', async () => {
      const r = await vscode.commands.executeCommand<DryRunResponse | undefined>('importStudio.dryRun', config);
      return r?.ok && r.result.counts.recordsRead > 0 ? r : undefined;
    });
    assert.ok(back.ok);
  });

  test('the walkthrough command copies the sample workspace, without its generator', async () => {
    const target = vscode.Uri.joinPath(root(), '..', `samples-copy-${Date.now()}`);
    const copied = await vscode.commands.executeCommand<vscode.Uri | undefined>('importStudio.openSamples', target, {
      open: false,
    });
    assert.equal(copied?.toString(), target.toString());
    const entries = new Map(await vscode.workspace.fs.readDirectory(target));
    assert.ok(
      entries.has('importstudio.yaml') && entries.has('imports') && entries.has('broken'),
      [...entries.keys()].join(),
    );
    assert.ok(!entries.has('.tools'));
    await vscode.workspace.fs.delete(target, { recursive: true });
  });

  test('runs an import against the store, and the dashboard lists the run and opens its details', async () => {
    const api = await extensionApi();
    const config = file('imports', 'emergency-contacts.import.yaml');
    const run = await vscode.commands.executeCommand<ExecuteRunResponse | undefined>('importStudio.run', config, {
      confirm: false,
    });
    assert.ok(run?.ok, JSON.stringify(run));
    assert.equal(run.run.alias, 'emergency-contacts');
    assert.ok(run.run.recordsChanged > 0, `records changed: ${run.run.recordsChanged}`);
    const again = await vscode.commands.executeCommand<ExecuteRunResponse | undefined>('importStudio.run', config, {
      confirm: false,
    });
    assert.ok(again?.ok, JSON.stringify(again));
    assert.equal(again.run.recordsChanged, 0, 'a second run of the same file changes nothing');

    await vscode.commands.executeCommand('importStudio.showRuns');
    const overview = await eventually('the dashboard overview', () =>
      api.dashboard.current.kind === 'overview' ? api.dashboard.current.overview : undefined,
    );
    const runs = overview.workspaces.flatMap((w) => w.runs);
    assert.ok(runs.some((r) => r.id === run.run.id) && runs.some((r) => r.id === again.run.id));
    const workspace = api.imports.importOf(config)?.workspace;
    assert.ok(workspace, 'the import is listed');
    await api.dashboard.showRun(workspace, run.run.id);
    const details = await eventually('the run details', () =>
      api.dashboard.current.kind === 'run' ? api.dashboard.current.details : undefined,
    );
    assert.equal(details.run.id, run.run.id);
    assert.equal(details.changes.total, run.run.recordsChanged);
  });
});

async function extensionApi(): Promise<ImportStudioApi> {
  const extension = vscode.extensions.getExtension<ImportStudioApi>(extensionId);
  assert.ok(extension, `${extensionId} is installed`);
  return extension.activate();
}
