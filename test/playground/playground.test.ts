/**
 * The browser playground in Debian's Chromium (playwright-core, headless): the built page
 * (dist/playground: `npm run build` first) served by scripts/serve-playground.mjs on a free port.
 * The page exposes a small probe ((globalThis as unknown as ProbeHost).importStudioPlayground) for what the DOM does not show
 * plainly: Monaco's markers with their codes, and timings.
 */
import assert from 'node:assert/strict';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { unzipSync } from 'fflate';
import { after, before, test } from 'node:test';
import { type Browser, chromium, type Page } from 'playwright-core';
import { generate } from '../../scripts/generate-large';

const root = join(import.meta.dirname, '..', '..');
const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

interface Marker {
  code: string;
  message: string;
  line: number;
}

interface Probe {
  firstDiagnosticsMs?: number;
  markers(path: string): Marker[];
  open(path: string): boolean;
  paths(): string[];
  diagnosticCodes(path: string): Promise<string[]>;
  editor: {
    setSelection(range: object): void;
    trigger(source: string, handler: string, payload: unknown): void;
    executeEdits(source: string, edits: object[]): boolean;
    getModel(): { getLineContent(line: number): string } | null;
  };
}

/** The page's window as the tests see it (the test's own types have no DOM). */
interface ProbeHost {
  importStudioPlayground?: Probe;
}

let browser: Browser;
let server: { url: string; close(): Promise<void> };

before(async () => {
  assert.ok(existsSync(join(root, 'dist/playground/index.html')), 'dist/playground is missing: npm run build first');
  const { servePlayground } = (await import(join(root, 'scripts/serve-playground.mjs'))) as {
    servePlayground(options: { root: string; port: number }): Promise<typeof server>;
  };
  server = await servePlayground({ root: join(root, 'dist/playground'), port: 0 });
  browser = await chromium.launch({ executablePath: chromiumPath, headless: true });
});

after(async () => {
  await browser?.close();
  await server?.close();
});

/** A fresh page at the playground, with its console errors collected, once the first diagnostics landed. */
async function openPlayground(): Promise<{ page: Page; errors: string[] }> {
  const page = await browser.newPage();
  const errors: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(server.url);
  await page.waitForFunction(
    () => (globalThis as unknown as ProbeHost).importStudioPlayground?.firstDiagnosticsMs !== undefined,
    null,
    {
      timeout: 30_000,
    },
  );
  return { page, errors };
}

/** Waits until a file's markers include every expected code (or, for 'none', until it has none). */
async function markersOf(page: Page, path: string, expected: string[] | 'none'): Promise<string[]> {
  const handle = await page.waitForFunction(
    ({ path, expected }) => {
      const codes = (globalThis as unknown as ProbeHost)
        .importStudioPlayground!.markers(path)
        .map((m: Marker) => m.code);
      const done = expected === 'none' ? codes.length === 0 : expected.every((c) => codes.includes(c));
      return done ? codes : false;
    },
    { path, expected },
    { timeout: 15_000 },
  );
  return (await handle.jsonValue()) as string[];
}

