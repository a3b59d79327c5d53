import { describe, expect, it } from 'vitest';
import { expectClose } from '../src/assert.ts';
import { oracleAttention, oracleMultiHead } from '../src/oracle/attention.ts';
import { oracleCooccurrence } from '../src/oracle/cooccurrence.ts';
import { operatorToDense } from '../src/oracle/sparse.ts';
import { oracleProjection } from '../src/oracle/projection.ts';
import { softmaxRows } from '../src/oracle/softmax.ts';
import { topKOfRow } from '../src/oracle/top-k.ts';
import { syntheticCorpus } from '../src/cases/support/corpus.ts';
import { toCsr } from '../src/cases/support/inputs.ts';
import type { Matrix } from '@dproj/core';
import { fromRows } from '@dproj/core';

// SPEC C.0: river bank water loan money = 0..4; three sentences; w = 2, f(d) = 1/d.
const toy = syntheticCorpus(
  [
    [0, 1, 2],
    [1, 3, 4],
    [0, 2],
  ],
  5,
);
const exact = { atol: 1e-12, rtol: 1e-12 };
const golden = { atol: 5e-5, rtol: 0 };

const F = [
  [0, 1, 1.5, 0, 0],
  [0, 0, 1, 1, 0.5],
  [0, 0, 0, 0, 0],
  [0, 0, 0, 0, 1],
  [0, 0, 0, 0, 0],
];
const S = [
  [0, 1, 1.5, 0, 0],
  [1, 0, 1, 1, 0.5],
  [1.5, 1, 0, 0, 0],
  [0, 1, 0, 0, 1],
  [0, 0.5, 0, 1, 0],
];
const sMatrix: Matrix = fromRows(S);

describe('oracle co-occurrence vs SPEC C.0', () => {
  it('gives F and S of the toy corpus', () => {
    const forward = oracleCooccurrence(toy.docs, 5, { window: 2, direction: 'forward' });
    const symmetric = oracleCooccurrence(toy.docs, 5, { window: 2 });
    expectClose(operatorToDense(forward.matrix), F, exact, 'F');
    expectClose(operatorToDense(symmetric.matrix), S, exact, 'S');
    expect(symmetric.tokens).toBe(8);
    expect(symmetric.settings).toEqual({ window: 2, weighting: 'harmonic', direction: 'symmetric', zeroDiagonal: false, crossDocuments: false });
  });

  it('gives the offset counts C(1), C(2) and P3 total mass', () => {
    const r = oracleCooccurrence(toy.docs, 5, { window: 2, offsets: true });
    const c1 = operatorToDense(r.offsets[0]);
    const c2 = operatorToDense(r.offsets[1]);
    expect(c1[0][1] + c1[0][2] + c1[1][2] + c1[1][3] + c1[3][4]).toBe(5);
    expect(c2[0][2]).toBe(1);
    expect(c2[1][4]).toBe(1);
    const total = operatorToDense(r.matrix).flat().reduce((a, b) => a + b, 0);
    expect(total).toBe(12);
  });

  it('zeroes the diagonal and crosses documents only when asked', () => {
    const repeated = syntheticCorpus([[0, 0], [0]], 1);
    expect(operatorToDense(oracleCooccurrence(repeated.docs, 1, { window: 2 }).matrix)).toEqual([[2]]);
    expect(operatorToDense(oracleCooccurrence(repeated.docs, 1, { window: 2, zeroDiagonal: true }).matrix)).toEqual([[0]]);
    // One stream 0 0 0: pairs at distance 1 (×2, weight 1) and 2 (×1, weight ½) → F = 2.5, S = 5.
    expect(operatorToDense(oracleCooccurrence(repeated.docs, 1, { window: 2, crossDocuments: true }).matrix)).toEqual([[5]]);
  });
});

