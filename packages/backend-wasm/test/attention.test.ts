import type { Mask, Matrix } from '@dproj/core';
import { describe, expect, test } from 'vitest';
import { wasmBackend } from '../src/index.ts';
import { random, randomMatrix, relError } from './helpers.ts';

/** softmax((H W_Q)(C W_K)ᵀ · scale + mask)(C W_V) in float64, the explicit way: the whole n×m matrix. */
function explicitAttention(h: Matrix, c: Matrix, wq: Matrix, wk: Matrix, wv: Matrix, scale: number, mask?: Mask) {
  const proj = (x: Matrix, w: Matrix) => {
    const out = new Float64Array(x.rows * w.cols);
    for (let i = 0; i < x.rows; i++)
      for (let j = 0; j < w.cols; j++) {
        let s = 0;
        for (let t = 0; t < x.cols; t++) s += x.data[i * x.cols + t] * w.data[t * w.cols + j];
        out[i * w.cols + j] = s;
      }
    return out;
  };
  const q = proj(h, wq);
  const k = proj(c, wk);
  const v = proj(c, wv);
  const n = h.rows;
  const m = c.rows;
  const dk = wq.cols;
  const dv = wv.cols;
  const weights = new Float64Array(n * m);
  const out = new Float64Array(n * dv);
  for (let i = 0; i < n; i++) {
    const z = new Float64Array(m);
    for (let j = 0; j < m; j++) {
      let s = 0;
      for (let t = 0; t < dk; t++) s += q[i * dk + t] * k[j * dk + t];
      s *= scale;
      if (mask?.kind === 'causal' && j > i) s = -Infinity;
      if (mask?.kind === 'keep' && mask.keep[i * m + j] === 0) s = -Infinity;
      if (mask?.kind === 'bias') s += mask.bias[i * m + j];
      z[j] = s;
    }
    const max = Math.max(...z);
    if (max === -Infinity) continue;
    let sum = 0;
    for (let j = 0; j < m; j++) sum += Math.exp(z[j] - max);
    for (let j = 0; j < m; j++) {
      const a = Math.exp(z[j] - max) / sum;
      weights[i * m + j] = a;
      for (let t = 0; t < dv; t++) out[i * dv + t] += a * v[j * dv + t];
    }
  }
  return { out, weights };
}

describe('fused attention kernel', async () => {
  const backend = await wasmBackend().create();
  const cases: [string, number, number, (n: number, m: number, next: () => number) => Mask | undefined][] = [
    ['no mask', 70, 133, () => undefined],
    ['causal', 130, 130, () => ({ kind: 'causal' })],
    ['causal, fewer keys than queries', 9, 5, () => ({ kind: 'causal' })],
    ['keep, with a fully masked row', 37, 200, (n, m, next) => ({ kind: 'keep', keep: Uint8Array.from({ length: n * m }, (_, t) => (t < m ? 0 : next() > -0.5 ? 1 : 0)) })],
    [
      'bias with −∞',
      21,
      66,
      (n, m, next) => ({ kind: 'bias', bias: Float32Array.from({ length: n * m }, () => (next() > 0.7 ? Number.NEGATIVE_INFINITY : next() * 3)) }),
    ],
  ];
  for (const [name, n, m, makeMask] of cases) {
    test(`${name}: streaming (online softmax) and explicit weights agree with the float64 loop (n = ${n}, m = ${m})`, async () => {
      const next = random(n * 1000 + m);
      const h = randomMatrix(n, 24, next);
      const c = randomMatrix(m, 19, next);
      const wq = randomMatrix(24, 20, next);
      const wk = randomMatrix(19, 20, next);
      const wv = randomMatrix(19, 17, next);
      const mask = makeMask(n, m, next);
      const ref = explicitAttention(h, c, wq, wk, wv, 0.3, mask);
      const streamed = await backend.attention({ h, context: c, wq, wk, wv, mask, scale: 0.3 });
      const explicit = await backend.attention({ h, context: c, wq, wk, wv, mask, scale: 0.3, returnWeights: true });
      expect(relError(streamed.out.data, ref.out)).toBeLessThan(2e-5);
      expect(relError(explicit.out.data, ref.out)).toBeLessThan(2e-5);
      expect(relError(explicit.weights!.data, ref.weights)).toBeLessThan(2e-6);
      if (mask?.kind === 'keep') expect(Array.from(streamed.out.data.subarray(0, 17))).toEqual(new Array(17).fill(0));
      expect(backend.stats()).toEqual({ liveBuffers: 0, liveBytes: 0 });
    });
  }

  test('scores far apart do not overflow: the running maximum rescales the sums', async () => {
    // Scores from −400 to +400: exp without the shift would overflow float32.
    const m = 300;
    const h: Matrix = { rows: 1, cols: 1, data: Float32Array.of(1) };
    const c: Matrix = { rows: m, cols: 1, data: Float32Array.from({ length: m }, (_, j) => (j - m / 2) * 2.7) };
    const one: Matrix = { rows: 1, cols: 1, data: Float32Array.of(1) };
    const r = await backend.attention({ h, context: c, wq: one, wk: one, wv: one, scale: 1 });
    // The top few keys dominate: the output is their softmax-weighted mean.
    const z = Array.from(c.data);
    const max = Math.max(...z);
    const w = z.map((s) => Math.exp(s - max));
    const expected = w.reduce((s, x, j) => s + x * z[j], 0) / w.reduce((s, x) => s + x, 0);
    expect(r.out.data[0]).toBeCloseTo(expected, 3);
  });

  test('multi-head equals the heads run one by one, concatenated, times W_O', async () => {
    const next = random(3);
    const h = randomMatrix(50, 16, next);
    const heads = [4, 7, 16].map((dk) => ({ wq: randomMatrix(16, dk, next), wk: randomMatrix(16, dk, next), wv: randomMatrix(16, dk + 1, next) }));
    const dv = heads.reduce((s, w) => s + w.wv.cols, 0);
    const wo = randomMatrix(dv, 9, next);
    const mh = await backend.multiHead({ h, heads, wo, mask: { kind: 'causal' } });
    const expected = new Float64Array(50 * 9);
    let row0 = 0;
    for (const w of heads) {
      const o = (await backend.attention({ h, ...w, mask: { kind: 'causal' } })).out;
      for (let i = 0; i < 50; i++)
        for (let j = 0; j < 9; j++) for (let t = 0; t < o.cols; t++) expected[i * 9 + j] += o.data[i * o.cols + t] * wo.data[(row0 + t) * 9 + j];
      row0 += w.wv.cols;
    }
    expect(relError(mh.out.data, expected)).toBeLessThan(1e-5);
  });
});
