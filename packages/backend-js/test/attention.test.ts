import { describe, expect, test } from 'vitest';
import { fromRows, identity, toRows } from '@dproj/core';
import type { Mask, Matrix } from '@dproj/core';
import { transpose } from '../src/kernels/matmul.ts';
import { BANK, F, LOAN, MONEY, RIVER, S, WATER, closeRows, createBackend, oneHot, random, randomMatrix } from './toy.ts';

const X1 = [RIVER, BANK, WATER];
const I5 = identity(5);
const GOLD = 1e-4;

/** Scores (Q W_Q)(Q W_K)ᵀ = Q S Qᵀ = M with one-hot H = Q, W_Q = S, W_K = I (P27). */
function projectionHead(tokens: number[], s: Matrix = S): { h: Matrix; wq: Matrix; wk: Matrix; wv: Matrix } {
  return { h: oneHot(tokens, 5), wq: s, wk: I5, wv: I5 };
}

const P18 = [
  [0.122, 0.3315, 0.5465],
  [0.4223, 0.1554, 0.4223],
  [0.5465, 0.3315, 0.122],
];

describe('attention', () => {
  test('P18: softmax(M(x¹)) rows, and the output is A H', async () => {
    const backend = await createBackend();
    const input = { ...projectionHead(X1), scale: 1 };
    const explicit = await backend.attention({ ...input, returnWeights: true });
    const weights = explicit.weights ?? explicit.out;
    expect(closeRows(weights, P18, GOLD)).toBe(true);
    // Row 0 exactly (float32): (1, e, e^1.5)/(1 + e + e^1.5).
    const z = 1 + Math.E + Math.exp(1.5);
    expect(Array.from(weights.data.subarray(0, 3))).toEqual([1 / z, Math.E / z, Math.exp(1.5) / z].map(Math.fround));
    // With W_V = I the output scatters each row of A onto the words of x¹.
    const expectedOut = toRows(weights).map((row) => {
      const out = [0, 0, 0, 0, 0];
      row.forEach((v, j) => {
        out[X1[j]] += v;
      });
      return out;
    });
    expect(closeRows(explicit.out, expectedOut, 1e-7)).toBe(true);
    const streamed = await backend.attention(input);
    expect(streamed.weights).toBeUndefined();
    expect(closeRows(streamed.out, expectedOut, 1e-7)).toBe(true);
  });

  test('P22: temperature τ = 2 by scale, and the default scale is 1/√d_k', async () => {
    const backend = await createBackend();
    const half = await backend.attention({ ...projectionHead(X1), scale: 0.5, returnWeights: true });
    expect(
      closeRows(
        half.weights ?? half.out,
        [
          [0.2098, 0.346, 0.4442],
          [0.3837, 0.2327, 0.3837],
          [0.4442, 0.346, 0.2098],
        ],
        GOLD,
      ),
    ).toBe(true);
    const byDefault = await backend.attention({ ...projectionHead(X1), returnWeights: true });
    const explicit = await backend.attention({ ...projectionHead(X1), scale: 1 / Math.sqrt(5), returnWeights: true });
    expect(byDefault.weights?.data).toEqual(explicit.weights?.data);
  });

  test('P23: causal rows and prefix invariance; P24: order-aware directional causal scores', async () => {
    const backend = await createBackend();
    const causal: Mask = { kind: 'causal' };
    const full = await backend.attention({ ...projectionHead(X1), scale: 1, mask: causal, returnWeights: true });
    expect(
      closeRows(
        full.weights ?? full.out,
        [
          [1, 0, 0],
          [0.7311, 0.2689, 0],
          [0.5465, 0.3315, 0.122],
        ],
        GOLD,
      ),
    ).toBe(true);
    const prefix = await backend.attention({ ...projectionHead([RIVER, BANK]), scale: 1, mask: causal, returnWeights: true });
    expect(toRows(prefix.weights ?? prefix.out)).toEqual(toRows(full.weights ?? full.out).slice(0, 2).map((r) => r.slice(0, 2)));
    // Q Fᵀ Qᵀ on the reversed sequence: nothing was ever seen before these words.
    const reversed = await backend.attention({
      ...projectionHead([WATER, BANK, RIVER], transpose(F)),
      scale: 1,
      mask: causal,
      returnWeights: true,
    });
    expect(
      closeRows(
        reversed.weights ?? reversed.out,
        [
          [1, 0, 0],
          [0.5, 0.5, 0],
          [1 / 3, 1 / 3, 1 / 3],
        ],
        1e-7,
      ),
    ).toBe(true);
  });

  test('P28: a bias mask is a per-key prior', async () => {
    const backend = await createBackend();
    const prior = [0.5, -1, 2, 0, 1];
    const bias = Float32Array.from({ length: 9 }, (_, t) => prior[X1[t % 3]]);
    const result = await backend.attention({ ...projectionHead(X1), scale: 1, mask: { kind: 'bias', bias }, returnWeights: true });
    expect(
      closeRows(
        result.weights ?? result.out,
        [
          [0.0461, 0.028, 0.9259],
          [0.1797, 0.0148, 0.8055],
          [0.4683, 0.0634, 0.4683],
        ],
        GOLD,
      ),
    ).toBe(true);
  });

  test('keep and −∞ bias masks; a fully masked row is a zero row in weights and output', async () => {
    const backend = await createBackend();
    const keep = Uint8Array.of(1, 0, 1, 0, 0, 0, 1, 1, 1);
    const bias = Float32Array.of(0, -Infinity, 0, -Infinity, -Infinity, -Infinity, 0, 0, 0);
    for (const mask of [{ kind: 'keep', keep }, { kind: 'bias', bias }] as const) {
      const explicit = await backend.attention({ ...projectionHead(X1), scale: 1, mask, returnWeights: true });
      const w = toRows(explicit.weights ?? explicit.out);
      const z = 1 + Math.exp(1.5);
      expect(w[0][0]).toBeCloseTo(1 / z, 7);
      expect(w[0][1]).toBe(0);
      expect(w[0][2]).toBeCloseTo(Math.exp(1.5) / z, 7);
      expect(w[1]).toEqual([0, 0, 0]);
      expect(closeRows(explicit.weights ?? explicit.out, [w[0], w[1], P18[2]], GOLD)).toBe(true);
      expect(toRows(explicit.out)[1]).toEqual([0, 0, 0, 0, 0]);
      const streamed = await backend.attention({ ...projectionHead(X1), scale: 1, mask });
      expect(toRows(streamed.out)[1]).toEqual([0, 0, 0, 0, 0]);
      expect(closeRows(streamed.out, toRows(explicit.out), 1e-7)).toBe(true);
    }
  });

  test('P37, P38: cross-attention softmax(M_xy) and a source-order invariant output', async () => {
    const backend = await createBackend();
    const table = fromRows([
      [1, 0],
      [1, 1],
      [0, 1],
      [-1, 1],
      [-1, 0],
    ]);
    const x = [RIVER, LOAN];
    const y = [BANK, WATER, MONEY];
    const result = await backend.attention({
      h: oneHot(x, 5),
      context: oneHot(y, 5),
      wq: S,
      wk: I5,
      wv: table,
      scale: 1,
      returnWeights: true,
    });
    const weights = result.weights ?? result.out;
    expect([weights.rows, weights.cols]).toEqual([2, 3]);
    expect(
      closeRows(
        weights,
        [
          [0.3315, 0.5465, 0.122],
          [0.4223, 0.1554, 0.4223],
        ],
        GOLD,
      ),
    ).toBe(true);
    const expected = [
      [0.2095, 0.878],
      [0, 0.5777],
    ];
    expect(closeRows(result.out, expected, GOLD)).toBe(true);
    const reordered = await backend.attention({
      h: oneHot(x, 5),
      context: oneHot([MONEY, BANK, WATER], 5),
      wq: S,
      wk: I5,
      wv: table,
      scale: 1,
    });
    expect(closeRows(reordered.out, toRows(result.out), 1e-7)).toBe(true);
    // Causal across n×m: query i sees keys j ≤ i only.
    const causal = await backend.attention({
      h: oneHot(x, 5),
      context: oneHot(y, 5),
      wq: S,
      wk: I5,
      wv: table,
      scale: 1,
      mask: { kind: 'causal' },
      returnWeights: true,
    });
    const cw = toRows(causal.weights ?? causal.out);
    expect(cw[0]).toEqual([1, 0, 0]);
    expect(cw[1][2]).toBe(0);
    expect(cw[1][0]).toBeCloseTo(Math.E / (Math.E + 1), 7);
  });

  test('n = 1 gives weight [1] and the value row', async () => {
    const backend = await createBackend();
    const result = await backend.attention({ ...projectionHead([BANK]), returnWeights: true });
    expect(toRows(result.weights ?? result.out)).toEqual([[1]]);
    expect(toRows(result.out)).toEqual([[0, 1, 0, 0, 0]]);
  });

  const masks: [string, (n: number, m: number, next: () => number) => Mask | undefined][] = [
    ['no mask', () => undefined],
    ['causal', () => ({ kind: 'causal' })],
    ['keep', (n, m, next) => ({ kind: 'keep', keep: Uint8Array.from({ length: n * m }, (_, t) => (t % m < 5 && Math.floor(t / m) % 9 === 0 ? 0 : next() > -0.6 ? 1 : 0)) })],
    ['bias', (n, m, next) => ({ kind: 'bias', bias: Float32Array.from({ length: n * m }, () => (next() > 0.8 ? -Infinity : 3 * next())) })],
  ];
  for (const [name, makeMask] of masks) {
    test(`streaming equals the explicit-weights path on random inputs, n = 300 (${name})`, async () => {
      const backend = await createBackend();
      const next = random(300);
      for (const [n, m] of [
        [300, 300],
        [300, 137],
      ]) {
        const h = randomMatrix(n, 12, next);
        const context = m === n ? undefined : randomMatrix(m, 9, next);
        const dc = context?.cols ?? 12;
        const input = {
          h,
          context,
          wq: randomMatrix(12, 5, next),
          wk: randomMatrix(dc, 5, next),
          wv: randomMatrix(dc, 7, next),
          scale: 2.5,
          mask: makeMask(n, m, next),
        };
        const explicit = await backend.attention({ ...input, returnWeights: true });
        const streamed = await backend.attention(input);
        expect([streamed.out.rows, streamed.out.cols]).toEqual([n, 7]);
        let diff = 0;
        for (let t = 0; t < n * 7; t++) diff = Math.max(diff, Math.abs(streamed.out.data[t] - explicit.out.data[t]));
        expect(diff).toBeLessThan(1e-6);
        const w = explicit.weights ?? explicit.out;
        for (let i = 0; i < n; i++) {
          let sum = 0;
          for (let j = 0; j < m; j++) sum += w.data[i * m + j];
          if (sum !== 0) expect(sum).toBeCloseTo(1, 5);
        }
      }
    });
  }

  test('P40: permuting the rows of H permutes the output', async () => {
    const backend = await createBackend();
    const next = random(40);
    const h = randomMatrix(6, 4, next);
    const weights = { wq: randomMatrix(4, 3, next), wk: randomMatrix(4, 3, next), wv: randomMatrix(4, 2, next) };
    const perm = [3, 0, 5, 1, 4, 2];
    const hp = fromRows(perm.map((p) => Array.from(h.data.subarray(p * 4, p * 4 + 4))));
    const base = toRows((await backend.attention({ h, ...weights })).out);
    const permuted = await backend.attention({ h: hp, ...weights });
    expect(closeRows(permuted.out, perm.map((p) => base[p]), 1e-6)).toBe(true);
  });
});