describe('oracle projection vs SPEC C.2–C.3', () => {
  it('gives M(x¹) and E(x¹) (P5, P16)', () => {
    const r = oracleProjection({ tokens: [0, 1, 2], s: sMatrix, predict: { kind: 'dense' } });
    expectClose(r.m, [[0, 1, 1.5], [1, 0, 1], [1.5, 1, 0]], exact, 'M');
    expectClose(r.e ?? [], [[3.25, 1.5, 1, 1, 0.5], [1.5, 2, 1.5, 0, 0], [1, 1.5, 3.25, 1, 0.5]], exact, 'E');
  });

  it('gives E(x³) with a duplicate token and M_xy across sequences (P16, P37)', () => {
    const e3 = oracleProjection({ tokens: [1, 0, 1], s: sMatrix, predict: { kind: 'dense' } }).e ?? [];
    expectClose(e3, [[0, 1, 1.5, 0, 0], [2, 0, 2, 2, 1], [0, 1, 1.5, 0, 0]], exact, 'E(x³)');
    const cross = oracleProjection({ tokens: [0, 3], s: toCsr(sMatrix), other: { tokens: [1, 2, 4] } });
    expectClose(cross.m, [[1, 1.5, 0], [1, 0, 1]], exact, 'M_xy');
  });

  it('reads F forward, backward and symmetric (P24)', () => {
    const f = fromRows(F);
    expectClose(oracleProjection({ tokens: [0, 1, 2], s: f }).m, [[0, 1, 1.5], [0, 0, 1], [0, 0, 0]], exact, 'M→');
    expectClose(oracleProjection({ tokens: [0, 1, 2], s: f, direction: 'backward' }).m, [[0, 0, 0], [1, 0, 0], [1.5, 1, 0]], exact, 'M←');
    expectClose(oracleProjection({ tokens: [0, 1, 2], s: f, direction: 'symmetric' }).m, [[0, 1, 1.5], [1, 0, 1], [1.5, 1, 0]], exact, 'M');
  });

  it('gives the positional refinements M^pos and K ∘ M (P29, P30)', () => {
    const r = oracleCooccurrence(toy.docs, 5, { window: 2, offsets: true });
    const offsets = r.offsets.map((c) => toCsr(fromRows(operatorToDense(c))));
    expectClose(oracleProjection({ tokens: [0, 1, 2], s: sMatrix, positional: { kind: 'offset', offsets } }).m, [[0, 1, 0.5], [1, 0, 1], [0.5, 1, 0]], exact, 'M^pos');
    expectClose(oracleProjection({ tokens: [0, 1, 2], s: sMatrix, positional: { kind: 'kernel', kappa: [1, 1, 0.5] } }).m, [[0, 1, 0.75], [1, 0, 1], [0.75, 1, 0]], exact, 'K ∘ M');
  });

  it('ranks top-k with ties to the lower id', () => {
    expect(topKOfRow([1, 3, 3, 0, 3], 3)).toEqual({ ids: [1, 2, 4], scores: [3, 3, 3] });
    expect(topKOfRow([0, 0, -1, 0], 2).ids).toEqual([0, 1]);
    const r = oracleProjection({ tokens: [0, 1, 2], s: sMatrix, predict: { kind: 'topk', k: 2 } });
    expect(r.topk?.ids).toEqual([[0, 1], [1, 0], [2, 1]]);
  });
});

describe('oracle softmax and attention vs SPEC C.4, C.8', () => {
  it('gives softmax(M(x¹)) and its causal version (P18, P23)', () => {
    const m = [[0, 1, 1.5], [1, 0, 1], [1.5, 1, 0]];
    expectClose(softmaxRows(m), [[0.122, 0.3315, 0.5465], [0.4223, 0.1554, 0.4223], [0.5465, 0.3315, 0.122]], golden, 'softmax');
    const causal = m.map((row, i) => row.map((x, j) => (j > i ? Number.NEGATIVE_INFINITY : x)));
    expectClose(softmaxRows(causal), [[1, 0, 0], [0.7311, 0.2689, 0], [0.5465, 0.3315, 0.122]], golden, 'causal');
    expect(softmaxRows([[Number.NEGATIVE_INFINITY, Number.NEGATIVE_INFINITY]])).toEqual([[0, 0]]);
  });

  it('gives attention with one-hot H = Q, W_Q = S, W_K = I equal to softmax(M) (P27)', () => {
    const h = fromRows([[1, 0, 0, 0, 0], [0, 1, 0, 0, 0], [0, 0, 1, 0, 0]]);
    const eye = fromRows(Array.from({ length: 5 }, (_, i) => Array.from({ length: 5 }, (_, j) => (i === j ? 1 : 0))));
    const r = oracleAttention({ h, wq: sMatrix, wk: eye, wv: eye, scale: 1 });
    expectClose(r.weights, [[0.122, 0.3315, 0.5465], [0.4223, 0.1554, 0.4223], [0.5465, 0.3315, 0.122]], golden, 'weights');
  });

  it('gives the P34 multi-head output', () => {
    const h = fromRows([[1, 0, 2, -1], [0, 1, 1, 1], [2, -1, 0, 1]]);
    const heads = [
      { wq: fromRows([[1, 0], [0, 1], [1, 1], [0, -1]]), wk: fromRows([[1, 1], [0, 1], [1, 0], [1, 0]]), wv: fromRows([[1, 0], [0, 0], [0, 1], [1, 1]]) },
      { wq: fromRows([[0, 1], [1, 0], [-1, 0], [1, 1]]), wk: fromRows([[1, 0], [0, -1], [0, 1], [1, 1]]), wv: fromRows([[0, 1], [1, 1], [0, 0], [1, 0]]) },
    ];
    const wo = fromRows([[1, 0, 0, 1], [0, 1, 1, 0], [1, 1, 0, 0], [0, 0, 1, 1]]);
    const r = oracleMultiHead({ h, heads, wo });
    expectClose(r.out, [[1.8387, 0.4189, 2.0967, 3.5165], [1.9119, 1.4015, 2.2483, 2.7587], [2.2788, 1.2603, 2.1636, 3.1821]], golden, 'MHA');
    expectClose(oracleAttention({ h, ...heads[0] }).out, [[2.5165, 1.0967], [1.7587, 1.2483], [2.1821, 1.1636]], golden, 'O₁');
  });

  it('computes sampled rows exactly like all rows', () => {
    const h = fromRows([[1, 0], [0, 1], [1, 1], [2, -1]]);
    const w = fromRows([[1, 0.5], [-0.5, 1]]);
    const all = oracleAttention({ h, wq: w, wk: w, wv: w, mask: { kind: 'causal' } });
    const some = oracleAttention({ h, wq: w, wk: w, wv: w, mask: { kind: 'causal' } }, [3, 1]);
    expect(some.out).toEqual([all.out[3], all.out[1]]);
    expect(some.weights).toEqual([all.weights[3], all.weights[1]]);
  });
});
