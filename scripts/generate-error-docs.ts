/**
 * Writes docs/errors.md from the error catalog, so the documentation cannot drift from the codes
 * the engine reports. `--check` exits 1 when the file is out of date (the test suite runs it).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { type CatalogEntry, catalog } from '../engine/src/errors/catalog';

export function renderErrorDocs(): string {
  const entries = Object.entries(catalog) as [string, CatalogEntry][];
  const lines = [
    '# Error codes',
    '',
    '<!-- Generated from engine/src/errors/catalog.ts by `npm run docs:errors`. Do not edit by hand. -->',
    '',
    'Every problem Import Studio reports carries one of these codes, in the editor, the CLI and the dry-run panels.',
    "E0001 to E0005 are the forms platform's own codes, kept as the platform defines them; the others are Import Studio's.",
    '',
    '| Code | Title | Severity | Stage |',
    '| --- | --- | --- | --- |',
    ...entries.map(([code, e]) => `| [${code}](#${code.toLowerCase()}) | ${e.title} | ${e.severity} | ${e.stage} |`),
    '',
  ];
  for (const [code, e] of entries) {
    lines.push(
      `## ${code}`,
      '',
      `**${e.title}** · ${e.severity} · ${e.stage} stage${e.platform ? ' · platform code' : ''}`,
      '',
      `**What it means.** ${e.meaning}`,
      '',
      `**How to fix.** ${e.fix}`,
      '',
      `**Example.** \`${e.example}\``,
      '',
    );
  }
  return lines.join('\n');
}

const target = join(import.meta.dirname ?? __dirname, '..', 'docs', 'errors.md');
if (process.argv[1]?.endsWith('generate-error-docs.ts')) {
  const text = renderErrorDocs();
  if (process.argv.includes('--check')) {
    const current = readFileSync(target, 'utf8');
    if (current !== text) {
      console.error('docs/errors.md is out of date: run npm run docs:errors');
      process.exit(1);
    }
  } else {
    writeFileSync(target, text);
    console.log(`wrote ${target}`);
  }
}
