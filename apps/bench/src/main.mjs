#!/usr/bin/env node
// `pnpm bench`: times dproj's backends on seeded inputs after checking each result against the
// float64 reference oracle. A wrong answer is reported, never timed.
// Usage: node src/main.mjs [--json results.json] [--runs 10]
import { writeFileSync } from 'node:fs';
import { jsBackend } from '@dproj/backend-js';
import { oracleAttention, oracleProjection } from '@dproj/conformance';
import { createEngine } from '@dproj/core';
import { medianMs, randomMatrix } from './timing.mjs';
import { markdownTable } from './table.mjs';

const args = process.argv.slice(2);
const jsonPath = args.includes('--json') ? args[args.indexOf('--json') + 1] : undefined;
const runs = args.includes('--runs') ? Number(args[args.indexOf('--runs') + 1]) : 10;

/** Largest |a − b| over the rows checked, and the largest |b| (for a relative error). */
function compare(actual, expectedRows, rowIndices, cols) {
  let err = 0;
  let scale = 1;
  expectedRows.forEach((row, r) => {
    const i = rowIndices[r];
    for (let j = 0; j < cols; j++) {
      err = Math.max(err, Math.abs(actual.data[i * cols + j] - row[j]));
      scale = Math.max(scale, Math.abs(row[j]));
    }
  });
  return { err, scale };
}

const sampleRows = (n) => [0, 1, Math.floor(n / 2), n - 2, n - 1].filter((v, i, a) => v >= 0 && a.indexOf(v) === i);

/** The workloads: each builds seeded inputs, counts its flops, runs, and knows how to check itself. */
function workloads() {
  const list = [];
  for (const n of [256, 512]) {
    // M = Q S Qᵀ with a dense soft selector: two n×n×n matrix products, 4n³ flops.
    const input = { q: randomMatrix(n, n, 1), s: randomMatrix(n, n, 2) };
    list.push({
      workload: 'matmul',
      size: `n=${n} (Q S Qᵀ, dense)`,
      flops: 4 * n ** 3,
      run: (engine) => engine.projection(input),
      check: (result) => {
        const rows = sampleRows(n);
        return compare(result.m, oracleProjection(input, rows).m, rows, n);
      },
    });
  }
  for (const [n, causal] of [
    [128, false],
    [512, false],
    [512, true],
    [2048, false],
  ]) {
    const d = 64;
    const input = {
      h: randomMatrix(n, d, 3),
      wq: randomMatrix(d, d, 4),
      wk: randomMatrix(d, d, 5),
      wv: randomMatrix(d, d, 6),
      ...(causal ? { mask: { kind: 'causal' } } : {}),
    };
    list.push({
      workload: causal ? 'attention-causal' : 'attention',
      size: `n=${n}, d=${d}`,
      // Q, K, V projections (3 · 2nd²), scores (2n²d) and the weighted sum (2n²d).
      flops: 6 * n * d * d + 4 * n * n * d,
      run: (engine) => engine.attention(input),
      check: (result) => {
        const rows = sampleRows(n);
        return compare(result.out, oracleAttention(input, rows).out, rows, d);
      },
    });
  }
  return list;
}

const backends = [jsBackend()];
const rows = [];
for (const factory of backends) {
  const engine = await createEngine({ backends: [factory], fallback: 'none' });
  const threads = engine.backend.capabilities.threads;
  for (const w of workloads()) {
    const { err, scale } = w.check(await w.run(engine));
    const impl = `dproj-${engine.backend.name}`;
    if (err > 1e-3 * scale) {
      rows.push({ workload: w.workload, size: w.size, impl, threads, medianMs: null, gflops: null, maxAbsErr: err, wrong: true });
      continue;
    }
    const ms = await medianMs(() => w.run(engine), { warmup: 2, runs });
    rows.push({ workload: w.workload, size: w.size, impl, threads, medianMs: ms, gflops: w.flops / ms / 1e6, maxAbsErr: err });
  }
  await engine.dispose();
}

console.log(markdownTable(rows));
if (jsonPath !== undefined) writeFileSync(jsonPath, `${JSON.stringify(rows, null, 2)}\n`);
