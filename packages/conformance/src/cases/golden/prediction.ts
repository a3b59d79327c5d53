import { toRows } from '@dproj/core';
import { expectClose } from '../../assert.ts';
import type { ConformanceCase } from '../../case.ts';
import { check, combine, condOf, mapRows, mat, matmul, oneHot, project, operatorRows, scoreSoftmax, toyS, transpose } from './support.ts';
import type { Dense } from '../../oracle/dense.ts';
import { goldenTol } from './tolerances.ts';
import { TOY_S, TOY_V, X1, X2, X3 } from './toy.ts';

/** E(x¹), columns river, bank, water, loan, money (P16). */
const E_X1: Dense = [
  [3.25, 1.5, 1, 1, 0.5],
  [1.5, 2, 1.5, 0, 0],
  [1, 1.5, 3.25, 1, 0.5],
];

/** E(x²) (P16). */
const E_X2: Dense = [
  [0, 1.25, 0, 0.5, 1],
  [1, 0.5, 1, 2, 0.5],
  [0.5, 1, 0.5, 0.5, 1.25],
];

/** E(x³), D = diag(1, 2, 0, 0, 0) (P16). */
const E_X3: Dense = [
  [0, 1, 1.5, 0, 0],
  [2, 0, 2, 2, 1],
  [0, 1, 1.5, 0, 0],
];

/** Golden cases of SPEC C.3, vocabulary-level prediction E = M (Q S) (P16–P17). */
export const predictionCases: readonly ConformanceCase[] = [
  {
    // P16: E = Q S D S, E Qᵀ = M², E_ib = Σ_j S_{x_i x_j} S_{x_j b}; E(x¹), E(x²), E(x³) as in SPEC.
    id: 'projection/P16-prediction-identities',
    async run(ctx) {
      const tol = goldenTol(ctx.tol);
      const s = await toyS(ctx);
      const sRows = operatorRows(s);
      for (const [name, x, expected] of [
        ['x¹', X1, E_X1],
        ['x²', X2, E_X2],
        ['x³', X3, E_X3],
      ] as const) {
        const { m, e } = await project(ctx, x, s, true);
        check(e !== undefined, 'projection: predict dense was asked for, but no E came back');
        const eRows = toRows(e!);
        const mRows = toRows(m);
        const q = oneHot(x, TOY_V);
        expectClose(eRows, expected, tol, `E(${name})`);
        expectClose(matmul(eRows, transpose(q)), matmul(mRows, mRows), ctx.tol, `E Qᵀ − M² for ${name}`);
        const d = mapRows(matmul(transpose(q), q), (v, a, b) => (a === b ? v : 0));
        expectClose(eRows, matmul(matmul(matmul(q, sRows), d), sRows), ctx.tol, `E − Q S D S for ${name}`);
      }
    },
  },
  {
    // P16 (disambiguation): bank's row peaks on {river, bank, water} in x¹ and on {bank, loan, money} in x²; softmax(M) Q P as SPEC.
    id: 'projection/P16-disambiguation',
    async run(ctx) {
      const tol = goldenTol(ctx.tol);
      const s = await toyS(ctx);
      // Top-k of E: ties keep the lower id first, so bank's row in x¹ (1.5, 2, 1.5, 0, 0) ranks bank, river, water.
      const top1 = (await ctx.engine.projection({ tokens: X1, s, predict: { kind: 'topk', k: 3 } })).topk;
      check(top1 !== undefined && top1.k === 3, 'projection: predict topk was asked for, but no top-k came back');
      expectClose(Array.from(top1!.ids.subarray(3, 6)), [1, 0, 2], ctx.tol, 'top-3 ids of bank’s E row in x¹');
      expectClose(Array.from(top1!.scores.subarray(3, 6)), [2, 1.5, 1.5], tol, 'top-3 scores of bank’s E row in x¹');
      const top2 = (await ctx.engine.projection({ tokens: X2, s, predict: { kind: 'topk', k: 3 } })).topk;
      check(top2 !== undefined && top2.k === 3, 'projection: predict topk was asked for, but no top-k came back');
      expectClose(Array.from(top2!.ids.subarray(0, 3)), [1, 4, 3], ctx.tol, 'top-3 ids of bank’s E row in x²');
      expectClose(Array.from(top2!.scores.subarray(0, 3)), [1.25, 1, 0.5], tol, 'top-3 scores of bank’s E row in x²');
      // Normalized variant softmax(M) Q P: attention with values W_V = P (P27's construction).
      const p = condOf(operatorRows(s));
      const n1 = (await scoreSoftmax(ctx, X1, operatorRows(s), { wv: p })).out;
      expectClose(n1[1], [0.2978, 0.3379, 0.2978, 0.0444, 0.0222], tol, 'softmax(M) Q P, bank row in x¹');
      const n2 = (await scoreSoftmax(ctx, X2, operatorRows(s), { wv: p })).out;
      expectClose(n2[0], [0.0532, 0.3556, 0.0532, 0.258, 0.2799], tol, 'softmax(M) Q P, bank row in x²');
    },
  },
  {
    // P17: E(αS) = α² E(S) whereas M(αS) = α M(S); E(2S) = 4 E(S) exactly.
    id: 'projection/P17-quadratic-homogeneity',
    async run(ctx) {
      for (const x of [X1, X2, X3]) {
        const one = await project(ctx, x, mat(TOY_S), true);
        const two = await project(ctx, x, mat(combine(2, TOY_S, 0, TOY_S)), true);
        expectClose(two.e!, combine(4, toRows(one.e!), 0, toRows(one.e!)), ctx.tol, `E(2S) − 4 E(S) for x = (${x.join(',')})`);
        expectClose(two.m, combine(2, toRows(one.m), 0, toRows(one.m)), ctx.tol, `M(2S) − 2 M(S) for x = (${x.join(',')})`);
      }
    },
  },
];
