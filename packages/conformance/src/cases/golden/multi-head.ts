import { factorSymmetric, spectralHeads, toRows } from '@dproj/core';
import type { HeadWeights } from '@dproj/core';
import { expectClose, maxAbsDiff } from '../../assert.ts';
import type { ConformanceCase } from '../../case.ts';
import { check, combine, eye, mat, matmul, project, toyS } from './support.ts';
import type { Dense } from '../../oracle/dense.ts';
import { factorTol, goldenTol } from './tolerances.ts';
import { M_X1, SOFTMAX_M_X1, X1 } from './toy.ts';

/** H of P34 (n = 3, d = 4). */
const P34_H: Dense = [
  [1, 0, 2, -1],
  [0, 1, 1, 1],
  [2, -1, 0, 1],
];

/** The two heads of P34 (d_k = d_v = 2). */
const P34_HEADS: readonly { wq: Dense; wk: Dense; wv: Dense }[] = [
  {
    wq: [[1, 0], [0, 1], [1, 1], [0, -1]],
    wk: [[1, 1], [0, 1], [1, 0], [1, 0]],
    wv: [[1, 0], [0, 0], [0, 1], [1, 1]],
  },
  {
    wq: [[0, 1], [1, 0], [-1, 0], [1, 1]],
    wk: [[1, 0], [0, -1], [0, 1], [1, 1]],
    wv: [[0, 1], [1, 1], [0, 0], [1, 0]],
  },
];

/** W_O of P34 (4×4; rows 0–1 read head 1, rows 2–3 head 2). */
const P34_WO: Dense = [
  [1, 0, 0, 1],
  [0, 1, 1, 0],
  [1, 1, 0, 0],
  [0, 0, 1, 1],
];

/** MHA output of P34. */
const P34_OUT: Dense = [
  [1.8387, 0.4189, 2.0967, 3.5165],
  [1.9119, 1.4015, 2.2483, 2.7587],
  [2.2788, 1.2603, 2.1636, 3.1821],
];

/** O₁ of P34 (head 1 alone). */
const P34_O1: Dense = [
  [2.5165, 1.0967],
  [1.7587, 1.2483],
  [2.1821, 1.1636],
];

/** A P34 head as backend input. */
function headOf(head: { wq: Dense; wk: Dense; wv: Dense }): HeadWeights {
  return { wq: mat(head.wq), wk: mat(head.wk), wv: mat(head.wv) };
}

/** The spectral heads of the toy S: group 0 the positive eigenvalues, group 1 the negative ones. */
async function toySpectralHeads(ctx: Parameters<ConformanceCase['run']>[0]) {
  const fact = factorSymmetric(await toyS(ctx), { rank: 5 });
  const eigenvalues = Array.from(fact.eigenvalues);
  const groups = [
    eigenvalues.flatMap((v, i) => (v > 0 ? [i] : [])),
    eigenvalues.flatMap((v, i) => (v < 0 ? [i] : [])),
  ];
  return spectralHeads(fact, X1, groups);
}

