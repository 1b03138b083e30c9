// Runs the extension's tests in a real VS Code: code-server 4.100.3 (VS Code 1.100.3 from npm, since
// these machines cannot download VS Code for @vscode/test-electron) driven by Debian's Chromium
// through playwright-core. The recipe is /work/shared/docs/real-vscode-testing.md:
//   1. install code-server once into .ci/.cache/code-server (ripgrep's download seeded from Debian's rg);
//   2. start it on 127.0.0.1 with a temporary copy of samples/ (with a script payload planted in a cell);
//   3. phase 1: load the workbench with the extensionDevelopmentPath/extensionTestsPath payload, so the
//      mocha suite (test/vscode/suite, bundled to dist/test/) runs in the extension host, and wait for
//      codeAutomationExit;
//   4. phase 2: load it again as a person would, run the dry-run command from the palette and check
//      what the panel's webview shows, and that a click on an error opens the right line;
//   5. phase 3: the web extension (package.json `browser`) with extensionDevelopmentKind web, running
//      test/vscode/web (dist/test/web/index.js) in the web-worker extension host.
// Screenshots go to test-artifacts/; `--update-screenshot` also writes docs/images/dry-run-panel.png and
// docs/images/run-details.png;
// `--web-only` runs phase 3 alone.
// Exit code: 0 when every phase passes.
/* global document, fetch, setTimeout -- Node 20 globals, and the page's document in waitForFunction bodies. */
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { format } from 'node:util';
import { chromium } from 'playwright-core';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const codeServerVersion = '4.100.3';
// The @vscode/ripgrep version in code-server 4.100.3's lib/vscode/npm-shrinkwrap.json, and the archive it fetches.
const ripgrepCache = join(tmpdir(), 'vscode-ripgrep-cache-1.15.11');
const ripgrepArchive = 'ripgrep-v13.0.0-10-x86_64-unknown-linux-musl.tar.gz';
const cacheDir = join(root, '.ci', '.cache', 'code-server');
const codeServerBin = join(cacheDir, 'node_modules', 'code-server', 'out', 'node', 'entry.js');
const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const artifacts = join(root, 'test-artifacts');
const payload = '<img src=x onerror=alert(1)>';
const updateScreenshot = process.argv.includes('--update-screenshot');
// `--web-only`: phase 3 alone (while working on the web entry).
const webOnly = process.argv.includes('--web-only');

function log(message) {
  console.log(`[test:vscode] ${message}`);
}

