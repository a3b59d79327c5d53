import { factorSymmetric, symmetricAttentionWeights, toRows } from '@dproj/core';
import { expectClose, maxAbsDiff } from '../../assert.ts';
import type { ConformanceCase } from '../../case.ts';
import {
  biasMask,
  block,
  check,
  combine,
  eye,
  mapRows,
  mat,
  matmul,
  project,
  oneHot,
  operatorRows,
  scoreSoftmax,
  softmaxRows,
  toyS,
  transpose,
} from './support.ts';
import { factorTol, goldenTol } from './tolerances.ts';
import { M_X1, SOFTMAX_M_X1, SOFTMAX_M_X1_TAU2, TOY_S, TOY_S_EIGENVALUES, TOY_V, X1, X3 } from './toy.ts';

/** diag(v) as rows. */
function diag(v: ArrayLike<number>): number[][] {
  return Array.from({ length: v.length }, (_, i) => Array.from({ length: v.length }, (_, j) => (i === j ? v[i] : 0)));
}

/** Golden cases of SPEC C.6, the embedding link H = Q W (P26–P28). */
export const embeddingCases: readonly ConformanceCase[] = [
  {
    // P26: W = U|Λ|^½, J = sign Λ give W J Wᵀ = S, H J Hᵀ = M(x¹), softmax(H J Hᵀ/2) = softmax(M/2); shift: H_c H_cᵀ = M + 1.5 Δ.
    id: 'attention/P26-signature-factorization',
    async run(ctx) {
      const tol = goldenTol(ctx.tol);
      const s = await toyS(ctx);
      const fact = factorSymmetric(s, { rank: 5 });
      check(fact.rank === 5, `factorSymmetric(S, 5): expected rank 5, got ${fact.rank}`);
      const eigenvalues = Array.from(fact.eigenvalues).sort((a, b) => b - a);
      expectClose(eigenvalues, TOY_S_EIGENVALUES, tol, 'eigenvalues of S');
      // λ_min(S) < 0, so an exact S = W Wᵀ is impossible: the signature must flag it with negative signs.
      const signs = Array.from(fact.signs);
      check(signs.filter((v) => v < 0).length === 3, `signature of S: expected 3 negative signs, got (${signs.join(', ')})`);
      const j = diag(signs);
      const w = toRows(fact.w);
      // W J Wᵀ and H J Hᵀ through the projection operator: soft selector W (or Q W) with S = J.
      expectClose((await ctx.engine.projection({ q: mat(w), s: mat(j) })).m, TOY_S, factorTol(ctx.tol), 'W J Wᵀ − S');
      const h = matmul(oneHot(X1, TOY_V), w);
      expectClose((await ctx.engine.projection({ q: mat(h), s: mat(j) })).m, M_X1, factorTol(ctx.tol), 'H J Hᵀ − M(x¹)');
      // Attention from core's weights with τ = 2.
      const weights = symmetricAttentionWeights(fact, X1);
      const a = await ctx.engine.attention({ ...weights, scale: 0.5, returnWeights: true });
      expectClose(a.weights!, SOFTMAX_M_X1_TAU2, tol, 'softmax(H J Hᵀ/2)');
      expectClose(a.weights!, (await scoreSoftmax(ctx, X1, operatorRows(s), { scale: 0.5 })).weights, factorTol(ctx.tol), 'softmax(H J Hᵀ/2) − softmax(M/2)');

      // PSD shift S + 1.5 I = W_c W_cᵀ (its eigenvalue 0 dropped at rank 4): H_c H_cᵀ = M + 1.5 Δ.
      const shifted = combine(1, operatorRows(s), 1.5, eye(TOY_V));
      const psd = factorSymmetric(mat(shifted), { rank: 4 });
      check(Array.from(psd.signs).every((v) => v > 0), `signature of S + 1.5 I: expected all signs +1, got (${Array.from(psd.signs).join(', ')})`);
      for (const x of [X1, X3]) {
        const q = oneHot(x, TOY_V);
        const hc = matmul(q, toRows(psd.w));
        const gram = (await ctx.engine.projection({ q: mat(hc), s: mat(eye(psd.rank)) })).m;
        const m = toRows((await project(ctx, x, s)).m);
        const delta = matmul(q, transpose(q));
        expectClose(gram, combine(1, m, 1.5, delta), factorTol(ctx.tol), `H_c H_cᵀ − (M + 1.5 Δ) for x = (${x.join(',')})`);
      }
    },
  },
  {
    // P27: with H = Q (W = I_V), W_Q = S and W_K = I, the scores equal M exactly.
    id: 'attention/P27-one-hot-embeddings',
    async run(ctx) {
      const s = await toyS(ctx);
      for (const x of [X1, X3]) {
        const viaTokens = (await project(ctx, x, s)).m;
        const viaSelector = (await ctx.engine.projection({ q: mat(oneHot(x, TOY_V)), s })).m;
        expectClose(viaSelector, viaTokens, ctx.tol, `Q S Qᵀ with one-hot rows − token path, x = (${x.join(',')})`);
        expectClose(viaTokens, block(TOY_S, x, x), goldenTol(ctx.tol), `M(x = (${x.join(',')}))`);
        const a = (await scoreSoftmax(ctx, x, operatorRows(s))).weights;
        expectClose(a, softmaxRows(block(TOY_S, x, x)), ctx.tol, `softmax of one-hot attention scores − softmax(M)`);
      }
      expectClose((await scoreSoftmax(ctx, X1, operatorRows(s))).weights, SOFTMAX_M_X1, goldenTol(ctx.tol), 'softmax(M(x¹))');
      // Soft selector rows (distributions over words): M = Q S Qᵀ stays bilinear in the rows.
      const soft = [
        [0.5, 0.5, 0, 0, 0],
        [0, 0.25, 0.25, 0.5, 0],
      ];
      expectClose((await ctx.engine.projection({ q: mat(soft), s })).m, matmul(matmul(soft, TOY_S), transpose(soft)), ctx.tol, 'soft-selector Q S Qᵀ');
    },
  },
  {
    // P28: softmax(Q(S + 1b̃ᵀ)Qᵀ) = softmax(M + 1(Q b̃)ᵀ) ≠ softmax(M); b̃ = (0.5, −1, 2, 0, 1), row 0 = softmax(0.5, 0, 3.5).
    id: 'attention/P28-column-bias-key-prior',
    async run(ctx) {
      const bTilde = [0.5, -1, 2, 0, 1];
      const s = operatorRows(await toyS(ctx));
      const withPrior = mapRows(s, (v, _a, b) => v + bTilde[b]);
      const a = (await scoreSoftmax(ctx, X1, withPrior)).weights;
      expectClose(a, [
        [0.0461, 0.028, 0.9259],
        [0.1797, 0.0148, 0.8055],
        [0.4683, 0.0634, 0.4683],
      ], goldenTol(ctx.tol), 'softmax(Q(S + 1b̃ᵀ)Qᵀ)');
      expectClose(a[0], softmaxRows([[0.5, 0, 3.5]])[0], ctx.tol, 'row 0 = softmax(0.5, 0, 3.5)');
      // The same prior as an additive bias mask on plain M: bias_ij = b̃_{x_j}.
      const bias = biasMask(M_X1.map((row) => row.map((_, jj) => bTilde[X1[jj]])));
      expectClose((await scoreSoftmax(ctx, X1, s, { mask: bias })).weights, a, ctx.tol, 'softmax(M + 1(Q b̃)ᵀ) − softmax(Q(S + 1b̃ᵀ)Qᵀ)');
      const gap = maxAbsDiff(a.flat(), SOFTMAX_M_X1.flat());
      check(gap > 0.1, `a column bias must change the weights (a key prior), but differs from softmax(M) by only ${gap}`);
    },
  },
];
