import { fromRows, toRows } from '@dproj/core';
import { expectClose } from '../../assert.ts';
import type { ConformanceCase } from '../../case.ts';
import { block, check, condOf, keepMask, mat, matmul, pickRows, operatorRows, scoreSoftmax, toyS, transpose } from './support.ts';
import type { Dense } from '../../oracle/dense.ts';
import { goldenTol } from './tolerances.ts';
import { BANK, CROSS_X, CROSS_Y, MONEY, SOFTMAX_M_X1, TOY_S, TOY_W, WATER, X1 } from './toy.ts';

/** M_xy = Q_x S Q_yᵀ for x = (river, loan), y = (bank, water, money) (P37). */
const M_XY: Dense = [
  [1, 1.5, 0],
  [1, 0, 1],
];

/** softmax(M_xy) (P37, P39). */
const SOFTMAX_M_XY: Dense = [
  [0.3315, 0.5465, 0.122],
  [0.4223, 0.1554, 0.4223],
];

/** H and head 1 of P34, for P40. */
const P40_H: Dense = [
  [1, 0, 2, -1],
  [0, 1, 1, 1],
  [2, -1, 0, 1],
];
const P40_WQ: Dense = [[1, 0], [0, 1], [1, 1], [0, -1]];
const P40_WK: Dense = [[1, 1], [0, 1], [1, 0], [1, 0]];
const P40_WV: Dense = [[1, 0], [0, 0], [0, 1], [1, 1]];

