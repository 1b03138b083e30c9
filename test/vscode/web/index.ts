/**
 * The web flavour of the extension tests (dist/test/web/index.js): VS Code's web-worker extension
 * host loads it from extensionTestsPath when the workbench payload has extensionDevelopmentKind
 * ["web"] (scripts/test-vscode.mjs, web pass). One bundle: mocha's browser build and the suite, since
 * a worker has no file system for mocha to find suite files on.
 */
import 'mocha/mocha.js';
import { defineWebSuite, type Tdd } from './web.test';

export function run(): Promise<void> {
  const { mocha } = globalThis as unknown as { mocha: BrowserMocha };
  // The spec reporter writes with console.log, which the page's codeAutomationLog shows.
  mocha.setup({ ui: 'tdd', reporter: 'spec', timeout: 60_000, color: false });
  // setup() installed the tdd interface on the worker's global scope.
  defineWebSuite(globalThis as unknown as Tdd);
  return new Promise((resolve, reject) => {
    mocha.run((failures) => (failures > 0 ? reject(new Error(`${failures} test(s) failed`)) : resolve()));
  });
}
