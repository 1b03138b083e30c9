/**
 * The extension-tests entry that VS Code loads from extensionTestsPath (dist/test/index.js), both in
 * code-server (scripts/test-vscode.mjs) and in a downloaded VS Code (test/vscode/runElectron.mjs):
 * it runs every bundled suite file next to it with mocha and settles with the result.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import Mocha from 'mocha';

export async function run(): Promise<void> {
  // Generous timeouts: the first request waits for the server to load the workspace on a busy machine.
  const mocha = new Mocha({ ui: 'tdd', color: false, timeout: 60_000 });
  for (const file of readdirSync(__dirname).filter((f) => f.endsWith('.test.js'))) mocha.addFile(join(__dirname, file));
  await new Promise<void>((resolve, reject) => {
    mocha.run((failures) => (failures > 0 ? reject(new Error(`${failures} test(s) failed`)) : resolve()));
  });
}
