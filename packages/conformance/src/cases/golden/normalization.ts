import { toRows } from '@dproj/core';
import { expectClose } from '../../assert.ts';
import type { ConformanceCase } from '../../case.ts';
import {
  biasMask,
  block,
  check,
  eye,
  keepMask,
  mapRows,
  mat,
  oneHot,
  operatorRows,
  scoreSoftmax,
  softmaxRows,
  toyS,
} from './support.ts';
import type { Dense } from '../../oracle/dense.ts';
import { goldenTol } from './tolerances.ts';
import { CAUSAL_SOFTMAX_M_X1, M_X1, SOFTMAX_M_X1, SOFTMAX_M_X1_TAU2, TOY_S, TOY_V, X1 } from './toy.ts';

const rowSums = (a: Dense): number[] => a.map((row) => row.reduce((s, v) => s + v, 0));

/** X = S + 1, the positive counts of P20 and P21. */
const X_COUNTS: Dense = mapRows(TOY_S, (v) => v + 1);

/** Golden cases of SPEC C.4, normalization A = softmax(M/τ) (P18–P23). */
export const normalizationCases: readonly ConformanceCase[] = [
  {
    // P18: A = softmax(M/τ) is positive where unmasked with rows summing to 1; row 0 = (1, e, e^1.5)/(1 + e + e^1.5).
    id: 'attention/P18-row-stochastic',
    async run(ctx) {
      const a = (await scoreSoftmax(ctx, X1, operatorRows(await toyS(ctx)))).weights;
      expectClose(a, SOFTMAX_M_X1, goldenTol(ctx.tol), 'softmax(M(x¹))');
      expectClose(a, softmaxRows(M_X1), ctx.tol, 'softmax(M(x¹)) against its formula');
      expectClose(rowSums(a), [1, 1, 1], ctx.tol, 'row sums of A');
      check(a.every((row) => row.every((v) => v > 0)), 'A: every unmasked entry must be > 0');
    },
  },
  {
    // P19: softmax(Q(S + β1ᵀ)Qᵀ) = softmax(Q S Qᵀ); β = (0.3, −1.2, 2, 0.7, −0.4) gives difference 0.
    id: 'attention/P19-row-bias-invariance',
    async run(ctx) {
      const beta = [0.3, -1.2, 2, 0.7, -0.4];
      const shifted = mapRows(TOY_S, (v, a) => v + beta[a]);
      for (const x of [X1, [1, 3, 4, 1]]) {
        const plain = (await scoreSoftmax(ctx, x, TOY_S)).weights;
        const biased = (await scoreSoftmax(ctx, x, shifted)).weights;
        // S + β1ᵀ is stored in float32, so the identity holds to storage precision.
        expectClose(biased, plain, ctx.tol, `softmax with row bias − without, x = (${x.join(',')})`);
      }
      expectClose((await scoreSoftmax(ctx, X1, shifted)).weights, SOFTMAX_M_X1, goldenTol(ctx.tol), 'softmax(Q(S + β1ᵀ)Qᵀ) for x¹');
    },
  },
  {
    // P20 (N1): S′ = log X gives A_ij = X_{x_i x_j} / Σ_j′ X_{x_i x_j′}; X = S + 1, row 0 = (1, 2, 2.5)/5.5.
    id: 'attention/P20-log-counts-conditional',
    async run(ctx) {
      const a = (await scoreSoftmax(ctx, X1, mapRows(X_COUNTS, Math.log))).weights;
      expectClose(a, [
        [0.1818, 0.3636, 0.4545],
        [0.4, 0.2, 0.4],
        [0.4545, 0.3636, 0.1818],
      ], goldenTol(ctx.tol), 'softmax(Q log(S + 1) Qᵀ)');
      const selected = block(X_COUNTS, X1, X1);
      const conditional = selected.map((row) => row.map((v) => v / row.reduce((s, u) => s + u, 0)));
      expectClose(a, conditional, ctx.tol, 'A − X_{x_i x_j} / Σ_j′ X_{x_i x_j′}');
    },
  },
  {
    // P21 (N2): S = PMI(X) gives A_ij ∝ X_{x_i x_j} / k_{x_j}; X = S + 1 (total 37), row 0 ∝ (1/7.5, 2/8.5, 2.5/7.5).
    id: 'attention/P21-pmi-inverted-conditional',
    async run(ctx) {
      const r = rowSums(X_COUNTS);
      const k = rowSums(X_COUNTS); // X is symmetric, so column sums equal row sums.
      const n = r.reduce((s, v) => s + v, 0);
      const pmi = mapRows(X_COUNTS, (v, a, b) => Math.log((v * n) / (r[a] * k[b])));
      const a = (await scoreSoftmax(ctx, X1, pmi)).weights;
      expectClose(a, [
        [0.1899, 0.3352, 0.4749],
        [0.4096, 0.1807, 0.4096],
        [0.4749, 0.3352, 0.1899],
      ], goldenTol(ctx.tol), 'softmax(Q PMI(S + 1) Qᵀ)');
      const inverted = block(X_COUNTS, X1, X1).map((row) => {
        const w = row.map((v, j) => v / k[X1[j]]);
        const sum = w.reduce((s, u) => s + u, 0);
        return w.map((v) => v / sum);
      });
      expectClose(a, inverted, ctx.tol, 'A − normalized X_{x_i x_j} / k_{x_j}');
    },
  },
  {
    // P22 (N4, N5): τ = 2 rows as SPEC; τ → ∞ gives 1/3 everywhere; τ → 0 gives per-row argmax, ties split.
    id: 'attention/P22-temperature',
    async run(ctx) {
      const tol = goldenTol(ctx.tol);
      const s = operatorRows(await toyS(ctx));
      expectClose((await scoreSoftmax(ctx, X1, s, { scale: 0.5 })).weights, SOFTMAX_M_X1_TAU2, tol, 'softmax(M/2)');
      // τ = √d_k by default: W_Q = S I₄ and W_K = I₅[:, 0..3] give d_k = 4 and scores Q S diag(1,1,1,1,0) Qᵀ,
      // which is M for x¹ (no money in it), so the default scale must be 1/2.
      const firstFour = eye(TOY_V).map((row) => row.slice(0, 4));
      const byDefault = await ctx.engine.attention({
        h: mat(oneHot(X1, TOY_V)),
        wq: mat(s.map((row) => row.slice(0, 4))),
        wk: mat(firstFour),
        wv: mat(eye(TOY_V)),
        returnWeights: true,
      });
      expectClose(byDefault.weights!, SOFTMAX_M_X1_TAU2, tol, 'softmax(M/√d_k) with d_k = 4 and the default scale');
      // N5: softmax(H W_Q W_Kᵀ Hᵀ/√d_k) = softmax((H W_Q d_k^−¼)(H W_K d_k^−¼)ᵀ); here d_k = V = 5.
      const quarter = 5 ** -0.25;
      const plain = await ctx.engine.attention({
        h: mat(oneHot(X1, TOY_V)),
        wq: mat(s),
        wk: mat(eye(TOY_V)),
        wv: mat(eye(TOY_V)),
        returnWeights: true,
      });
      const reparamWeights = (
        await ctx.engine.attention({
          h: mat(oneHot(X1, TOY_V)),
          wq: mat(mapRows(s, (v) => v * quarter)),
          wk: mat(mapRows(eye(TOY_V), (v) => v * quarter)),
          wv: mat(eye(TOY_V)),
          scale: 1,
          returnWeights: true,
        })
      ).weights!;
      expectClose(reparamWeights, toRows(plain.weights!), ctx.tol, 'd_k^−¼ reparameterization − 1/√d_k scale');
      expectClose(plain.weights!, softmaxRows(M_X1.map((row) => row.map((v) => v / Math.sqrt(5)))), ctx.tol, 'softmax(M/√5)');
      // The limits are taken at scale 1e−6 (τ = 10⁶: logits differ by ≤ 1.5e−6, so weights are 1/3 to ~5e−7,
      // inside the golden rounding) and at scale 1e6 (τ = 10⁻⁶: a logit gap of 0.5 becomes 5·10⁵, so e^−gap
      // underflows to exactly 0 in float32 and float64, while the tie in row 1 stays exact).
      const hot = (await scoreSoftmax(ctx, X1, s, { scale: 1e-6 })).weights;
      expectClose(hot, [
        [1 / 3, 1 / 3, 1 / 3],
        [1 / 3, 1 / 3, 1 / 3],
        [1 / 3, 1 / 3, 1 / 3],
      ], tol, 'τ → ∞: uniform');
      const cold = (await scoreSoftmax(ctx, X1, s, { scale: 1e6 })).weights;
      expectClose(cold, [
        [0, 0, 1],
        [0.5, 0, 0.5],
        [1, 0, 0],
      ], tol, 'τ → 0: per-row argmax with the tie split');
    },
  },
  {
    // P23: causal mask: upper triangle 0, row 0 = e₀, rows sum to 1, prefix invariance A(x)[:t, :t] = A(x_{:t}).
    id: 'attention/P23-causal-mask',
    async run(ctx) {
      const tol = goldenTol(ctx.tol);
      const s = operatorRows(await toyS(ctx));
      const causal = (await scoreSoftmax(ctx, X1, s, { mask: { kind: 'causal' } })).weights;
      expectClose(causal, CAUSAL_SOFTMAX_M_X1, tol, 'causal softmax(M(x¹))');
      expectClose([causal[1][0]], [Math.E / (1 + Math.E)], ctx.tol, 'A_10 = e/(1 + e)');
      check(causal[0][1] === 0 && causal[0][2] === 0 && causal[1][2] === 0, 'causal A: the upper triangle must be exactly 0');
      expectClose(rowSums(causal), [1, 1, 1], ctx.tol, 'row sums of causal A');
      const prefix = (await scoreSoftmax(ctx, X1.slice(0, 2), s, { mask: { kind: 'causal' } })).weights;
      expectClose(block(causal, [0, 1], [0, 1]), prefix, ctx.tol, 'A(x¹)[:2, :2] − A(river, bank)');
      // The same mask as a 0/1 keep matrix and as a −∞ bias.
      const keep = (await scoreSoftmax(ctx, X1, s, { mask: keepMask(3, 3, (i, j) => j <= i) })).weights;
      expectClose(keep, causal, ctx.tol, 'keep mask j ≤ i − causal');
      const bias = mapRows(M_X1, (_, i, j) => (j > i ? Number.NEGATIVE_INFINITY : 0));
      const viaBias = (await scoreSoftmax(ctx, X1, s, { mask: biasMask(bias) })).weights;
      expectClose(viaBias, causal, ctx.tol, '−∞ bias above the diagonal − causal');
      // A fully masked row is a zero row of weights and of output (SPEC B.0).
      const gap = await scoreSoftmax(ctx, X1, s, { mask: keepMask(3, 3, (i) => i !== 1) });
      expectClose(gap.weights[1], [0, 0, 0], ctx.tol, 'fully masked row of A');
      expectClose(gap.out[1], [0, 0, 0, 0, 0], ctx.tol, 'fully masked row of the output');
      expectClose(gap.weights[0], SOFTMAX_M_X1[0], tol, 'row 0 beside a fully masked row');
    },
  },
];
