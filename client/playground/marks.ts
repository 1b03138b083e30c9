/** The start's steps as performance marks ('playground:*'): DevTools shows them, the probe reports them. */
export function mark(step: string): void {
  performance.mark(`playground:${step}`);
}

/** ms from navigation start to each mark, by step. */
export function timings(): Record<string, number> {
  return Object.fromEntries(
    performance
      .getEntriesByType('mark')
      .filter((m) => m.name.startsWith('playground:'))
      .map((m) => [m.name.slice('playground:'.length), Math.round(m.startTime)]),
  );
}