function run(command, args, options = {}) {
  const result = spawnSync(command, args, { stdio: 'inherit', ...options });
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} exited with ${result.status}`);
}

function installedVersion() {
  const pkg = join(cacheDir, 'node_modules', 'code-server', 'package.json');
  return existsSync(pkg) && existsSync(codeServerBin) ? JSON.parse(readFileSync(pkg, 'utf8')).version : undefined;
}

function installCodeServer() {
  if (installedVersion() === codeServerVersion) return;
  const started = Date.now();
  log(`installing code-server ${codeServerVersion} into ${cacheDir} (about a minute, once)`);
  // @vscode/ripgrep's postinstall downloads rg from GitHub unless this archive is in its cache.
  if (!existsSync(join(ripgrepCache, ripgrepArchive))) {
    const rg = spawnSync('sh', ['-c', 'command -v rg'], { encoding: 'utf8' }).stdout.trim();
    if (!rg) throw new Error('ripgrep is missing: apt-get install ripgrep (see .ci/run)');
    const staging = mkdtempSync(join(tmpdir(), 'rg-'));
    cpSync(rg, join(staging, 'rg'));
    mkdirSync(ripgrepCache, { recursive: true });
    run('tar', ['-czf', join(ripgrepCache, ripgrepArchive), '-C', staging, 'rg']);
    rmSync(staging, { recursive: true, force: true });
  }
  mkdirSync(cacheDir, { recursive: true });
  if (!existsSync(join(cacheDir, 'package.json'))) writeFileSync(join(cacheDir, 'package.json'), '{"private":true}\n');
  const env = {
    ...process.env,
    // code-server's postinstall refuses to run as root without it.
    npm_config_unsafe_perm: 'true',
    // node-pty's postinstall runs `npx node-gyp`, which must not stop to ask.
    npm_config_yes: 'true',
    // Native modules build against the local Node headers (Debian's nodejs puts them in /usr/include/node).
    npm_config_nodedir: process.env.npm_config_nodedir ?? '/usr',
  };
  run('npm', ['install', '--no-save', '--no-audit', '--no-fund', `code-server@${codeServerVersion}`], {
    cwd: cacheDir,
    env,
  });
  if (installedVersion() !== codeServerVersion) throw new Error('code-server did not install');
  log(`code-server installed in ${Math.round((Date.now() - started) / 1000)} s`);
}

/** The temporary workspace: a copy of samples/ whose term-grades data holds a script payload in one cell. */
function prepareWorkspace(tmp) {
  const workspace = join(tmp, 'samples');
  cpSync(join(root, 'samples'), workspace, { recursive: true });
  const csv = join(workspace, 'sftp', 'grades', 'term_grades_2024-2025.csv');
  const text = readFileSync(csv, 'utf8');
  // A one-line cell, so no line of the file moves (the error-row check below knows its line).
  const cell = 'Joaquín should read 20 minutes each night, and log the books read.';
  if (!text.includes(cell)) throw new Error(`the sample data changed: ${cell} is gone`);
  writeFileSync(csv, text.replace(cell, payload));
  // A nested workspace with a file big enough that its dry run lasts seconds: phase 2 cancels it.
  const generated = spawnSync(
    process.execPath,
    [
      '--import',
      'tsx',
      join(root, 'scripts', 'generate-large.ts'),
      'csv',
      '--rows',
      '400000',
      '--people',
      '2000',
      '--out',
      join(workspace, 'large', 'students.csv'),
    ],
    { cwd: root, encoding: 'utf8' },
  );
  if (generated.status !== 0) throw new Error(`generate-large failed: ${generated.stderr}`);
  return workspace;
}

function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

async function waitForHealth(base, child) {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`code-server exited with ${child.exitCode}`);
    try {
      if ((await fetch(`${base}/healthz`)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error('code-server did not answer /healthz within 60 s');
}

function workbenchUrl(base, host, workspace, testsPath, kind) {
  const settings = [
    ['extensionDevelopmentPath', `vscode-remote://${host}${root}`],
    ['skipWelcome', 'true'],
  ];
  if (testsPath) settings.push(['extensionTestsPath', `vscode-remote://${host}${testsPath}`]);
  // 'web': the extension's `browser` entry in the web-worker extension host (VS Code 1.100's
  // workbench reads one kind per pair: ['extensionDevelopmentKind', 'web']).
  if (kind) settings.push(['extensionDevelopmentKind', kind]);
  return `${base}/?folder=${encodeURIComponent(workspace)}&payload=${encodeURIComponent(JSON.stringify(settings))}`;
}

/** Phase 1: the mocha suite in the extension host; resolves to its exit code. */
async function runSuite(browser, url, screenshot = 'suite-end') {
  const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  let settle;
  const exited = new Promise((resolve) => (settle = resolve));
  await page.exposeFunction('codeAutomationLog', (type, args) => {
    // The extension host's console arguments, format string first (mocha's reporter uses them).
    console.log(`  [extension host ${type}] ${Array.isArray(args) ? format(...args) : String(args)}`);
  });
  await page.exposeFunction('codeAutomationExit', (code) => settle(code));
  await page.goto(url);
  const timeout = new Promise((resolve) => setTimeout(() => resolve('timeout'), 240_000));
  const code = await Promise.race([exited, timeout]);
  await page.screenshot({ path: join(artifacts, `${screenshot}.png`) });
  await page.close();
  if (code === 'timeout') {
    log('the suite did not finish within 240 s');
    return 1;
  }
  return code;
}