/** Golden cases of SPEC C.9, cross-attention and attention-level invariants (P37–P41). */
export const crossCases: readonly ConformanceCase[] = [
  {
    // P37: M_xy = Q_x S Q_yᵀ = [[1,1.5,0],[1,0,1]], softmax rows as SPEC; the top-right block of M(x ⊕ y); y = x is self.
    id: 'projection/P37-cross-projection',
    async run(ctx) {
      const tol = goldenTol(ctx.tol);
      const s = await toyS(ctx);
      const cross = (await ctx.engine.projection({ tokens: CROSS_X, other: { tokens: CROSS_Y }, s })).m;
      expectClose(cross, M_XY, tol, 'M_xy');
      const a = (await scoreSoftmax(ctx, CROSS_X, operatorRows(s), { y: CROSS_Y })).weights;
      expectClose(a, SOFTMAX_M_XY, tol, 'softmax(M_xy)');
      const whole = toRows((await ctx.engine.projection({ tokens: [...CROSS_X, ...CROSS_Y], s })).m);
      expectClose(block(whole, [0, 1], [2, 3, 4]), cross, ctx.tol, 'M(x ⊕ y)[x, y] − M_xy');
      // y = x with S_xy = S is self-projection and self-attention.
      const selfCross = (await ctx.engine.projection({ tokens: X1, other: { tokens: X1 }, s })).m;
      expectClose(selfCross, (await ctx.engine.projection({ tokens: X1, s })).m, ctx.tol, 'M_xx − M(x)');
      const selfAttention = (await scoreSoftmax(ctx, X1, operatorRows(s), { y: X1 })).weights;
      expectClose(selfAttention, (await scoreSoftmax(ctx, X1, operatorRows(s))).weights, ctx.tol, 'cross-attention of x to itself − self-attention');
      expectClose(selfAttention, SOFTMAX_M_X1, tol, 'softmax(M_xx)');
      // A rectangular S_xy (V_x × V_y) indexes x by its rows and y by its columns.
      const sxy = TOY_S.map((row) => [row[BANK], row[WATER], row[MONEY]]);
      const rect = (await ctx.engine.projection({ tokens: CROSS_X, other: { tokens: [0, 1, 2] }, s: mat(sxy) })).m;
      expectClose(rect, M_XY, tol, 'M_xy with a 5×3 S_xy');
    },
  },
  {
    // P38: with values Q_y W the output is [[0.2095, 0.8780], [0, 0.5777]], and reordering y leaves it unchanged.
    id: 'attention/P38-source-order-invariance',
    async run(ctx) {
      const s = operatorRows(await toyS(ctx));
      const out = (await scoreSoftmax(ctx, CROSS_X, s, { y: CROSS_Y, wv: TOY_W })).out;
      expectClose(out, [
        [0.2095, 0.878],
        [0, 0.5777],
      ], goldenTol(ctx.tol), 'O = softmax(M_xy) Q_y W');
      const reordered = (await scoreSoftmax(ctx, CROSS_X, s, { y: [MONEY, BANK, WATER], wv: TOY_W })).out;
      expectClose(reordered, out, ctx.tol, 'O with y = (money, bank, water) − O');
    },
  },
  {
    // P39: self-attention on x ⊕ y with x's queries restricted to y's keys gives softmax(M_xy) (difference 0).
    id: 'attention/P39-masked-concatenation',
    async run(ctx) {
      const s = operatorRows(await toyS(ctx));
      const xy = [...CROSS_X, ...CROSS_Y];
      const n = CROSS_X.length;
      const mask = keepMask(xy.length, xy.length, (i, j) => i >= n || j >= n);
      const self = await scoreSoftmax(ctx, xy, s, { mask });
      const cross = await scoreSoftmax(ctx, CROSS_X, s, { y: CROSS_Y });
      expectClose(block(self.weights, [0, 1], [0, 1]), [[0, 0], [0, 0]], ctx.tol, 'masked x→x weights');
      expectClose(block(self.weights, [0, 1], [2, 3, 4]), SOFTMAX_M_XY, goldenTol(ctx.tol), 'x→y block of the masked self-attention');
      expectClose(block(self.weights, [0, 1], [2, 3, 4]), cross.weights, ctx.tol, 'masked self-attention − cross-attention weights');
      expectClose(self.out.slice(0, 2), cross.out, ctx.tol, 'masked self-attention − cross-attention output');
    },
  },
  {
    // P40: without positions or masks, Attn(P H) = P Attn(H); head 1 of P34 under a cyclic permutation.
    id: 'attention/P40-permutation-equivariance',
    async run(ctx) {
      const order = [1, 2, 0];
      const head = { wq: mat(P40_WQ), wk: mat(P40_WK), wv: mat(P40_WV), returnWeights: true };
      const base = await ctx.engine.attention({ h: mat(P40_H), ...head });
      const moved = await ctx.engine.attention({ h: fromRows(pickRows(P40_H, order)), ...head });
      expectClose(moved.out, pickRows(toRows(base.out), order), ctx.tol, 'Attn(P H) − P Attn(H)');
      expectClose(moved.weights!, block(toRows(base.weights!), order, order), ctx.tol, 'A(P H) − P A(H) Pᵀ');
    },
  },
  {
    // P41: rows of softmax(M) Q P are distributions (SPEC's values for x¹); with S = W W̃ᵀ, A (Q S) = (A H) W̃ᵀ.
    id: 'attention/P41-value-path',
    async run(ctx) {
      const s = operatorRows(await toyS(ctx));
      const p = condOf(s);
      const out = (await scoreSoftmax(ctx, X1, s, { wv: p })).out;
      expectClose(out, [
        [0.4226, 0.2674, 0.1679, 0.0947, 0.0474],
        [0.2978, 0.3379, 0.2978, 0.0444, 0.0222],
        [0.1679, 0.2674, 0.4226, 0.0947, 0.0474],
      ], goldenTol(ctx.tol), 'softmax(M) Q P');
      expectClose(out.map((row) => row.reduce((a, v) => a + v, 0)), [1, 1, 1], ctx.tol, 'row sums of softmax(M) Q P');
      check(out.every((row) => row.every((v) => v >= 0)), 'softmax(M) Q P: entries must be ≥ 0');
      // Factored values: S′ = W W̃ᵀ as W_V against W_V = W followed by W̃ᵀ.
      const wTilde = [
        [1, 2],
        [0, 1],
        [1, 0],
        [2, 1],
        [0.5, -1],
      ];
      const profiles = (await scoreSoftmax(ctx, X1, s, { wv: matmul(TOY_W, transpose(wTilde)) })).out;
      const embedded = (await scoreSoftmax(ctx, X1, s, { wv: TOY_W })).out;
      expectClose(profiles, matmul(embedded, transpose(wTilde)), ctx.tol, 'A (Q S′) − (A H) W̃ᵀ');
    },
  },
];
