/**
 * The peers every row is compared with, each in its own column: ratio = peer's median ms ÷ the row's,
 * so 2.00 means "twice as fast as that peer". `threads` undefined matches any count.
 */
export const REFERENCE_COLUMNS = [
  { title: '× plain-js', impl: 'plain-js', threads: 1 },
  { title: '× tfjs-wasm', impl: '@tensorflow/tfjs-backend-wasm', threads: undefined },
  { title: '× ort-wasm 1t', impl: 'onnxruntime-web', threads: 1 },
];

/**
 * How many times faster `row` is than `reference` (reference ms ÷ row ms), or undefined when either
 * was not timed.
 * @param {{ medianMs: number | null }} row
 * @param {{ medianMs: number | null } | undefined} reference
 * @returns {number | undefined}
 */
export function speedRatio(row, reference) {
  if (row.medianMs === null || reference === undefined || reference.medianMs === null) return undefined;
  return reference.medianMs / row.medianMs;
}

/**
 * @param {number | undefined} x
 */
const ratioCell = (x) => (x === undefined ? '—' : x.toFixed(2));

/**
 * The speed cell: GFLOP/s, or tokens/s for co-occurrence, which has no flop count.
 * @param {import('./runner.mjs').Row} r
 */
function speedCell(r) {
  if (r.tokensPerSec !== undefined) return `${(r.tokensPerSec / 1e6).toFixed(2)} Mtok/s`;
  return r.gflops === null ? '—' : r.gflops.toFixed(2);
}

/**
 * Formats benchmark rows as a Markdown table. Each row's speed is given as a ratio to the fastest
 * implementation of the same workload and size (× fastest ≤ 1) and to each reference peer. A wrong row
 * shows its error and no time.
 * @param {readonly import('./runner.mjs').Row[]} rows
 * @returns {string}
 */
export function markdownTable(rows) {
  const key = (r) => `${r.workload} ${r.size}`;
  /** @type {Map<string, import('./runner.mjs').Row>} */
  const fastest = new Map();
  for (const r of rows) {
    if (r.medianMs === null) continue;
    const best = fastest.get(key(r));
    if (best === undefined || r.medianMs < (best.medianMs ?? Number.POSITIVE_INFINITY)) fastest.set(key(r), r);
  }
  const reference = (r, col) =>
    rows.find((p) => key(p) === key(r) && p.impl === col.impl && (col.threads === undefined || p.threads === col.threads));
  const titles = REFERENCE_COLUMNS.map((c) => c.title);
  const lines = [
    `| workload | size | impl | threads | median ms | GFLOP/s | × fastest | ${titles.join(' | ')} | max abs err |`,
    `| --- | --- | --- | ---: | ---: | ---: | ---: | ${titles.map(() => '---:').join(' | ')} | ---: |`,
  ];
  for (const r of rows) {
    const ms = r.medianMs === null ? 'WRONG — not timed' : r.medianMs.toFixed(2);
    const ratios = [fastest.get(key(r)), ...REFERENCE_COLUMNS.map((c) => reference(r, c))].map((p) => ratioCell(speedRatio(r, p)));
    const err = Number.isFinite(r.maxAbsErr) ? r.maxAbsErr.toExponential(1) : String(r.maxAbsErr);
    lines.push(`| ${r.workload} | ${r.size} | ${r.impl} | ${r.threads} | ${ms} | ${speedCell(r)} | ${ratios.join(' | ')} | ${err} |`);
  }
  return lines.join('\n');
}

/**
 * The cases an implementation did not run, grouped by implementation and reason so that a peer without
 * an operator takes one line, not one per size.
 * @param {readonly import('./runner.mjs').Note[]} notes
 * @returns {string}
 */
export function notesList(notes) {
  /** @type {Map<string, Set<string>>} */
  const grouped = new Map();
  for (const n of notes) {
    const head = `${n.impl} (${n.threads} thread${n.threads === 1 ? '' : 's'}): ${n.reason}`;
    if (!grouped.has(head)) grouped.set(head, new Set());
    grouped.get(head)?.add(n.workload);
  }
  return [...grouped].map(([head, workloads]) => `- ${head} — ${[...workloads].join(', ')}`).join('\n');
}

/**
 * The JSON rows of `--json`: the shape, plus `tokensPerSec` (co-occurrence) and `wrong`.
 * @param {readonly import('./runner.mjs').Row[]} rows
 */
export function jsonRows(rows) {
  return rows.map((r) => ({
    workload: r.workload,
    size: r.size,
    impl: r.impl,
    threads: r.threads,
    medianMs: r.medianMs,
    gflops: r.gflops,
    maxAbsErr: Number.isFinite(r.maxAbsErr) ? r.maxAbsErr : null,
    ...(r.tokensPerSec === undefined ? {} : { tokensPerSec: r.tokensPerSec }),
    ...(r.wrong ? { wrong: true } : {}),
  }));
}
