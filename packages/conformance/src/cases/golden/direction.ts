import { directionalAttentionWeights, factorDirectional, toRows } from '@dproj/core';
import { expectClose } from '../../assert.ts';
import type { ConformanceCase } from '../../case.ts';
import {
  block,
  check,
  combine,
  eye,
  frobeniusDiff,
  mat,
  matmul,
  oneHot,
  operatorRows,
  scoreSoftmax,
  softmaxRows,
  toyF,
  toyS,
  transpose,
} from './support.ts';
import type { Dense } from '../../oracle/dense.ts';
import { factorTol, goldenTol } from './tolerances.ts';
import { CAUSAL_SOFTMAX_M_X1, M_X1, TOY_F_SINGULAR_VALUES, TOY_V, X1, XREV } from './toy.ts';

/** M→(x¹) = Q F Qᵀ (P24). */
const M_FORWARD_X1: Dense = [
  [0, 1, 1.5],
  [0, 0, 1],
  [0, 0, 0],
];

/** Directional causal softmax(Q Fᵀ Qᵀ) for x^rev: no preceding context was ever observed (P24). */
const CAUSAL_BACKWARD_XREV: Dense = [
  [1, 0, 0],
  [0.5, 0.5, 0],
  [1 / 3, 1 / 3, 1 / 3],
];

