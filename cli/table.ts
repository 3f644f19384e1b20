/** A plain-text table with padded columns, for terminal summaries. */
export function formatTable(header: readonly string[], rows: ReadonlyArray<readonly string[]>, maxWidth = 60): string {
  const clip = (cell: string) => (cell.length > maxWidth ? `${cell.slice(0, maxWidth - 1)}…` : cell);
  const all = [header, ...rows].map((row) => row.map(clip));
  const widths = header.map((_, column) => Math.max(...all.map((row) => (row[column] ?? '').length)));
  const line = (row: readonly string[]) =>
    row
      .map((cell, column) => cell.padEnd(widths[column]!))
      .join('  ')
      .trimEnd();
  return [line(all[0]!), widths.map((width) => '-'.repeat(width)).join('  '), ...all.slice(1).map(line)].join('\n');
}
