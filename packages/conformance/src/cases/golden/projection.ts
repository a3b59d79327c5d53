import { toRows } from '@dproj/core';
import { expectClose } from '../../assert.ts';
import type { ConformanceCase } from '../../case.ts';
import {
  block,
  check,
  combine,
  eye,
  mapRows,
  mat,
  matmul,
  oneHot,
  pickRows,
  project,
  operatorRows,
  scoreSoftmax,
  symmetricEigenvalues,
  toyS,
  transpose,
} from './support.ts';
import { goldenTol } from './tolerances.ts';
import { BANK, CROSS_X, CROSS_Y, LOAN, M_X1, MONEY, RIVER, TOY_F, TOY_S, TOY_S_EIGENVALUES, TOY_V, WATER, X1, X3 } from './toy.ts';

/** M(x³) = Q S Qᵀ for x³ = (bank, river, bank) (P10). */
const M_X3 = [
  [0, 1, 0],
  [1, 0, 1],
  [0, 1, 0],
];

/** Golden cases of SPEC C.2, the core projection M = Q S Qᵀ (P5–P15). */
export const projectionCases: readonly ConformanceCase[] = [
  {
    // P5: M_ij = S_{x_i x_j}; M(x¹) = [[0,1,1.5],[1,0,1],[1.5,1,0]], from sparse and from dense S.
    id: 'projection/P5-entry-selection',
    async run(ctx) {
      const tol = goldenTol(ctx.tol);
      expectClose((await project(ctx, X1, await toyS(ctx))).m, M_X1, tol, 'M(x¹) from the backend’s CSR S');
      expectClose((await project(ctx, X1, mat(TOY_S))).m, M_X1, tol, 'M(x¹) from a dense S');
      // Every entry is an entry of S, for a sequence with repeats too.
      const x = [LOAN, BANK, MONEY, BANK, WATER];
      expectClose((await project(ctx, x, mat(TOY_S))).m, block(TOY_S, x, x), ctx.tol, 'M_ij = S_{x_i x_j}');
    },
  },
  {
    // P6: M(S)ᵀ = M(Sᵀ); symmetric S gives symmetric M.
    id: 'projection/P6-symmetry-transpose',
    async run(ctx) {
      const x = [LOAN, BANK, RIVER, MONEY, BANK];
      const mF = toRows((await project(ctx, x, mat(TOY_F))).m);
      const mFt = toRows((await project(ctx, x, mat(transpose(TOY_F)))).m);
      expectClose(transpose(mF), mFt, ctx.tol, 'M(F)ᵀ − M(Fᵀ)');
      const mS = toRows((await project(ctx, x, await toyS(ctx))).m);
      expectClose(mS, transpose(mS), ctx.tol, 'M(S) − M(S)ᵀ');
    },
  },
  {
    // P7: M(αS₁ + βS₂) = α M(S₁) + β M(S₂); Q F Qᵀ + Q Fᵀ Qᵀ = M(x¹) exactly.
    id: 'projection/P7-linearity',
    async run(ctx) {
      const mF = toRows((await project(ctx, X1, mat(TOY_F))).m);
      const mFt = toRows((await project(ctx, X1, mat(transpose(TOY_F)))).m);
      expectClose(combine(1, mF, 1, mFt), M_X1, ctx.tol, 'Q F Qᵀ + Q Fᵀ Qᵀ');
      const x = [BANK, WATER, LOAN, BANK];
      const mS = toRows((await project(ctx, x, mat(TOY_S))).m);
      const mG = toRows((await project(ctx, x, mat(TOY_F))).m);
      const mMix = toRows((await project(ctx, x, mat(combine(2, TOY_S, -0.5, TOY_F)))).m);
      expectClose(mMix, combine(2, mS, -0.5, mG), ctx.tol, 'M(2S − ½F) − (2 M(S) − ½ M(F))');
    },
  },
  {
    // P8 (Prop. 1, C1): changing S_ab for a pair not realized in x leaves M unchanged (difference 0).
    id: 'projection/P8-locality',
    async run(ctx) {
      const changed = mapRows(TOY_S, (v, a, b) => ((a === LOAN && b === MONEY) || (a === MONEY && b === LOAN) ? 7 : v));
      const before = (await project(ctx, X1, mat(TOY_S))).m;
      const after = (await project(ctx, X1, mat(changed))).m;
      expectClose(after, before, ctx.tol, 'M(x¹) after S_loan,money = S_money,loan = 7');
      expectClose(after, M_X1, goldenTol(ctx.tol), 'M(x¹)');
    },
  },
  {
    // P9: T(e_a e_bᵀ) = q_a q_bᵀ; for x³, M(e_bank e_bankᵀ) = [[1,0,1],[0,0,0],[1,0,1]].
    id: 'projection/P9-basis-response',
    async run(ctx) {
      const q = oneHot(X3, TOY_V);
      for (let a = 0; a < TOY_V; a++) {
        for (let b = 0; b < TOY_V; b++) {
          const basis = mapRows(eye(TOY_V), (_, i, j) => (i === a && j === b ? 1 : 0));
          const expected = q.map((qi) => q.map((qj) => qi[a] * qj[b]));
          expectClose((await project(ctx, X3, mat(basis))).m, expected, ctx.tol, `M(x³; e_${a} e_${b}ᵀ) = q_a q_bᵀ`);
        }
      }
      const bankBank = mapRows(eye(TOY_V), (_, i, j) => (i === BANK && j === BANK ? 1 : 0));
      expectClose((await project(ctx, X3, mat(bankBank))).m, [
        [1, 0, 1],
        [0, 0, 0],
        [1, 0, 1],
      ], ctx.tol, 'M(x³; e_bank e_bankᵀ)');
    },
  },
  {
    // P10: x_i = x_j makes rows and columns i, j of M, E and A equal; softmax(M(x³)) rows 0, 2 = (0.2119, 0.5761, 0.2119).
    id: 'projection/P10-duplicate-tokens',
    async run(ctx) {
      const tol = goldenTol(ctx.tol);
      const s = await toyS(ctx);
      const { m, e } = await project(ctx, X3, s, true);
      expectClose(m, M_X3, tol, 'M(x³)');
      const mRows = toRows(m);
      expectClose(mRows[0], mRows[2], ctx.tol, 'M(x³) rows 0 and 2');
      expectClose(transpose(mRows)[0], transpose(mRows)[2], ctx.tol, 'M(x³) columns 0 and 2');
      check(e !== undefined, 'projection: predict dense was asked for, but no E came back');
      const eRows = toRows(e!);
      expectClose(eRows[0], eRows[2], ctx.tol, 'E(x³) rows 0 and 2');
      const { weights } = await scoreSoftmax(ctx, X3, operatorRows(s));
      expectClose(weights[0], [0.2119, 0.5761, 0.2119], tol, 'softmax(M(x³)) row 0');
      expectClose(weights[2], [0.2119, 0.5761, 0.2119], tol, 'softmax(M(x³)) row 2');
      expectClose(weights[0], weights[2], ctx.tol, 'softmax(M(x³)) rows 0 and 2');
    },
  },
  {
    // P11: M(πx) = P_π M P_πᵀ, likewise A; E(πx) = P_π E; x' = (water, river, bank).
    id: 'projection/P11-permutation-equivariance',
    async run(ctx) {
      const order = [2, 0, 1];
      const xp = order.map((i) => X1[i]);
      const s = await toyS(ctx);
      const base = await project(ctx, X1, s, true);
      const perm = await project(ctx, xp, s, true);
      const m = toRows(base.m);
      expectClose(perm.m, block(m, order, order), ctx.tol, 'M(x′) − P M(x¹) Pᵀ');
      expectClose(perm.e!, pickRows(toRows(base.e!), order), ctx.tol, 'E(x′) − P E(x¹)');
      const a = (await scoreSoftmax(ctx, X1, operatorRows(s))).weights;
      const ap = (await scoreSoftmax(ctx, xp, operatorRows(s))).weights;
      expectClose(ap, block(a, order, order), ctx.tol, 'A(x′) − P A(x¹) Pᵀ');
    },
  },
  {
    // P12: Q' = Q Πᵀ, S' = Π S Πᵀ give M' = M; relabelling (4,2,0,3,1), difference 0.
    id: 'projection/P12-relabelling-invariance',
    async run(ctx) {
      const pi = [4, 2, 0, 3, 1];
      const relabelled = mapRows(TOY_S, (_, a, b) => TOY_S[pi.indexOf(a)][pi.indexOf(b)]);
      for (const x of [X1, X3, [MONEY, BANK, LOAN, WATER]]) {
        const base = await project(ctx, x, mat(TOY_S), true);
        const moved = await project(ctx, x.map((t) => pi[t]), mat(relabelled), true);
        expectClose(moved.m, base.m, ctx.tol, `M′ − M for x = (${x.join(',')})`);
        // E's columns are words, so they move with the relabelling: E′[:, π(b)] = E[:, b].
        const e = toRows(base.e!);
        const eMoved = toRows(moved.e!);
        expectClose(e.map((_, i) => pi.map((pb) => eMoved[i][pb])), e, ctx.tol, 'E′[:, π(b)] − E[:, b]');
      }
    },
  },
  {
    // P13: M(x_I) = M(x)[I, I]; M(x ⊕ y) has M_xy as its off-diagonal block.
    id: 'projection/P13-restriction-concatenation',
    async run(ctx) {
      const s = await toyS(ctx);
      const m = toRows((await project(ctx, X1, s)).m);
      expectClose((await project(ctx, [BANK, WATER], s)).m, [
        [0, 1],
        [1, 0],
      ], goldenTol(ctx.tol), 'M(bank, water)');
      expectClose((await project(ctx, [BANK, WATER], s)).m, block(m, [1, 2], [1, 2]), ctx.tol, 'M(bank, water) − M(x¹)[1:, 1:]');
      expectClose((await project(ctx, [RIVER, WATER], s)).m, block(m, [0, 2], [0, 2]), ctx.tol, 'M(river, water) − M(x¹)[{0,2},{0,2}]');
      const xy = [...CROSS_X, ...CROSS_Y];
      const whole = toRows((await project(ctx, xy, s)).m);
      const cross = toRows((await ctx.engine.projection({ tokens: CROSS_X, other: { tokens: CROSS_Y }, s })).m);
      const xi = [0, 1];
      const yi = [2, 3, 4];
      expectClose(block(whole, xi, yi), cross, ctx.tol, 'M(x ⊕ y)[x, y] − M_xy');
      expectClose(block(whole, yi, xi), transpose(cross), ctx.tol, 'M(x ⊕ y)[y, x] − M_xyᵀ');
      expectClose(block(whole, xi, xi), (await project(ctx, CROSS_X, s)).m, ctx.tol, 'M(x ⊕ y)[x, x] − M(x)');
    },
  },
  {
    // P14: S ⪰ 0 ⇒ M ⪰ 0; rank M ≤ min(rank S, #distinct); Qᵀ M Q = D S D; Q(S+1.5I)Qᵀ has eigenvalues (0, 0.6492, 3.8508).
    id: 'projection/P14-psd-rank-lift',
    async run(ctx) {
      const tol = goldenTol(ctx.tol);
      const s = operatorRows(await toyS(ctx));
      expectClose(symmetricEigenvalues(s), [...TOY_S_EIGENVALUES].reverse(), tol, 'eigenvalues of S');
      const shifted = combine(1, s, 1.5, eye(TOY_V));
      const mc = toRows((await project(ctx, X1, mat(shifted))).m);
      expectClose(symmetricEigenvalues(mc), [0, 0.6492, 3.8508], tol, 'eigenvalues of Q (S + 1.5 I) Qᵀ');
      // Lift: Qᵀ M Q = D S D; for x¹ (distinct) that is S with loan and money zeroed.
      for (const x of [X1, X3]) {
        const q = oneHot(x, TOY_V);
        const m = toRows((await project(ctx, x, mat(s))).m);
        const counts = transpose(q).map((col) => col.reduce((a, v) => a + v, 0));
        const dsd = mapRows(s, (v, a, b) => counts[a] * v * counts[b]);
        expectClose(matmul(matmul(transpose(q), m), q), dsd, ctx.tol, `Qᵀ M Q − D S D for x = (${x.join(',')})`);
      }
      const zeroed = mapRows(s, (v, a, b) => (a >= LOAN || b >= LOAN ? 0 : v));
      const q1 = oneHot(X1, TOY_V);
      expectClose(matmul(matmul(transpose(q1), toRows((await project(ctx, X1, mat(s))).m)), q1), zeroed, tol, 'Qᵀ M(x¹) Q');
      // x³ has 2 distinct words, so rank M(x³) ≤ 2: one eigenvalue is 0 (the others are ±√2).
      const e3 = symmetricEigenvalues(toRows((await project(ctx, X3, mat(s))).m));
      expectClose(e3, [-Math.SQRT2, 0, Math.SQRT2], ctx.tol, 'eigenvalues of M(x³)');
    },
  },
  {
    // P15: M 1 = Q S c; for x¹, M 1 = (2.5, 2, 2.5).
    id: 'projection/P15-row-sums',
    async run(ctx) {
      const s = await toyS(ctx);
      const rowSums = (m: number[][]): number[] => m.map((row) => row.reduce((a, v) => a + v, 0));
      expectClose(rowSums(toRows((await project(ctx, X1, s)).m)), [2.5, 2, 2.5], goldenTol(ctx.tol), 'M(x¹) 1');
      // x³ has c = (1, 2, 0, 0, 0): Q S c = (S c)_{x_i} = (1, 2, 1).
      const q = oneHot(X3, TOY_V);
      const c = transpose(q).map((col) => [col.reduce((a, v) => a + v, 0)]);
      const qsc = matmul(matmul(q, operatorRows(s)), c).map((r) => r[0]);
      expectClose(qsc, [1, 2, 1], ctx.tol, 'Q S c for x³');
      expectClose(rowSums(toRows((await project(ctx, X3, s)).m)), qsc, ctx.tol, 'M(x³) 1 − Q S c');
    },
  },
];
