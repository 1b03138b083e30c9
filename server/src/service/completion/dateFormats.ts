/**
 * Date format patterns for `source.dateFormat`: the common ones, each with an example, and those
 * that fit the sample data (the profile's `fittingDateFormats`) first, since a pattern that reads
 * every date of the file is the one the user wants.
 */
import { CompletionItemKind, type CompletionItem } from 'vscode-languageserver-types';
import type { DataProfile } from '../../../../engine/src/profile/types';
import type { ValueContext } from '../yamlPosition';
import { valueText, withEdit } from './edits';

const common: readonly [pattern: string, note: string][] = [
  ['M/d/yyyy', 'US, no leading zeros'],
  ['MM/dd/yyyy', 'US, two-digit month and day'],
  ['yyyy-MM-dd', 'ISO 8601'],
  ['yyyyMMdd', 'ISO 8601 without separators'],
  ['d/M/yyyy', 'day first, no leading zeros'],
  ['dd/MM/yyyy', 'day first, two-digit day and month'],
  ['dd.MM.yyyy', 'day first, with dots'],
  ['dd-MM-yyyy', 'day first, with hyphens'],
  ['MM-dd-yyyy', 'US, with hyphens'],
  ['yyyy/MM/dd', 'year first, with slashes'],
  ['M/d/yy', 'US, two-digit year'],
  ['MM/dd/yy', 'US, two-digit year and leading zeros'],
  ['MMddyyyy', 'US without separators'],
];

/** 7 March 2025: a day above 12 would hide the order, a day and month below 10 show the zeros. */
export function exampleOf(pattern: string): string {
  const parts: Record<string, string> = { yyyy: '2025', yy: '25', MM: '03', M: '3', dd: '07', d: '7' };
  return pattern.replace(/yyyy|yy|MM|M|dd|d/g, (token) => parts[token] ?? token);
}

export function dateFormatCompletions(
  profile: DataProfile | undefined,
  ctx: ValueContext,
  json: boolean,
): CompletionItem[] {
  const fitting = new Map<string, string[]>();
  for (const column of profile?.columns ?? []) {
    for (const pattern of column.fittingDateFormats)
      fitting.set(pattern, [...(fitting.get(pattern) ?? []), column.name]);
  }
  const items: CompletionItem[] = [];
  const notes = new Map(common);
  // Patterns that fit more date columns first; then the common list in its order.
  const ranked = [...fitting.entries()].sort((a, b) => b[1].length - a[1].length);
  ranked.forEach(([pattern, columns], i) => {
    const samples = (profile?.columns ?? []).find((c) => c.name === columns[0])?.samples.slice(0, 3) ?? [];
    items.push({
      label: pattern,
      kind: CompletionItemKind.Value,
      detail: `fits ${columns.join(', ')}`,
      documentation: {
        kind: 'markdown',
        value: [
          `**${pattern}** reads every value of ${columns.map((c) => `\`${c}\``).join(', ')} in the sample.`,
          samples.length > 0 ? `Samples: ${samples.map((s) => `\`${s}\``).join(', ')}` : '',
          `Example: \`${exampleOf(pattern)}\` is 7 March 2025.`,
        ]
          .filter((s) => s !== '')
          .join('\n\n'),
      },
      sortText: `0${String(i).padStart(2, '0')}`,
      ...(i === 0 ? { preselect: true } : {}),
    });
  });
  common.forEach(([pattern], i) => {
    if (fitting.has(pattern)) return;
    items.push({
      label: pattern,
      kind: CompletionItemKind.Value,
      detail: `${exampleOf(pattern)} · ${notes.get(pattern) ?? ''}`,
      documentation: {
        kind: 'markdown',
        value: `Example: \`${exampleOf(pattern)}\` is 7 March 2025 (${notes.get(pattern)}).`,
      },
      sortText: `1${String(i).padStart(2, '0')}`,
    });
  });
  return items.map((item) => withEdit(item, ctx.range, valueText(item.label, ctx, json), false));
}
