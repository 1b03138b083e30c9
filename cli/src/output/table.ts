/**
 * A compact text table that fits the terminal: cells cut to a width with an ellipsis, columns
 * dropped from the right (and counted) when the screen is too narrow.
 */
export function formatTable(header: readonly string[], rows: readonly (readonly string[])[], maxWidth: number): string {
  const cellMax = 24;
  const clean = (s: string) => s.replace(/[\t\r\n]+/g, ' ');
  const cut = (s: string) => (s.length > cellMax ? `${s.slice(0, cellMax - 1)}…` : s);
  const cells = [header, ...rows].map((r) => r.map((c) => cut(clean(c))));
  const widths = header.map((_, i) => Math.max(...cells.map((r) => r[i]?.length ?? 0)));
  let shown = 0;
  let used = 0;
  while (shown < widths.length && used + (widths[shown] ?? 0) + 2 <= maxWidth) used += (widths[shown++] ?? 0) + 2;
  shown = Math.max(shown, 1);
  const hidden = header.length - shown;
  const lines = cells.map((r) => {
    const line = r
      .slice(0, shown)
      .map((c, i) => c.padEnd(widths[i] ?? 0))
      .join('  ')
      .trimEnd();
    return `  ${line}`;
  });
  if (hidden > 0) lines[0] += `  (+${hidden} more columns)`;
  return lines.join('\n');
}