/** Golden cases of SPEC C.8, multi-head attention (P32–P36). */
export const multiHeadCases: readonly ConformanceCase[] = [
  {
    // P32: S⁽¹⁾ (positive spectrum) + S⁽²⁾ (negative spectrum) = S, and Q S⁽¹⁾ Qᵀ + Q S⁽²⁾ Qᵀ = M(x¹).
    id: 'multiHead/P32-spectral-heads-sum',
    async run(ctx) {
      const tol = goldenTol(ctx.tol);
      const { h, heads } = await toySpectralHeads(ctx);
      check(heads.length === 2, `spectralHeads: expected 2 heads, got ${heads.length}`);
      const hRows = toRows(h);
      // Each head's scores (H W_Q⁽ℓ⁾)(H W_K⁽ℓ⁾)ᵀ through the projection operator (soft selectors, S = I).
      const scores: number[][][] = [];
      for (const head of heads) {
        const dk = head.wq.cols;
        const q = mat(matmul(hRows, toRows(head.wq)));
        const k = mat(matmul(hRows, toRows(head.wk)));
        scores.push(toRows((await ctx.engine.projection({ q, other: { q: k }, s: mat(eye(dk)) })).m));
      }
      expectClose(scores[0], [
        [0.8583, 0.7, 0.8583],
        [0.7, 0.8389, 0.7],
        [0.8583, 0.7, 0.8583],
      ], tol, 'Q S⁽¹⁾ Qᵀ (positive spectrum)');
      expectClose(scores[1], [
        [-0.8583, 0.3, 0.6417],
        [0.3, -0.8389, 0.3],
        [0.6417, 0.3, -0.8583],
      ], tol, 'Q S⁽²⁾ Qᵀ (negative spectrum)');
      expectClose(combine(1, scores[0], 1, scores[1]), M_X1, factorTol(ctx.tol), 'Σ_ℓ Q S⁽ℓ⁾ Qᵀ − M(x¹)');
      expectClose(combine(1, scores[0], 1, scores[1]), (await project(ctx, X1, await toyS(ctx))).m, factorTol(ctx.tol), 'Σ_ℓ heads − the backend’s M(x¹)');
    },
  },
  {
    // P33 (non-property): the average of the heads' softmaxes is (0.2329, 0.3333, 0.4338), … and NOT softmax(M).
    id: 'multiHead/P33-softmax-not-additive',
    async run(ctx) {
      const { h, heads } = await toySpectralHeads(ctx);
      const dv = heads.reduce((sum, head) => sum + head.wv.cols, 0);
      const result = await ctx.engine.multiHead({ h, heads, wo: mat(eye(dv)), scale: 1, returnWeights: true });
      check(result.weights?.length === 2, 'multiHead: returnWeights was asked for, but two weight matrices did not come back');
      const average = combine(0.5, toRows(result.weights![0]), 0.5, toRows(result.weights![1]));
      expectClose(average, [
        [0.2329, 0.3333, 0.4338],
        [0.3743, 0.2514, 0.3743],
        [0.4338, 0.3333, 0.2329],
      ], goldenTol(ctx.tol), 'average of the spectral heads’ softmaxes');
      // Deliberately not an equality: softmax is not additive across heads.
      const gap = maxAbsDiff(average.flat(), SOFTMAX_M_X1.flat());
      check(gap > 0.05, `the heads’ average softmax must differ from softmax(M); max difference only ${gap}`);
    },
  },
  {
    // P34: Concat(O₁, O₂) W_O = Σ_ℓ O_ℓ W_O^[ℓ]; SPEC's output rows with n = 3, d = 4, h = 2, d_k = d_v = 2, scale 1/√2.
    id: 'multiHead/P34-concat-identity',
    async run(ctx) {
      const tol = goldenTol(ctx.tol);
      const h = mat(P34_H);
      const heads = P34_HEADS.map(headOf);
      // The default scale is 1/√d_k = 1/√2; the explicit one must agree.
      const out = toRows((await ctx.engine.multiHead({ h, heads, wo: mat(P34_WO) })).out);
      expectClose(out, P34_OUT, tol, 'MHA(H) with the default scale');
      expectClose((await ctx.engine.multiHead({ h, heads, wo: mat(P34_WO), scale: Math.SQRT1_2 })).out, out, ctx.tol, 'MHA(H) with scale 1/√2');
      const o = [];
      for (const head of heads) o.push(toRows((await ctx.engine.attention({ h, ...head })).out));
      expectClose(o[0], P34_O1, tol, 'O₁');
      const blocks = [P34_WO.slice(0, 2), P34_WO.slice(2, 4)];
      const sum = combine(1, matmul(o[0], blocks[0]), 1, matmul(o[1], blocks[1]));
      expectClose(out, sum, ctx.tol, 'Concat(O₁, O₂) W_O − Σ_ℓ O_ℓ W_O^[ℓ]');
    },
  },
  {
    // P35: h = 1 with W_O = I equals single-head attention.
    id: 'multiHead/P35-one-head',
    async run(ctx) {
      const h = mat(P34_H);
      const head = headOf(P34_HEADS[0]);
      const single = await ctx.engine.attention({ h, ...head, returnWeights: true });
      const multi = await ctx.engine.multiHead({ h, heads: [head], wo: mat(eye(2)), returnWeights: true });
      expectClose(multi.out, single.out, ctx.tol, 'MHA with one head and W_O = I − attention');
      expectClose(multi.weights![0], single.weights!, ctx.tol, 'weights of the one head − attention weights');
      expectClose(multi.out, P34_O1, goldenTol(ctx.tol), 'O₁');
    },
  },
  {
    // P36: swapping the heads together with the row blocks of W_O leaves the output unchanged (difference 0).
    id: 'multiHead/P36-head-permutation',
    async run(ctx) {
      const h = mat(P34_H);
      const heads = P34_HEADS.map(headOf);
      const out = await ctx.engine.multiHead({ h, heads, wo: mat(P34_WO) });
      const swappedWo = [...P34_WO.slice(2, 4), ...P34_WO.slice(0, 2)];
      const swapped = await ctx.engine.multiHead({ h, heads: [heads[1], heads[0]], wo: mat(swappedWo) });
      expectClose(swapped.out, out.out, ctx.tol, 'MHA with heads swapped − MHA');
    },
  },
];
