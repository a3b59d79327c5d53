import type { CsrMatrix, MultiHeadInput } from '@dproj/core';
import { expectClose, rowsOf } from '../../assert.ts';
import type { ConformanceCase } from '../../case.ts';
import { entry, operatorFromInput } from '../../oracle/sparse.ts';
import { loosen, toleranceForTerms } from '../../tolerance.ts';
import { checkAttention, checkCooccurrence, checkMultiHead, checkProjection } from '../support/check-ops.ts';
import { syntheticCorpus, zipfDocs } from '../support/corpus.ts';
import { randomMatrix } from '../support/inputs.ts';
import { randomMask } from '../support/masks.ts';
import type { Rng } from '../support/rng.ts';
import { sampleRows } from '../support/sample.ts';
import { trialCase } from '../support/trials.ts';

const LONG_TIMEOUT_MS = 180_000;

function unitStates(rng: Rng, rows: number, cols: number) {
  return randomMatrix(rng, rows, cols, Math.sqrt(3));
}

function fanIn(rng: Rng, rows: number, cols: number) {
  return randomMatrix(rng, rows, cols, Math.sqrt(3 / rows));
}

/**
 * A sparse V×V operator with about `perRow` entries per row: columns drawn Zipf-like (low ids are
 * frequent words) and small positive integer values, so E is exact in float32 and its top-k ranking
 * (ties included) is well defined.
 */
function sparseOperator(rng: Rng, size: number, perRow: number): CsrMatrix {
  const rowPtr = new Uint32Array(size + 1);
  const cols: number[] = [];
  const values: number[] = [];
  for (let a = 0; a < size; a++) {
    const row = new Set<number>();
    const count = rng.int(0, 2 * perRow);
    for (let t = 0; t < count; t++) row.add(Math.min(size - 1, Math.floor(size ** rng.next()) - 1 + rng.int(0, 1)));
    for (const b of [...row].sort((x, y) => x - y)) {
      cols.push(b);
      values.push(rng.int(1, 5));
    }
    rowPtr[a + 1] = cols.length;
  }
  return { rows: size, cols: size, rowPtr, colIdx: Uint32Array.from(cols), values: Float32Array.from(values) };
}

/** Long sequences, a 50 000-word sparse operator and a 200 000-token corpus, against the oracle on samples. */
export const largeCases: readonly ConformanceCase[] = [
  trialCase(
    'sizes/attention-long',
    2,
    async (ctx, rng, trial) => {
      // n = 2048 (256 at level modest), d = d_k = d_v = 64; the second trial causal, with weights.
      const n = ctx.level === 'full' ? 2048 : 256;
      const input = {
        h: unitStates(rng, n, 64),
        wq: fanIn(rng, 64, 64),
        wk: fanIn(rng, 64, 64),
        wv: fanIn(rng, 64, 64),
        ...(trial === 1 ? { mask: { kind: 'causal' as const }, returnWeights: true } : {}),
      };
      await checkAttention(ctx.engine, input, toleranceForTerms(ctx.tol, 64), `n = ${n}${trial === 1 ? ' causal' : ''}`, sampleRows(rng, n, 24));
    },
    LONG_TIMEOUT_MS,
  ),
  trialCase(
    'sizes/attention-long-cross',
    1,
    async (ctx, rng) => {
      // 96 queries over m = 2048 keys (256 modest) with a keep mask and a fully masked row.
      const m = ctx.level === 'full' ? 2048 : 256;
      const n = 96;
      const input = {
        h: unitStates(rng, n, 32),
        context: unitStates(rng, m, 48),
        wq: fanIn(rng, 32, 40),
        wk: fanIn(rng, 48, 40),
        wv: fanIn(rng, 48, 24),
        mask: randomMask(rng, 'keep', n, m, true),
        returnWeights: true,
      };
      await checkAttention(ctx.engine, input, toleranceForTerms(ctx.tol, 48), `n = ${n}, m = ${m}`, sampleRows(rng, n, 16));
    },
    LONG_TIMEOUT_MS,
  ),
  trialCase(
    'sizes/multihead-long',
    1,
    async (ctx, rng) => {
      // n = 1024 (128 modest), d = 64, four heads of d_k = d_v = 16, W_O 64×64.
      const n = ctx.level === 'full' ? 1024 : 128;
      const heads = Array.from({ length: 4 }, () => ({ wq: fanIn(rng, 64, 16), wk: fanIn(rng, 64, 16), wv: fanIn(rng, 64, 16) }));
      const input: MultiHeadInput = { h: unitStates(rng, n, 64), heads, wo: fanIn(rng, 64, 64), mask: { kind: 'causal' } };
      await checkMultiHead(ctx.engine, input, toleranceForTerms(ctx.tol, 64), `n = ${n}, h = 4`, sampleRows(rng, n, 16));
    },
    LONG_TIMEOUT_MS,
  ),
  trialCase(
    'sizes/projection-sparse-50k',
    1,
    async (ctx, rng) => {
      // V = 50 000 with ≈ 500 000 stored entries (≈ 100 000 modest), n = 256 (128 modest), top-10 E.
      const v = 50_000;
      const full = ctx.level === 'full';
      const s = sparseOperator(rng, v, full ? 10 : 2);
      const n = full ? 256 : 128;
      // Zipf-like token ids: frequent words repeat, as in text.
      const tokens = Uint32Array.from({ length: n }, () => Math.min(v - 1, Math.floor(v ** rng.next()) - 1));
      const input = { tokens, s, predict: { kind: 'topk' as const, k: 10 } };
      await checkProjection(ctx.engine, input, loosen(ctx.tol, 4), `V = ${v}, nnz = ${s.values.length}, n = ${n}`, sampleRows(rng, n, 12));
      // M is cheap to check whole: M_ij = S_{x_i x_j}.
      const m = (await ctx.engine.projection({ tokens, s })).m;
      const op = operatorFromInput(s);
      const all = Array.from({ length: n }, (_, i) => i);
      expectClose(rowsOf(m, all), all.map((i) => all.map((j) => entry(op, tokens[i], tokens[j]))), ctx.tol, 'M = Q S Qᵀ, every row');
    },
    LONG_TIMEOUT_MS,
  ),
  trialCase(
    'sizes/cooccurrence-zipf',
    1,
    async (ctx, rng) => {
      // ≈ 200 000 tokens (50 000 modest) over V = 5 000 Zipf words, documents of 0..80 tokens, w = 5.
      const tokens = ctx.level === 'full' ? 200_000 : 50_000;
      const corpus = syntheticCorpus(zipfDocs(rng, 5_000, tokens, 80), 5_000);
      // Counts reach the thousands; float32 sums of that many terms carry a few ulps more.
      await checkCooccurrence(ctx.engine, corpus, { window: 5, offsets: true }, loosen(ctx.tol, 4), `${tokens} tokens, V = 5000`);
    },
    LONG_TIMEOUT_MS,
  ),
];
