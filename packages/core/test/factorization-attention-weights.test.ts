import { describe, expect, it } from 'vitest';
import { ValueError } from '../src/errors/errors.ts';
import {
  directionalAttentionWeights,
  spectralHeads,
  symmetricAttentionWeights,
} from '../src/factorization/attention-weights.ts';
import { factorDirectional } from '../src/factorization/directional.ts';
import { factorSymmetric } from '../src/factorization/symmetric.ts';
import type { Matrix } from '../src/types/matrix.ts';
import { fromRows, toRows } from '../src/types/matrix.ts';

// SPEC C.0 over river, bank, water, loan, money.
const TOY_F = fromRows([
  [0, 1, 1.5, 0, 0],
  [0, 0, 1, 1, 0.5],
  [0, 0, 0, 0, 0],
  [0, 0, 0, 0, 1],
  [0, 0, 0, 0, 0],
]);
const TOY_S = fromRows([
  [0, 1, 1.5, 0, 0],
  [1, 0, 1, 1, 0.5],
  [1.5, 1, 0, 0, 0],
  [0, 1, 0, 0, 1],
  [0, 0.5, 0, 1, 0],
]);
const X1 = [0, 1, 2]; // river bank water
const X2 = [1, 3, 4]; // bank loan money
const X3 = [1, 0, 1]; // bank river bank (duplicate)

/** C = A B in float64 for float32 matrices. */
function mul(a: Matrix, b: Matrix): number[][] {
  expect(a.cols).toBe(b.rows);
  return Array.from({ length: a.rows }, (_, i) =>
    Array.from({ length: b.cols }, (_, j) => {
      let s = 0;
      for (let l = 0; l < a.cols; l++) s += a.data[i * a.cols + l] * b.data[l * b.cols + j];
      return s;
    }),
  );
}

/** Scores (H W_Q)(H W_K)ᵀ · scale. */
function scores(h: Matrix, wq: Matrix, wk: Matrix, scale = 1): number[][] {
  const q = mul(h, wq);
  const k = mul(h, wk);
  return q.map((qi) => k.map((kj) => scale * qi.reduce((s, v, l) => s + v * kj[l], 0)));
}

/** M = Q X Qᵀ by gathering entries of X. */
function project(x: Matrix, tokens: readonly number[]): number[][] {
  return tokens.map((a) => tokens.map((b) => x.data[a * x.cols + b]));
}

function expectMatrixClose(actual: number[][], expected: number[][], tolerance: number): void {
  expect(actual.length).toBe(expected.length);
  actual.forEach((row, i) => {
    expect(row.length).toBe(expected[i].length);
    row.forEach((v, j) => {
      expect(Math.abs(v - expected[i][j])).toBeLessThanOrEqual(tolerance);
    });
  });
}

function softmaxRows(z: number[][]): number[][] {
  return z.map((row) => {
    const top = Math.max(...row);
    const e = row.map((v) => Math.exp(v - top));
    const sum = e.reduce((a, b) => a + b, 0);
    return e.map((v) => v / sum);
  });
}

function expectValueError(run: () => unknown, argument: string, text: RegExp): void {
  let caught: unknown;
  try {
    run();
  } catch (error) {
    caught = error;
  }
  expect(caught).toBeInstanceOf(ValueError);
  expect((caught as ValueError).op).toBe('factorization');
  expect((caught as ValueError).argument).toBe(argument);
  expect((caught as ValueError).message).toMatch(text);
}

describe('symmetricAttentionWeights (P26)', () => {
  const f = factorSymmetric(TOY_S, { rank: 5 });

  it('gives H J Hᵀ = M = Q S Qᵀ at full rank, also with a duplicate token', () => {
    for (const tokens of [X1, X2, X3]) {
      const w = symmetricAttentionWeights(f, tokens);
      expect(w.scale).toBe(1);
      expect([w.h.rows, w.h.cols]).toEqual([3, 5]);
      expect(toRows(w.wq)).toEqual(toRows(fromRows([[1, 0, 0, 0, 0], [0, 1, 0, 0, 0], [0, 0, 1, 0, 0], [0, 0, 0, 1, 0], [0, 0, 0, 0, 1]])));
      expectMatrixClose(scores(w.h, w.wq, w.wk), project(TOY_S, tokens), 1e-5);
    }
    // Token ids may also come as a Uint32Array; x¹ gives M(x¹) of SPEC P26.
    const typed = symmetricAttentionWeights(f, Uint32Array.from(X1));
    expectMatrixClose(
      scores(typed.h, typed.wq, typed.wk),
      [
        [0, 1, 1.5],
        [1, 0, 1],
        [1.5, 1, 0],
      ],
      1e-5,
    );
  });

  it('W_K is J = diag(signs), with two +1 and three −1 for the toy', () => {
    const w = symmetricAttentionWeights(f, X1);
    const diagonal = toRows(w.wk).map((row, j) => row[j]);
    expect(diagonal).toEqual(Array.from(f.signs));
    expect(diagonal.filter((s) => s === -1).length).toBe(3);
    expect(toRows(w.wv)).toEqual(toRows(w.wq));
  });

  it('softmax(H J Hᵀ / 2) = softmax(M / 2)', () => {
    const w = symmetricAttentionWeights(f, X1);
    expectMatrixClose(softmaxRows(scores(w.h, w.wq, w.wk, 0.5)), softmaxRows(project(TOY_S, X1).map((r) => r.map((v) => v / 2))), 1e-6);
  });

  it('rejects token ids outside 0..V−1 and empty sequences', () => {
    expectValueError(() => symmetricAttentionWeights(f, [0, 5]), 'tokens[1]', /symmetricAttentionWeights: tokens\[1\] must be an integer id in 0\.\.4, got 5/);
    expectValueError(() => symmetricAttentionWeights(f, [-1]), 'tokens[0]', /got -1/);
    expectValueError(() => symmetricAttentionWeights(f, [0, 1.5]), 'tokens[1]', /got 1\.5/);
    expectValueError(() => symmetricAttentionWeights(f, []), 'tokens', /non-empty/);
  });
});

