import type { HeadWeights, Matrix, MultiHeadInput } from '@dproj/core';
import type { ConformanceCase } from '../../case.ts';
import { toleranceForTerms } from '../../tolerance.ts';
import { checkAttention, checkMultiHead, checkProjection } from '../support/check-ops.ts';
import { randomMatrix, randomSoftSelector, randomTokens, sparsify, toCsr } from '../support/inputs.ts';
import { randomMask } from '../support/masks.ts';
import type { Rng } from '../support/rng.ts';
import { sampleRows } from '../support/sample.ts';
import { trialCase } from '../support/trials.ts';

/** Sizes on both sides of common kernel tiles (8, 16, 32, 64, 256 wide). */
export const TILE_EDGES = [1, 7, 63, 64, 65, 257] as const;

/** The next edge after `s`, cyclically: a second dimension that differs from the first. */
function other(s: number): number {
  return TILE_EDGES[(TILE_EDGES.indexOf(s as (typeof TILE_EDGES)[number]) + 1) % TILE_EDGES.length];
}

/** States with unit-variance entries and weights with variance 1/fan-in, so scores stay O(1). */
function states(rng: Rng, rows: number, cols: number): Matrix {
  return randomMatrix(rng, rows, cols, Math.sqrt(3));
}

function weights(rng: Rng, rows: number, cols: number): Matrix {
  return randomMatrix(rng, rows, cols, Math.sqrt(3 / rows));
}

function head(rng: Rng, d: number, dk: number, dv: number): HeadWeights {
  return { wq: weights(rng, d, dk), wk: weights(rng, d, dk), wv: weights(rng, d, dv) };
}

/** Rows to compare: all up to 65, a sample beyond (the oracle is plain and slow). */
function rowsFor(rng: Rng, n: number): number[] | undefined {
  return n <= 65 ? undefined : sampleRows(rng, n, 24);
}

function attentionCases(s: number): ConformanceCase[] {
  return [
    trialCase(`sizes/attention-${s}`, 2, async (ctx, rng, trial) => {
      // n = m = d = d_k = d_v = s; the second trial is causal.
      const input = {
        h: states(rng, s, s),
        ...head(rng, s, s, s),
        ...(trial === 1 ? { mask: { kind: 'causal' as const } } : {}),
        returnWeights: true,
      };
      await checkAttention(ctx.engine, input, toleranceForTerms(ctx.tol, s), `n = d = ${s}${trial === 1 ? ' causal' : ''}`, rowsFor(rng, s));
    }),
    trialCase(`sizes/attention-cross-${s}`, 1, async (ctx, rng) => {
      // n = s queries of width s over m = next-edge keys of width 7, with a keep mask.
      const m = other(s);
      const dk = other(m);
      const mask = randomMask(rng, 'keep', s, m, s > 1);
      const input = { h: states(rng, s, s), context: states(rng, m, 7), wq: weights(rng, s, dk), wk: weights(rng, 7, dk), wv: weights(rng, 7, s), mask, returnWeights: true };
      await checkAttention(ctx.engine, input, toleranceForTerms(ctx.tol, Math.max(s, dk)), `n = ${s}, m = ${m}, d_k = ${dk}`, rowsFor(rng, s));
    }),
    trialCase(`sizes/multihead-${s}`, 1, async (ctx, rng) => {
      const heads = [head(rng, s, s, other(s)), head(rng, s, other(s), s), head(rng, s, 1, 7)];
      const dv = heads.reduce((sum, h) => sum + h.wv.cols, 0);
      const input: MultiHeadInput = { h: states(rng, s, s), heads, wo: weights(rng, dv, s), mask: { kind: 'causal' }, returnWeights: true };
      await checkMultiHead(ctx.engine, input, toleranceForTerms(ctx.tol, Math.max(s, dv)), `n = d = ${s}, 3 heads`, rowsFor(rng, s));
    }),
  ];
}

function projectionCases(s: number): ConformanceCase[] {
  return [
    trialCase(`sizes/projection-${s}`, 2, async (ctx, rng, trial) => {
      // n = V = s; dense S with dense E, then CSR S with top-k.
      const dense = sparsify(rng, randomMatrix(rng, s, s), 0.5);
      const input =
        trial === 0
          ? { tokens: randomTokens(rng, s, s), s: dense, predict: { kind: 'dense' as const } }
          : { tokens: randomTokens(rng, s, s), s: toCsr(dense, rng), predict: { kind: 'topk' as const, k: Math.min(10, s) } };
      await checkProjection(ctx.engine, input, toleranceForTerms(ctx.tol, s), `n = V = ${s} ${trial === 0 ? 'dense' : 'CSR top-k'}`, rowsFor(rng, s));
    }),
    trialCase(`sizes/projection-soft-${s}`, 1, async (ctx, rng) => {
      const v = other(s);
      const input = { q: randomSoftSelector(rng, s, v), s: randomMatrix(rng, v, v), predict: { kind: 'dense' as const } };
      await checkProjection(ctx.engine, input, toleranceForTerms(ctx.tol, s * v), `soft n = ${s}, V = ${v}`, rowsFor(rng, s));
    }),
  ];
}

/** Attention, multi-head and projection at sizes across kernel tile edges, against the oracle. */
export const tileEdgeCases: readonly ConformanceCase[] = TILE_EDGES.flatMap((s) => [...attentionCases(s), ...projectionCases(s)]);