/** Phase 2: what a person sees. Each check throws with what it expected. */
async function runUiChecks(browser, url, workspace) {
  const expected = JSON.parse(
    spawnSync(
      process.execPath,
      [join(root, 'dist', 'cli.js'), 'dry-run', '--json', join(workspace, 'imports', 'term-grades.import.yaml')],
      {
        encoding: 'utf8',
        maxBuffer: 64 * 1024 * 1024,
      },
    ).stdout,
  );
  const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  const dialogs = [];
  page.on('dialog', (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  const shot = (name) => page.screenshot({ path: join(artifacts, `${name}.png`) });
  try {
    await page.goto(url);
    await page.locator('.monaco-workbench').waitFor({ timeout: 60_000 });
    await page.locator('.explorer-folders-view, .explorer-viewlet').first().waitFor({ timeout: 60_000 });
    log('workbench loaded');
    // More room for the panel (and a clearer screenshot): no side bar.
    await runCommand(page, 'View: Toggle Primary Side Bar Visibility');

    // Open the import configuration with Quick Open, then run the command from the palette.
    await page.keyboard.press('Control+P');
    await page.locator('.quick-input-widget input').waitFor();
    await page.keyboard.type('term-grades.import.yaml');
    await page.locator('.quick-input-list .monaco-list-row', { hasText: 'term-grades.import.yaml' }).first().waitFor();
    await page.keyboard.press('Enter');
    await page.locator('.tab.active', { hasText: 'term-grades.import.yaml' }).waitFor();
    await runCommand(page, 'Import Studio: Dry Run');

    const frame = page.frameLocator('iframe.webview.ready').first().frameLocator('#active-frame');
    const status = frame.locator('[data-testid=status]');
    await status.waitFor({ timeout: 90_000 });
    check(
      (await status.textContent()) === expected.status,
      `status ${await status.textContent()} is ${expected.status}`,
    );
    const count = async (key) => (await frame.locator(`[data-count=${key}] .count`).textContent())?.replace(/,/g, '');
    check(
      (await count('processed')) === String(expected.counts.rowsProcessed),
      'rows processed as the CLI counts them',
    );
    check((await count('read')) === String(expected.counts.recordsRead), 'records read as the CLI counts them');
    const plan = Object.values(expected.counts.plan).reduce((a, p) => a + p.create, 0);
    check((await count('create')) === String(plan), 'records to create as the CLI counts them');
    log('header counts match the CLI');

    // The payload cell is text: the cell shows the characters and no element was made of it.
    const cell = frame.locator('.grid-body .cell', { hasText: payload });
    await cell.first().waitFor();
    check((await cell.first().textContent()) === payload, 'the payload cell shows its text');
    check((await frame.locator('img').count()) === 0, 'no <img> element in the panel');
    check(dialogs.length === 0, `no dialog opened (${dialogs.join(', ')})`);
    // A virtualized grid: far fewer row elements than processed rows.
    const rendered = await frame.locator('.grid-body .grid-row').count();
    check(rendered > 0 && rendered < 120, `only the visible rows are rendered (${rendered})`);
    log('payload rendered as text; grid virtualized');

    // Column statistics over the rows the panel holds, as counted from the CLI's result: the column
    // with the most blanks shows that many, and its distinct values.
    await frame.locator('button.toggle', { hasText: 'Column statistics' }).click();
    const text = (v) => (v === null || v === undefined ? '' : typeof v === 'string' ? v : JSON.stringify(v));
    const columns = expected.cache.columns.map((name, i) => {
      const cells = expected.cache.rows.map((r) => text(r.values[i]));
      const filled = cells.filter((c) => c.trim() !== '');
      return { name, empty: cells.length - filled.length, distinct: new Set(filled).size };
    });
    const blankest = columns.reduce((a, b) => (b.empty > a.empty ? b : a));
    const statRow = frame
      .locator('.stats-table tbody tr')
      .filter({ has: frame.getByRole('rowheader', { name: blankest.name, exact: true }) });
    const stat = async (key) => (await statRow.first().locator(`[data-stat=${key}]`).textContent())?.replace(/,/g, '');
    check((await stat('empty')) === String(blankest.empty), `${blankest.name}: ${blankest.empty} empty cells`);
    check(
      (await stat('distinct')) === String(blankest.distinct),
      `${blankest.name}: ${blankest.distinct} distinct values`,
    );
    await shot('panel-column-stats');
    await frame.locator('button.toggle', { hasText: 'Column statistics' }).click();
    log(`column statistics match the CLI's rows (${blankest.name}: ${blankest.empty} empty)`);

    // Rows are focusable and ArrowDown moves to the next one.
    await frame.locator('.grid-body .grid-row[tabindex="0"]').focus();
    await page.keyboard.press('ArrowDown');
    const focusedRow = frame.locator('.grid-body .grid-row:focus .cell-num');
    check((await focusedRow.textContent()) === '2', 'ArrowDown focuses the second row');
    await shot('panel-rows');

    // Keyboard: ArrowRight from the focused tab selects the next tab.
    await frame.locator('#tab-rows').focus();
    await page.keyboard.press('ArrowRight');
    check(
      (await frame.locator('#tab-mapping').getAttribute('aria-selected')) === 'true',
      'ArrowRight selects Mapping results',
    );
    await frame.locator('.plan-entry').first().waitFor();
    check(
      (await frame.locator('.plan-form').count()) === Object.keys(expected.counts.plan).length,
      'one group per form',
    );
    await shot('panel-mapping');
    if (updateScreenshot) {
      mkdirSync(join(root, 'docs', 'images'), { recursive: true });
      await page.screenshot({ path: join(root, 'docs', 'images', 'dry-run-panel.png') });
      log('wrote docs/images/dry-run-panel.png');
    }

    await page.keyboard.press('ArrowRight');
    check((await frame.locator('#tab-errors').getAttribute('aria-selected')) === 'true', 'ArrowRight selects Errors');
    const rows = frame.locator('tr.problem');
    check((await rows.count()) === expected.problems.length, `one error row per problem (${expected.problems.length})`);
    const first = expected.problems[0];
    check((await rows.first().locator('.code').textContent()) === first.code, `the first row is ${first.code}`);
    await shot('panel-errors');

    // A click on the error row opens its file at its line, in the editor beside the panel.
    await rows.first().click();
    const line = first.locations[0].range.start.line + 1;
    const file = first.locations[0].file.split('/').pop();
    await page.locator('.tab.active', { hasText: file }).first().waitFor({ timeout: 30_000 });
    const selection = page.locator('[id="status.editor.selection"]');
    await selection.waitFor();
    await page.waitForFunction(
      (expectedLine) =>
        document.getElementById('status.editor.selection')?.textContent?.includes(`Ln ${expectedLine},`),
      line,
      { timeout: 15_000 },
    );
    log(`the error row opened ${file} at line ${line}`);
    await shot('error-revealed');

    // Re-run on save: change the locked row's student id in the editor (the cursor is at its start)
    // and save; the panel shows a new run, in which that row no longer matches a person.
    const header = frame.locator('[data-testid=header]');
    const before = await header.getAttribute('data-finished');
    await page.keyboard.type('9');
    await page.keyboard.press('Control+S');
    await page.waitForFunction(() => !document.querySelector('.tab.active')?.classList.contains('dirty'), undefined, {
      timeout: 15_000,
    });
    await header.locator('[data-testid=status]').waitFor();
    const deadline = Date.now() + 30_000;
    while ((await header.getAttribute('data-finished')) === before && Date.now() < deadline)
      await page.waitForTimeout(200);
    check((await header.getAttribute('data-finished')) !== before, 'saving a workspace file re-runs the dry run');
    await frame.locator('tr.problem .code', { hasText: 'E0019' }).waitFor({ state: 'detached', timeout: 15_000 });
    log('saving re-ran the dry run (the locked row no longer matches)');

    // A long dry run shows a progress notification whose Cancel button stops it in the server.
    await page.keyboard.press('Control+P');
    await page.locator('.quick-input-widget input').waitFor();
    await page.keyboard.type('students-csv.import.yaml');
    await page.locator('.quick-input-list .monaco-list-row', { hasText: 'students-csv.import.yaml' }).first().waitFor();
    await page.keyboard.press('Enter');
    await page.locator('.tab.active', { hasText: 'students-csv.import.yaml' }).waitFor();
    await runCommand(page, 'Import Studio: Dry Run');
    const toast = page.locator('.notification-toast', { hasText: 'Dry run of' });
    await toast.waitFor({ timeout: 30_000 });
    await shot('progress-notification');
    await toast.locator('.monaco-button', { hasText: 'Cancel' }).click();
    await frame.locator('.message', { hasText: 'cancelled' }).waitFor({ timeout: 30_000 });
    await toast.waitFor({ state: 'detached', timeout: 15_000 });
    log('the Cancel button of the progress notification cancelled the dry run');

    // The runs dashboard shows the runs phase 1 made (the store is on disk in the workspace): the
    // recent activity lists them, and a click opens a run with its changed records.
    await runCommand(page, 'Import Studio: Show Runs');
    const dashboard = await frameWith(page, '.runs-table');
    const runRows = dashboard.locator('tr.run-row');
    check((await runRows.count()) >= 2, `the recent activity lists the runs (${await runRows.count()})`);
    check((await runRows.filter({ hasText: 'Emergency' }).count()) >= 2, 'both runs of emergency-contacts are listed');
    await shot('runs-dashboard');
    await runRows.last().click();
    await dashboard.locator('[data-testid=run-status]').waitFor({ timeout: 15_000 });
    check((await dashboard.locator('h2', { hasText: 'Records changed' }).count()) === 1, 'the run details show');
    await shot('run-details');
    if (updateScreenshot) {
      await page.screenshot({ path: join(root, 'docs', 'images', 'run-details.png') });
      log('wrote docs/images/run-details.png');
    }
    log('the runs dashboard lists the runs and opens one');
  } catch (error) {
    await shot('ui-failure').catch(() => {});
    throw error;
  } finally {
    await page.close();
  }
}

/** The webview frame whose document holds `selector` (several webviews may be open). */
async function frameWith(page, selector, timeoutMs = 30_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const outer = page.locator('iframe.webview.ready');
    const n = await outer.count();
    for (let i = 0; i < n; i++) {
      const frame = page.frameLocator('iframe.webview.ready').nth(i).frameLocator('#active-frame');
      if ((await frame.locator(selector).count()) > 0) return frame;
    }
    await page.waitForTimeout(200);
  }
  throw new Error(`UI check failed: no webview shows ${selector}`);
}

/** Runs a command from the palette (F1), as a person would. */
async function runCommand(page, title) {
  await page.keyboard.press('F1');
  await page.locator('.quick-input-widget input').waitFor();
  await page.keyboard.type(title);
  await page.locator('.quick-input-list .monaco-list-row', { hasText: title }).first().waitFor();
  await page.keyboard.press('Enter');
  await page.locator('.quick-input-widget').waitFor({ state: 'hidden' });
}

function check(ok, what) {
  if (!ok) throw new Error(`UI check failed: ${what}`);
}

async function main() {
  mkdirSync(artifacts, { recursive: true });
  if (!existsSync(chromiumPath)) throw new Error(`${chromiumPath} is missing: apt-get install chromium (see .ci/run)`);
  installCodeServer();
  run(process.execPath, [join(root, 'esbuild.mjs')], { cwd: root });

  const tmp = mkdtempSync(join(tmpdir(), 'import-studio-vscode-'));
  const workspace = prepareWorkspace(tmp);
  const userDir = join(tmp, 'user');
  mkdirSync(join(userDir, 'User'), { recursive: true });
  const settings = {
    'workbench.startupEditor': 'none',
    'workbench.tips.enabled': false,
    'extensions.autoCheckUpdates': false,
    'extensions.autoUpdate': false,
    'telemetry.telemetryLevel': 'off',
  };
  const settingsFile = join(userDir, 'User', 'settings.json');
  writeFileSync(settingsFile, JSON.stringify(settings));
  const port = await freePort();
  const host = `127.0.0.1:${port}`;
  const base = `http://${host}`;
  const args = [
    codeServerBin,
    '--auth',
    'none',
    '--bind-addr',
    host,
    '--disable-telemetry',
    '--disable-update-check',
    '--disable-workspace-trust',
    '--extensions-dir',
    join(tmp, 'extensions'),
    '--user-data-dir',
    userDir,
    workspace,
  ];
  // Its own process group: code-server leaves extension hosts and language servers behind, so the
  // whole group is stopped at the end.
  const codeServer = spawn(process.execPath, args, { detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  const serverLog = [];
  codeServer.stdout.on('data', (d) => serverLog.push(String(d)));
  codeServer.stderr.on('data', (d) => serverLog.push(String(d)));
  let browser;
  let code;
  try {
    await waitForHealth(base, codeServer);
    log(`code-server ${codeServerVersion} on ${base}, workspace ${workspace}`);
    browser = await chromium.launch({
      executablePath: chromiumPath,
      headless: true,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-dev-shm-usage',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    });
    code = 0;
    if (!webOnly) {
      const started = Date.now();
      code = await runSuite(browser, workbenchUrl(base, host, workspace, join(root, 'dist', 'test', 'index.js')));
      log(
        `phase 1 (mocha suite in the extension host): exit ${code} in ${Math.round((Date.now() - started) / 1000)} s`,
      );
      if (code === 0) {
        const uiStarted = Date.now();
        await runUiChecks(browser, workbenchUrl(base, host, workspace), workspace);
        log(`phase 2 (UI checks): passed in ${Math.round((Date.now() - uiStarted) / 1000)} s`);
      }
    }
    if (code === 0) {
      // Phase 3: the web extension (VS Code for the Web) in the web-worker extension host, on its
      // own copy of the samples (no generated large/ file: the web server reads whole files).
      const webStarted = Date.now();
      const webWorkspace = join(tmp, 'web-samples');
      cpSync(join(root, 'samples'), webWorkspace, { recursive: true });
      const webTests = join(root, 'dist', 'test', 'web', 'index.js');
      // VS Code 1.100's web workbench drops the payload's extensionDevelopmentKind: its environment
      // service names the value extensionDevelopmentLocationKind, while the extension host picker reads
      // extensionDevelopmentKind (undefined), so the extension would run in the Node host again. The
      // user setting remote.extensionKind is read by the same picker: ['web'] puts the extension in
      // the web-worker host. Set for this pass only (the workbench reads settings on load).
      writeFileSync(
        settingsFile,
        JSON.stringify({ ...settings, 'remote.extensionKind': { 'import-studio.import-studio': ['web'] } }),
      );
      code = await runSuite(browser, workbenchUrl(base, host, webWorkspace, webTests, 'web'), 'web-suite-end');
      log(`phase 3 (web extension suite): exit ${code} in ${Math.round((Date.now() - webStarted) / 1000)} s`);
    }
  } catch (error) {
    console.error(error);
    code = 1;
  } finally {
    await browser?.close();
    try {
      process.kill(-codeServer.pid, 'SIGTERM');
    } catch {
      // already gone
    }
    writeFileSync(join(artifacts, 'code-server.log'), serverLog.join(''));
    rmSync(tmp, { recursive: true, force: true });
  }
  process.exit(code);
}

await main();