describe('directionalAttentionWeights (P24, P25)', () => {
  const f = factorDirectional(TOY_F, { rank: 3 });

  it('forward scores (Q A)(Q B)ᵀ = M→ = Q F Qᵀ and backward scores = M← = (M→)ᵀ', () => {
    for (const tokens of [X1, X2, X3, [2, 1, 0]]) {
      const forward = directionalAttentionWeights(f, tokens);
      const backward = directionalAttentionWeights(f, tokens, 'backward');
      const expected = project(TOY_F, tokens);
      expectMatrixClose(scores(forward.h, forward.wq, forward.wk), expected, 1e-5);
      expectMatrixClose(scores(backward.h, backward.wq, backward.wk), expected[0].map((_, j) => expected.map((row) => row[j])), 1e-5);
      expect([forward.h.rows, forward.h.cols]).toEqual([3, 6]);
      expect([forward.wq.rows, forward.wq.cols]).toEqual([6, 3]);
      expect([forward.wv.rows, forward.wv.cols]).toEqual([6, 6]);
      expect(forward.scale).toBe(1);
    }
    // SPEC P24: M→(x¹).
    const w = directionalAttentionWeights(f, X1);
    expectMatrixClose(scores(w.h, w.wq, w.wk), [[0, 1, 1.5], [0, 0, 1], [0, 0, 0]], 1e-5);
  });

  it('at rank 2 the score error for x¹ is 0.1988 ≤ σ₃', () => {
    const f2 = factorDirectional(TOY_F, { rank: 2 });
    const w = directionalAttentionWeights(f2, X1);
    const s = scores(w.h, w.wq, w.wk);
    const exact = project(TOY_F, X1);
    const gap = Math.sqrt(s.flat().reduce((acc, v, p) => acc + (v - exact.flat()[p]) ** 2, 0));
    expect(gap).toBeCloseTo(0.1988, 4);
  });

  it('rejects a rectangular factorization, an unknown direction and bad token ids', () => {
    const rect = factorDirectional(fromRows([[1, 0, 2], [0, 1, 0]]), { rank: 2 });
    expectValueError(() => directionalAttentionWeights(rect, [0]), 'f', /square F/);
    expectValueError(() => directionalAttentionWeights(f, [0], 'sideways' as 'forward'), 'direction', /'forward' or 'backward'/);
    expectValueError(() => directionalAttentionWeights(f, [7]), 'tokens[0]', /0\.\.4, got 7/);
  });
});

describe('spectralHeads (P32)', () => {
  const f = factorSymmetric(TOY_S, { rank: 5 });
  const positive = Array.from(f.signs.keys()).filter((j) => f.signs[j] === 1);
  const negative = Array.from(f.signs.keys()).filter((j) => f.signs[j] === -1);

  it('splits M(x¹) into the positive- and negative-spectrum heads of SPEC P32', () => {
    const { h, heads, scale } = spectralHeads(f, X1, [positive, negative]);
    expect(scale).toBe(1);
    expect(heads).toHaveLength(2);
    const s1 = scores(h, heads[0].wq, heads[0].wk);
    const s2 = scores(h, heads[1].wq, heads[1].wk);
    expectMatrixClose(s1, [[0.8583, 0.7, 0.8583], [0.7, 0.8389, 0.7], [0.8583, 0.7, 0.8583]], 1e-4);
    expectMatrixClose(s2, [[-0.8583, 0.3, 0.6417], [0.3, -0.8389, 0.3], [0.6417, 0.3, -0.8583]], 1e-4);
    expectMatrixClose(s1.map((row, i) => row.map((v, j) => v + s2[i][j])), project(TOY_S, X1), 1e-5);
    expect([heads[0].wq.rows, heads[0].wq.cols]).toEqual([5, 2]);
    expect([heads[1].wk.rows, heads[1].wk.cols]).toEqual([5, 3]);
    expect([heads[1].wv.rows, heads[1].wv.cols]).toEqual([5, 3]);
  });

  it('sums to H J Hᵀ for any partition, one head per eigenpair included', () => {
    const groups = [[4], [0, 2], [1, 3]];
    const { h, heads } = spectralHeads(f, X3, groups);
    const total = heads.map((w) => scores(h, w.wq, w.wk)).reduce((acc, s) => acc.map((row, i) => row.map((v, j) => v + s[i][j])));
    expectMatrixClose(total, project(TOY_S, X3), 1e-5);
    const single = symmetricAttentionWeights(f, X3);
    expectMatrixClose(total, scores(single.h, single.wq, single.wk), 1e-6);
  });

  it('rejects empty, out-of-range and repeated group indices', () => {
    expectValueError(() => spectralHeads(f, X1, []), 'groups', /non-empty/);
    expectValueError(() => spectralHeads(f, X1, [[0], []]), 'groups[1]', /non-empty/);
    expectValueError(() => spectralHeads(f, X1, [[0, 5]]), 'groups[0][1]', /0\.\.4, got 5/);
    expectValueError(() => spectralHeads(f, X1, [[0, 1], [2, 1]]), 'groups[1][1]', /already in groups\[0\]/);
    expectValueError(() => spectralHeads(f, [9], [[0]]), 'tokens[0]', /spectralHeads: tokens\[0\]/);
  });
});