/** The broken samples' `# expect: CODE /pointer` annotations, by workspace-relative path. */
function expectations(): Map<string, string[]> {
  const found = new Map<string, string[]>();
  for (const folder of ['imports', 'mappings', 'forms']) {
    for (const name of readdirSync(join(root, 'samples/broken', folder))) {
      if (!name.endsWith('.yaml')) continue;
      const text = readFileSync(join(root, 'samples/broken', folder, name), 'utf8');
      const codes = [...text.matchAll(/^# expect: (E\d{4}) /gm)].map((m) => m[1]!);
      if (codes.length > 0) found.set(`broken/${folder}/${name}`, codes);
    }
  }
  return found;
}

test('the playground loads with no console errors and lists the samples', async () => {
  const { page, errors } = await openPlayground();
  assert.equal(await page.locator('body').getAttribute('data-ready'), 'true');
  assert.ok((await page.locator('.file-tree .file').count()) > 50, 'the file tree lists the samples');
  assert.deepEqual(errors, []);
  await page.close();
});

test("broken samples show markers with their '# expect:' codes", async () => {
  const { page } = await openPlayground();
  const expected = expectations();
  assert.ok(expected.size >= 10, `few annotated samples: ${expected.size}`);
  const picks = [
    'broken/mappings/iep-unknown-field.mapping.yaml',
    'broken/mappings/unknown-alias.mapping.yaml',
    'broken/imports/bad-date-pattern.import.yaml',
    'broken/forms/bad-field-type.form.yaml',
  ];
  for (const path of picks) {
    const codes = expected.get(path);
    assert.ok(codes, `${path} carries no # expect: comment`);
    assert.equal(
      await page.evaluate((p) => (globalThis as unknown as ProbeHost).importStudioPlayground!.open(p), path),
      true,
    );
    const found = await markersOf(page, path, codes);
    for (const code of codes) assert.ok(found.includes(code), `${path}: ${code} missing from ${found.join(', ')}`);
  }
  await page.close();
});

test("completion in a mapping offers the sample file's columns", async () => {
  const { page } = await openPlayground();
  const path = 'mappings/iep-snapshot.mapping.yaml';
  const header = readFileSync(join(root, 'samples/sftp/iep/iep_snapshot.csv'), 'utf8').split(/\r?\n/, 1)[0]!;
  const columns = header.split(',');
  await page.evaluate((p) => (globalThis as unknown as ProbeHost).importStudioPlayground!.open(p), path);
  // `  notes: Notes`: the value becomes `Svc_`, and completion is asked for after it. Only the data file
  // has columns starting so (the list is virtual: a prefix keeps the rows asserted on in view).
  const line =
    readFileSync(join(root, 'samples', path), 'utf8')
      .split('\n')
      .indexOf('  notes: Notes') + 1;
  assert.ok(line > 0);
  await page.evaluate((line) => {
    const editor = (globalThis as unknown as ProbeHost).importStudioPlayground!.editor;
    editor.executeEdits('test', [
      { range: { startLineNumber: line, startColumn: 10, endLineNumber: line, endColumn: 15 }, text: 'Svc_' },
    ]);
    editor.setSelection({ startLineNumber: line, startColumn: 14, endLineNumber: line, endColumn: 14 });
  }, line);
  // Asked again until rows show: on a loaded machine the first ask can come before the worker has
  // the data file's profile, and an empty answer shows no widget at all.
  const rows = page.locator('.suggest-widget .monaco-list-row');
  const deadline = Date.now() + 20_000;
  for (;;) {
    await page.evaluate(() =>
      (globalThis as unknown as ProbeHost).importStudioPlayground!.editor.trigger(
        'test',
        'editor.action.triggerSuggest',
        {},
      ),
    );
    const shown = await rows
      .first()
      .waitFor({ timeout: 2_000 })
      .then(() => true)
      .catch(() => false);
    if (shown) break;
    assert.ok(Date.now() < deadline, 'no completion rows within 20 s');
  }
  const labels = await rows.evaluateAll((els) =>
    els.map((el) => el.getAttribute('aria-label') ?? el.textContent ?? ''),
  );
  const offered = columns.filter((c) => c.startsWith('Svc_') && labels.some((l) => l.includes(c)));
  assert.ok(offered.length >= 3, `columns offered: ${offered.join(', ')} among ${labels.join(' | ')}`);
  await page.close();
});

test('a dry run shows the counts and an error row in the panel', async () => {
  const { page } = await openPlayground();
  const expected = JSON.parse(readFileSync(join(root, 'samples/.tools/expected-dry-run.json'), 'utf8')) as Record<
    string,
    { rowsProcessed: number; problems: Record<string, number> }
  >;
  const grades = expected['term-grades']!;
  await page.evaluate(() =>
    (globalThis as unknown as ProbeHost).importStudioPlayground!.open('imports/term-grades.import.yaml'),
  );
  await page.click('#dry-run');
  const panel = page.frameLocator('iframe.panel-frame');
  const processed = panel.locator('[data-count="processed"] .count');
  await processed.waitFor({ timeout: 30_000 });
  assert.equal(Number((await processed.textContent())!.replaceAll(',', '')), grades.rowsProcessed);
  await panel.locator('[role="tab"][data-tab="errors"]').click();
  const codes = await panel.locator('[data-testid="problems"] td.code').allTextContents();
  for (const code of Object.keys(grades.problems))
    assert.ok(codes.includes(code), `${code} not in ${codes.join(', ')}`);
  // The README's picture: with the test artifacts always, into docs/images when asked.
  mkdirSync(join(root, 'test-artifacts'), { recursive: true });
  await page.setViewportSize({ width: 1400, height: 860 });
  await panel.locator('[role="tab"][data-tab="mapping"]').click();
  await page.screenshot({ path: join(root, 'test-artifacts', 'playground-dry-run.png') });
  if (process.env.UPDATE_SCREENSHOTS === '1')
    await page.screenshot({ path: join(root, 'docs', 'images', 'playground.png') });
  await page.close();
});

test('an edit that fixes an error clears its marker', async () => {
  const { page } = await openPlayground();
  const path = 'broken/mappings/iep-unknown-field.mapping.yaml';
  await page.evaluate((p) => (globalThis as unknown as ProbeHost).importStudioPlayground!.open(p), path);
  await markersOf(page, path, ['E0025']);
  const line =
    readFileSync(join(root, 'samples', path), 'utf8')
      .split('\n')
      .indexOf('  nextReviewDte: NextReviewDate') + 1;
  assert.ok(line > 0);
  await page.evaluate((line) => {
    (globalThis as unknown as ProbeHost).importStudioPlayground!.editor.executeEdits('test', [
      { range: { startLineNumber: line, startColumn: 3, endLineNumber: line, endColumn: 16 }, text: 'nextReviewDate' },
    ]);
  }, line);
  assert.equal(
    await page.evaluate(
      (line) => (globalThis as unknown as ProbeHost).importStudioPlayground!.editor.getModel()!.getLineContent(line),
      line,
    ),
    '  nextReviewDate: NextReviewDate',
  );
  await markersOf(page, path, 'none');
  await page.close();
});

/** Opens a folder from disk through the page's picker and waits until the tree lists `expected`. */
async function openFolder(page: Page, dir: string, expected: string): Promise<void> {
  await page.setInputFiles('#open-folder', dir);
  await page.waitForFunction(
    (p) => (globalThis as unknown as ProbeHost).importStudioPlayground!.paths().includes(p),
    expected,
    { timeout: 30_000 },
  );
}

/** A copy of samples/ (without its generator) in which bad-format.import.yaml is renamed from-disk.import.yaml. */
function diskWorkspace(): string {
  const dir = join(mkdtempSync(join(tmpdir(), 'playground-disk-')), 'my-workspace');
  cpSync(join(root, 'samples'), dir, { recursive: true, filter: (src) => !src.includes('.tools') });
  renameSync(join(dir, 'broken/imports/bad-format.import.yaml'), join(dir, 'broken/imports/from-disk.import.yaml'));
  // Capitals and a space: monaco.lsp lower-cases the URIs of its document notifications.
  renameSync(
    join(dir, 'broken/mappings/iep-unknown-field.mapping.yaml'),
    join(dir, 'broken/mappings/IEP Unknown Field.mapping.yaml'),
  );
  return dir;
}

test('a folder opened from disk replaces the workspace, and its files get diagnostics', async () => {
  const { page, errors } = await openPlayground();
  const dir = diskWorkspace();
  try {
    const path = 'broken/imports/from-disk.import.yaml';
    await openFolder(page, dir, path);
    const paths = await page.evaluate(() => (globalThis as unknown as ProbeHost).importStudioPlayground!.paths());
    assert.ok(!paths.includes('broken/imports/bad-format.import.yaml'), 'the samples were replaced');
    assert.ok(paths.includes('importstudio.yaml'), `the picked folder's own name is dropped: ${paths[0]}`);
    assert.equal(await page.locator('.file-tree .file[data-path="broken/imports/from-disk.import.yaml"]').count(), 1);
    await page.evaluate((p) => (globalThis as unknown as ProbeHost).importStudioPlayground!.open(p), path);
    await markersOf(page, path, ['E0033']);
    assert.deepEqual(errors, []);
  } finally {
    rmSync(join(dir, '..'), { recursive: true, force: true });
    await page.close();
  }
});

test('a file from disk whose name has capitals and a space gets its edits checked', async () => {
  const { page, errors } = await openPlayground();
  const dir = diskWorkspace();
  try {
    const path = 'broken/mappings/IEP Unknown Field.mapping.yaml';
    await openFolder(page, dir, path);
    await page.evaluate((p) => (globalThis as unknown as ProbeHost).importStudioPlayground!.open(p), path);
    await markersOf(page, path, ['E0025']);
    const line = readFileSync(join(dir, path), 'utf8').split('\n').indexOf('  nextReviewDte: NextReviewDate') + 1;
    assert.ok(line > 0);
    await page.evaluate((line) => {
      (globalThis as unknown as ProbeHost).importStudioPlayground!.editor.executeEdits('test', [
        {
          range: { startLineNumber: line, startColumn: 3, endLineNumber: line, endColumn: 16 },
          text: 'nextReviewDate',
        },
      ]);
    }, line);
    // The edit reaches the worker's copy of this very file (not a lower-cased twin of it): asked
    // directly, the worker finds the file fixed, and the editor's marker goes.
    const deadline = Date.now() + 15_000;
    let codes: string[] = ['E0025'];
    while (codes.length > 0 && Date.now() < deadline) {
      await page.waitForTimeout(250);
      codes = await page.evaluate(
        (p) => (globalThis as unknown as ProbeHost).importStudioPlayground!.diagnosticCodes(p),
        path,
      );
    }
    assert.deepEqual(codes, [], 'the worker still sees the file unedited');
    await markersOf(page, path, 'none');
    assert.deepEqual(errors, []);
  } finally {
    rmSync(join(dir, '..'), { recursive: true, force: true });
    await page.close();
  }
});

test('a long dry run reports its progress and stops on Cancel, and the worker answers again', async () => {
  const { page, errors } = await openPlayground();
  const dir = join(mkdtempSync(join(tmpdir(), 'playground-large-')), 'large');
  // 300k rows (36 MB): long enough to be cancelled mid-run in the page's worker.
  await generate({
    kind: 'csv',
    count: 300_000,
    out: join(dir, 'students.csv'),
    seed: 1,
    people: 5000,
    errorRate: 0.001,
  });
  try {
    const config = 'imports/students-csv.import.yaml';
    await openFolder(page, dir, config);
    await page.evaluate((p) => (globalThis as unknown as ProbeHost).importStudioPlayground!.open(p), config);
    await page.click('#dry-run');
    // The worker's work-done reports reach the status line while the run goes on.
    await page.locator('#status', { hasText: /rows/ }).waitFor({ timeout: 30_000 });
    await page.click('#cancel-dry-run');
    const panel = page.frameLocator('iframe.panel-frame');
    await panel.locator('.message', { hasText: 'cancelled' }).waitFor({ timeout: 10_000 });
    assert.equal(await page.locator('#cancel-dry-run').isHidden(), true);
    // The run really stopped in the worker: its progress ends with the rows it had done, short of all.
    const ended = page.locator('#status', { hasText: /cancelled after [\d,]+ rows/ });
    await ended.waitFor({ timeout: 30_000 });
    const rows = Number(
      (/cancelled after ([\d,]+) rows/.exec((await ended.textContent()) ?? '')?.[1] ?? '').replaceAll(',', ''),
    );
    assert.ok(rows > 0 && rows < 300_000, `stopped after ${rows} rows`);
    assert.deepEqual(errors, []);
  } finally {
    rmSync(join(dir, '..'), { recursive: true, force: true });
    await page.close();
  }
});

test('loose files opened from disk are checked on their own', async () => {
  const { page } = await openPlayground();
  await page.setInputFiles('#open-files', [join(root, 'samples/broken/mappings/iep-unknown-field.mapping.yaml')]);
  await page.waitForFunction(
    () =>
      (globalThis as unknown as ProbeHost).importStudioPlayground!.paths().join() === 'iep-unknown-field.mapping.yaml',
    null,
    { timeout: 15_000 },
  );
  assert.equal(await page.locator('.file-tree .file').count(), 1);
  await page.close();
});

test("Export zip downloads the workspace with the editor's edits, data files byte for byte", async () => {
  const { page } = await openPlayground();
  const path = 'imports/term-grades.import.yaml';
  await page.evaluate((p) => (globalThis as unknown as ProbeHost).importStudioPlayground!.open(p), path);
  await page.evaluate(() => {
    (globalThis as unknown as ProbeHost).importStudioPlayground!.editor.executeEdits('test', [
      { range: { startLineNumber: 1, startColumn: 1, endLineNumber: 1, endColumn: 1 }, text: '# edited in the page\n' },
    ]);
  });
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('#export-zip')]);
  assert.equal(download.suggestedFilename(), 'import-workspace.zip');
  const entries = unzipSync(new Uint8Array(readFileSync(await download.path())));
  const text = (name: string): string => new TextDecoder().decode(entries[name]);
  assert.ok(text(path).startsWith('# edited in the page\n'), 'the edit is in the zip');
  assert.equal(text(path).slice('# edited in the page\n'.length), readFileSync(join(root, 'samples', path), 'utf8'));
  for (const data of ['sftp/grades/term_grades_2024-2025.csv', 'sftp/sis/students_nightly.tsv', 'importstudio.yaml']) {
    assert.ok(entries[data], `${data} is in the zip`);
    assert.deepEqual(Buffer.from(entries[data]), readFileSync(join(root, 'samples', data)), `${data} byte for byte`);
  }
  assert.ok(!Object.keys(entries).some((name) => name.startsWith('.tools/')), 'no generator');
  await page.close();
});
