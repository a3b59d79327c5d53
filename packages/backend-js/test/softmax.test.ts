import { describe, expect, test } from 'vitest';
import { createOnlineSoftmax, finishRow, foldBlock, softmaxInPlace } from '../src/kernels/softmax.ts';
import { random } from './toy.ts';

describe('softmax kernels', () => {
  test('softmaxInPlace is exp(z − max)/Σ over unmasked entries (P18 row 0)', () => {
    const z = Float64Array.of(7, 0, 1, 1.5, -Infinity);
    softmaxInPlace(z, 1, 4);
    const total = 1 + Math.E + Math.exp(1.5);
    expect(z[0]).toBe(7);
    expect(z[1]).toBeCloseTo(1 / total, 12);
    expect(z[2]).toBeCloseTo(Math.E / total, 12);
    expect(z[3]).toBeCloseTo(Math.exp(1.5) / total, 12);
    expect(z[4]).toBe(0);
  });

  test('a fully masked row becomes a zero row', () => {
    const z = Float64Array.of(-Infinity, -Infinity);
    softmaxInPlace(z, 0, 2);
    expect(Array.from(z)).toEqual([0, 0]);
  });

  test('huge logits do not overflow', () => {
    const z = Float64Array.of(1000, 1000);
    softmaxInPlace(z, 0, 2);
    expect(Array.from(z)).toEqual([0.5, 0.5]);
  });

  test('folding blocks online equals the explicit softmax-weighted sum', () => {
    const next = random(7);
    const m = 150;
    const width = 3;
    const scores = Float64Array.from({ length: m }, (_, j) => (j % 11 === 0 ? -Infinity : 20 * next()));
    const values = Float32Array.from({ length: m * width }, next);
    const weights = scores.slice();
    softmaxInPlace(weights, 0, m);
    const expected = [0, 0, 0];
    for (let j = 0; j < m; j++) for (let t = 0; t < width; t++) expected[t] += weights[j] * values[j * width + t];

    const state = createOnlineSoftmax(2, width);
    for (let j0 = 0; j0 < m; j0 += 64) {
      const len = Math.min(64, m - j0);
      foldBlock(state, 1, scores.subarray(j0, j0 + len), len, values, j0);
    }
    const out = new Float32Array(2 * width).fill(9);
    finishRow(state, 1, out, width);
    finishRow(state, 0, out, 0);
    expect(Array.from(out.subarray(0, width))).toEqual([0, 0, 0]);
    for (let t = 0; t < width; t++) expect(out[width + t]).toBeCloseTo(expected[t], 6);
  });
});
