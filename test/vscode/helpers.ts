/**
 * Helpers both extension suites share (test/vscode/suite in the Node extension host, test/vscode/web
 * in the web-worker one): nothing here may need Node.
 */
import * as vscode from 'vscode';

/** Polls until `probe` returns a value (the server answers asynchronously); fails with `what` after the timeout. */
export async function eventually<T>(
  what: string,
  probe: () => T | undefined | Promise<T | undefined>,
  ms = 45_000,
): Promise<T> {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    const value = await probe();
    if (value !== undefined) return value;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`timed out waiting for ${what}`);
}

/** A diagnostic's code as text (the server sends `{ value, target }` codes with a docs link). */
export function codeOf(d: vscode.Diagnostic): string | undefined {
  if (typeof d.code === 'object' && d.code !== null) return String(d.code.value);
  return d.code === undefined ? undefined : String(d.code);
}

/** The labels VS Code's completion offers at `position`, once they include `expected` (the server may still be loading). */
export async function completionLabels(
  uri: vscode.Uri,
  position: vscode.Position,
  expected: string,
): Promise<string[]> {
  return eventually(`completions with ${expected}`, async () => {
    const list = await vscode.commands.executeCommand<vscode.CompletionList>(
      'vscode.executeCompletionItemProvider',
      uri,
      position,
    );
    const found = list.items.map((i) => (typeof i.label === 'string' ? i.label : i.label.label));
    return found.includes(expected) ? found : undefined;
  });
}
