/**
 * Formats benchmark rows as a Markdown table, with each row's speed as a ratio to the fastest
 * implementation of the same workload and size in the same run.
 * @param {{ workload: string, size: string, impl: string, threads: number, medianMs: number | null,
 *   gflops: number | null, maxAbsErr: number, wrong?: boolean }[]} rows
 * @returns {string}
 */
export function markdownTable(rows) {
  const best = new Map();
  for (const r of rows) {
    if (r.medianMs === null) continue;
    const key = `${r.workload} ${r.size}`;
    best.set(key, Math.min(best.get(key) ?? Number.POSITIVE_INFINITY, r.medianMs));
  }
  const lines = [
    '| workload | size | impl | threads | median ms | GFLOP/s | × fastest | max abs err |',
    '| --- | --- | --- | ---: | ---: | ---: | ---: | ---: |',
  ];
  for (const r of rows) {
    const key = `${r.workload} ${r.size}`;
    const ms = r.medianMs === null ? 'WRONG — not timed' : r.medianMs.toFixed(2);
    const gflops = r.gflops === null ? '—' : r.gflops.toFixed(2);
    const ratio = r.medianMs === null ? '—' : (best.get(key) / r.medianMs).toFixed(2);
    lines.push(`| ${r.workload} | ${r.size} | ${r.impl} | ${r.threads} | ${ms} | ${gflops} | ${ratio} | ${r.maxAbsErr.toExponential(1)} |`);
  }
  return lines.join('\n');
}
