// `npm run test:electron`: the same mocha suite as `npm run test:vscode` (dist/test/index.js), in a
// desktop VS Code that @vscode/test-electron downloads. For machines that can reach
// update.code.visualstudio.com; these cannot, which is why scripts/test-vscode.mjs uses code-server.
// The suite's UI checks (the webview's DOM) live in scripts/test-vscode.mjs and do not run here.
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runTests } from '@vscode/test-electron';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const build = spawnSync(process.execPath, [join(root, 'esbuild.mjs')], { stdio: 'inherit', cwd: root });
if (build.status !== 0) process.exit(build.status ?? 1);

// The same workspace as scripts/test-vscode.mjs: a copy of samples/ with a script payload in one cell.
const tmp = mkdtempSync(join(tmpdir(), 'import-studio-electron-'));
const workspace = join(tmp, 'samples');
cpSync(join(root, 'samples'), workspace, { recursive: true });
const csv = join(workspace, 'sftp', 'grades', 'term_grades_2024-2025.csv');
const cell = 'Joaquín should read 20 minutes each night, and log the books read.';
writeFileSync(csv, readFileSync(csv, 'utf8').replace(cell, '<img src=x onerror=alert(1)>'));

let code = 1;
try {
  code = await runTests({
    version: '1.100.3',
    extensionDevelopmentPath: root,
    extensionTestsPath: join(root, 'dist', 'test', 'index.js'),
    launchArgs: [workspace, '--disable-workspace-trust', '--disable-extensions', '--user-data-dir', join(tmp, 'user')],
  });
} catch (error) {
  console.error(error);
} finally {
  rmSync(tmp, { recursive: true, force: true });
}
process.exit(code);