/** Golden cases of SPEC C.5, the directional refinement (P24–P25). */
export const directionCases: readonly ConformanceCase[] = [
  {
    // P24: M→ = Q F Qᵀ, M← = (M→)ᵀ, M→ + M← = M; M(x^rev) = J M(x¹) J is blind to order, causal M← is not.
    id: 'projection/P24-direction-order-sensitivity',
    async run(ctx) {
      const tol = goldenTol(ctx.tol);
      const f = await toyF(ctx);
      const forward = toRows((await ctx.engine.projection({ tokens: X1, s: f, direction: 'forward' })).m);
      const byDefault = toRows((await ctx.engine.projection({ tokens: X1, s: f })).m);
      const backward = toRows((await ctx.engine.projection({ tokens: X1, s: f, direction: 'backward' })).m);
      const symmetric = toRows((await ctx.engine.projection({ tokens: X1, s: f, direction: 'symmetric' })).m);
      expectClose(forward, M_FORWARD_X1, tol, 'M→(x¹)');
      expectClose(byDefault, forward, ctx.tol, 'M(x¹) of F with the default direction − M→(x¹)');
      expectClose(backward, transpose(forward), ctx.tol, 'M← − (M→)ᵀ');
      expectClose(symmetric, M_X1, tol, 'M of F read as symmetric');
      expectClose(combine(1, forward, 1, backward), symmetric, ctx.tol, 'M→ + M← − M');

      const s = await toyS(ctx);
      const mRev = toRows((await ctx.engine.projection({ tokens: XREV, s })).m);
      const mX1 = toRows((await ctx.engine.projection({ tokens: X1, s })).m);
      expectClose(mRev, block(mX1, [2, 1, 0], [2, 1, 0]), ctx.tol, 'M(x^rev) − J M(x¹) J');
      const causal = { kind: 'causal' } as const;
      expectClose((await scoreSoftmax(ctx, XREV, operatorRows(s), { mask: causal })).weights, CAUSAL_SOFTMAX_M_X1, tol, 'causal softmax(M(x^rev))');
      const ft = transpose(operatorRows(f));
      expectClose((await scoreSoftmax(ctx, XREV, ft, { mask: causal })).weights, CAUSAL_BACKWARD_XREV, tol, 'causal softmax(Q Fᵀ Qᵀ) for x^rev');
      const dirX1 = (await scoreSoftmax(ctx, X1, ft, { mask: causal })).weights;
      expectClose(dirX1, CAUSAL_SOFTMAX_M_X1, tol, 'causal softmax(Q Fᵀ Qᵀ) for x¹');
      expectClose(dirX1, (await scoreSoftmax(ctx, X1, operatorRows(s), { mask: causal })).weights, ctx.tol, 'directional − symmetric causal A for x¹');
    },
  },
  {
    // P25: F = A Bᵀ from the SVD with d_k = 3 gives (QA)(QB)ᵀ = Q F Qᵀ; rank 2 errs by σ₃ = 0.8099 on F and 0.1988 on M→(x¹).
    id: 'attention/P25-directional-factorization',
    async run(ctx) {
      const tol = goldenTol(ctx.tol);
      const f = await toyF(ctx);
      const q = oneHot(X1, TOY_V);
      const exact = factorDirectional(f, { rank: 3 });
      check(exact.rank === 3, `factorDirectional(F, 3): expected rank 3, got ${exact.rank}`);
      expectClose(Array.from(exact.singularValues).slice(0, 3), TOY_F_SINGULAR_VALUES, tol, 'singular values of F');
      expectClose([exact.error], [0], factorTol(ctx.tol), '‖F − A Bᵀ‖_F at d_k = 3');
      // Scores through the projection operator with soft selectors Q A and Q B and S = I: (QA)(QB)ᵀ.
      const qa = matmul(q, toRows(exact.a));
      const qb = matmul(q, toRows(exact.b));
      const scores = await ctx.engine.projection({ q: mat(qa), other: { q: mat(qb) }, s: mat(eye(3)) });
      expectClose(scores.m, M_FORWARD_X1, factorTol(ctx.tol), '(QA)(QB)ᵀ − Q F Qᵀ');
      // Attention with one-hot H, W_Q = A, W_K = B: weights softmax(Q F Qᵀ).
      const viaFactors = await ctx.engine.attention({
        h: mat(q),
        wq: exact.a,
        wk: exact.b,
        wv: mat(eye(TOY_V)),
        scale: 1,
        returnWeights: true,
      });
      const direct = (await scoreSoftmax(ctx, X1, operatorRows(f))).weights;
      expectClose(viaFactors.weights!, softmaxRows(M_FORWARD_X1), factorTol(ctx.tol), 'softmax((QA)(QB)ᵀ) − softmax(M→)');
      expectClose(viaFactors.weights!, direct, factorTol(ctx.tol), 'factored − direct attention weights');
      // Core's ready-made weights, backward and causal, on x^rev: no preceding context, whatever the scale.
      const back = directionalAttentionWeights(exact, XREV, 'backward');
      const backward = await ctx.engine.attention({ ...back, mask: { kind: 'causal' }, returnWeights: true });
      expectClose(backward.weights!, CAUSAL_BACKWARD_XREV, tol, 'causal attention from directionalAttentionWeights(backward) on x^rev');
      const fwd = directionalAttentionWeights(exact, X1, 'forward');
      const forward = await ctx.engine.attention({ ...fwd, returnWeights: true });
      const scaled = softmaxRows(M_FORWARD_X1.map((row) => row.map((v) => v * fwd.scale)));
      expectClose(forward.weights!, scaled, factorTol(ctx.tol), 'attention from directionalAttentionWeights(forward) on x¹');

      const truncated = factorDirectional(f, { rank: 2 });
      expectClose([truncated.error], [TOY_F_SINGULAR_VALUES[2]], tol, '‖F − F₂‖_F = σ₃');
      const m2 = await ctx.engine.projection({
        q: mat(matmul(q, toRows(truncated.a))),
        other: { q: mat(matmul(q, toRows(truncated.b))) },
        s: mat(eye(2)),
      });
      const gap = frobeniusDiff(M_FORWARD_X1, toRows(m2.m));
      expectClose([gap], [0.1988], tol, '‖Q F Qᵀ − Q F₂ Qᵀ‖_F for x¹');
      check(gap <= TOY_F_SINGULAR_VALUES[2], `‖Q F Qᵀ − Q F₂ Qᵀ‖_F = ${gap} must not exceed σ₃ = 0.8099`);
    },
  },
];
