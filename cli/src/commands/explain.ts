import { type CatalogEntry, catalog, docsUrl, type ErrorCode } from '../../../engine/src/errors/catalog';
import type { Style } from '../output/style';

function isCode(code: string): code is ErrorCode {
  return Object.hasOwn(catalog, code);
}

/** `import-studio explain E0009`: the catalog entry of one code, like `rustc --explain`. */
export function explain(args: readonly string[], style: Style): { text: string; exitCode: number } {
  const raw = args[0];
  if (!raw) {
    const rows = (Object.entries(catalog) as [ErrorCode, CatalogEntry][]).map(
      ([code, e]) => `${style.bold(code)}  ${e.severity.padEnd(7)}  ${e.title}`,
    );
    return { text: rows.join('\n'), exitCode: 0 };
  }
  const code = raw.toUpperCase();
  if (!isCode(code))
    return { text: `Unknown error code '${raw}'. Run 'import-studio explain' for the list.`, exitCode: 2 };
  const e: CatalogEntry = catalog[code];
  const text = [
    `${style.bold(code)}: ${e.title} (${e.severity}, ${e.stage} stage${e.platform ? ', platform code' : ''})`,
    '',
    e.meaning,
    '',
    `${style.bold('Fix:')} ${e.fix}`,
    `${style.bold('Example:')} ${e.example}`,
    `${style.dim(docsUrl(code))}`,
  ].join('\n');
  return { text, exitCode: 0 };
}
