/**
 * Micro-benchmark helpers: run a function for a fixed time after a warm-up, count operations,
 * and take the median over interleaved rounds so every contender sees the same machine.
 */

/** Operations per second of `fn`, measured for about `ms` milliseconds after a warm-up. */
export async function opsPerSecond(fn: () => unknown, ms = 400): Promise<number> {
  const deadline = (limit: number) => performance.now() + limit;
  for (let end = deadline(ms / 4); performance.now() < end;) await batch(fn, 64);
  let ops = 0;
  const start = performance.now();
  const end = start + ms;
  while (performance.now() < end) ops += await batch(fn, 64);
  return (ops * 1000) / (performance.now() - start);
}

/** Runs `fn` n times, awaiting it only when it returns a promise. */
async function batch(fn: () => unknown, n: number): Promise<number> {
  for (let i = 0; i < n; i++) {
    const result = fn();
    if (result instanceof Promise) await result;
  }
  return n;
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1
    ? (sorted[mid] ?? 0)
    : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
}

/** Formats a count with thousands separators. */
export function fmt(n: number): string {
  return Math.round(n).toLocaleString('en');
}

/** Prints rows as an aligned Markdown table. */
export function printTable(header: readonly string[], rows: readonly (readonly string[])[]): void {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: readonly string[]) =>
    `| ${cells.map((c, i) => (i === 0 ? c.padEnd(widths[i] ?? 0) : c.padStart(widths[i] ?? 0))).join(' | ')} |`;
  console.log(line(header));
  console.log(
    `| ${widths.map((w, i) => (i === 0 ? '-'.repeat(w) : `${'-'.repeat(Math.max(w - 1, 1))}:`)).join(' | ')} |`,
  );
  for (const row of rows) console.log(line(row));
}
