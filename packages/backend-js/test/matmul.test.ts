import { describe, expect, test } from 'vitest';
import type { Matrix } from '@dproj/core';
import { axpy, dot, matmul, matmulAccumulate, matmulTransB, rowBlock, transpose } from '../src/kernels/matmul.ts';
import { random, randomMatrix } from './toy.ts';

/** The textbook triple loop in float64: the reference the kernels are checked against. */
function naive(a: Matrix, b: Matrix): Float64Array {
  const out = new Float64Array(a.rows * b.cols);
  for (let i = 0; i < a.rows; i++) {
    for (let j = 0; j < b.cols; j++) {
      let s = 0;
      for (let t = 0; t < a.cols; t++) s += a.data[i * a.cols + t] * b.data[t * b.cols + j];
      out[i * b.cols + j] = s;
    }
  }
  return out;
}

function maxDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  expect(a.length).toBe(b.length);
  let d = 0;
  for (let i = 0; i < a.length; i++) d = Math.max(d, Math.abs(a[i] - b[i]));
  return d;
}

describe('dense kernels', () => {
  // Sizes that cross the edges of any 64-wide tiling.
  for (const size of [1, 7, 63, 64, 65]) {
    test(`matmul equals the float64 triple loop at ${size}×${size + 2} · ${size + 2}×${size + 1}`, () => {
      const next = random(size);
      const a = randomMatrix(size, size + 2, next);
      const b = randomMatrix(size + 2, size + 1, next);
      const c = matmul(a, b);
      expect([c.rows, c.cols]).toEqual([size, size + 1]);
      const ref = naive(a, b);
      // Same float64 sums in the same order, rounded once: bit-identical.
      expect(maxDiff(c.data, Float32Array.from(ref))).toBe(0);
      expect(maxDiff(matmulTransB(a, transpose(b)).data, Float32Array.from(ref))).toBeLessThan(1e-5);
      const acc = new Float64Array(ref.length).fill(1);
      matmulAccumulate(a, b, acc);
      expect(maxDiff(acc, ref.map((v) => v + 1))).toBeLessThan(1e-12);
    });
  }

  test('transpose and rowBlock', () => {
    const a: Matrix = { rows: 2, cols: 3, data: Float32Array.of(1, 2, 3, 4, 5, 6) };
    expect(Array.from(transpose(a).data)).toEqual([1, 4, 2, 5, 3, 6]);
    const block = rowBlock(a, 1, 1);
    expect([block.rows, block.cols, ...block.data]).toEqual([1, 3, 4, 5, 6]);
  });

  test('axpy and dot work on offsets and sum in float64', () => {
    const x = Float32Array.of(9, 1, 2, 3);
    const acc = new Float64Array(4);
    axpy(2, x, 1, acc, 1, 3);
    expect(Array.from(acc)).toEqual([0, 2, 4, 6]);
    // 2^24 + 1 is not a Float32, but the float64 sum keeps it.
    expect(dot(Float32Array.of(16777216, 1), 0, Float32Array.of(1, 1), 0, 2)).toBe(16777217);
  });
});
