import { describe, expect, it } from 'vitest';
import { createRng, gaussianBlock } from '../src/linalg/random.ts';
import { svd } from '../src/linalg/svd.ts';

function maxAbs(a: ArrayLike<number>): number {
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i]));
  return m;
}

/** max |A − U Σ Vᵀ| and the orthogonality defects of U (m×p) and V (n×p). */
function check(a: Float64Array, m: number, n: number, u: Float64Array, s: Float64Array, v: Float64Array) {
  const p = Math.min(m, n);
  let reconstruction = 0;
  for (let i = 0; i < m; i++) {
    for (let j = 0; j < n; j++) {
      let x = 0;
      for (let l = 0; l < p; l++) x += u[i * p + l] * s[l] * v[j * p + l];
      reconstruction = Math.max(reconstruction, Math.abs(a[i * n + j] - x));
    }
  }
  const orthogonality = (b: Float64Array, rows: number): number => {
    let worst = 0;
    for (let x = 0; x < p; x++) {
      for (let y = 0; y < p; y++) {
        let dot = 0;
        for (let i = 0; i < rows; i++) dot += b[i * p + x] * b[i * p + y];
        worst = Math.max(worst, Math.abs(dot - (x === y ? 1 : 0)));
      }
    }
    return worst;
  };
  return { reconstruction, u: orthogonality(u, m), v: orthogonality(v, n) };
}

describe('svd', () => {
  it.each([
    [1, 1],
    [4, 4],
    [30, 30],
    [80, 12],
    [12, 80],
    [1, 9],
    [500, 20],
    [15, 400],
  ])('factors a random %i×%i matrix: A = UΣVᵀ to 1e-10, orthonormal U and V, σ descending', (m, n) => {
    const a = gaussianBlock(createRng(m * 100 + n), m, n);
    const { u, s, v } = svd(a, m, n);
    const result = check(a, m, n, u, s, v);
    expect(result.reconstruction).toBeLessThan(1e-10 * Math.max(1, maxAbs(a)));
    expect(result.u).toBeLessThan(1e-10);
    expect(result.v).toBeLessThan(1e-10);
    for (let j = 1; j < s.length; j++) expect(s[j]).toBeLessThanOrEqual(s[j - 1]);
    // Σσ² = ‖A‖_F²
    expect(s.reduce((x, y) => x + y * y, 0)).toBeCloseTo(a.reduce((x, y) => x + y * y, 0), 8);
  });

  it('handles a rank-2 matrix: three zero singular values and a completed orthonormal U', () => {
    const m = 7;
    const n = 5;
    const rng = createRng(4);
    const left = gaussianBlock(rng, m, 2);
    const right = gaussianBlock(rng, n, 2);
    const a = new Float64Array(m * n);
    for (let i = 0; i < m; i++) {
      for (let j = 0; j < n; j++) a[i * n + j] = left[i * 2] * right[j * 2] + left[i * 2 + 1] * right[j * 2 + 1];
    }
    const { u, s, v } = svd(a, m, n);
    const result = check(a, m, n, u, s, v);
    expect(result.reconstruction).toBeLessThan(1e-12);
    expect(result.u).toBeLessThan(1e-10);
    expect(result.v).toBeLessThan(1e-10);
    expect(s[1]).toBeGreaterThan(1e-3);
    expect(maxAbs(s.subarray(2))).toBeLessThan(1e-13);
  });

  it('factors the SPEC toy F (zero rows and columns): σ = 2.0873, 1.2194, 0.8099, 0, 0', () => {
    const f = Float64Array.from([0, 1, 1.5, 0, 0, 0, 0, 1, 1, 0.5, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0]);
    const { u, s, v } = svd(f, 5, 5);
    const result = check(f, 5, 5, u, s, v);
    expect(result.reconstruction).toBeLessThan(1e-14);
    expect(result.u).toBeLessThan(1e-12);
    expect(result.v).toBeLessThan(1e-12);
    [2.0873, 1.2194, 0.8099].forEach((x, j) => {
      expect(s[j]).toBeCloseTo(x, 4);
    });
    expect(maxAbs(s.subarray(3))).toBeLessThan(1e-15);
  });

  it('handles a tall rank-deficient matrix (QR-reduced path) with orthonormal U', () => {
    const m = 60;
    const n = 6;
    const a = gaussianBlock(createRng(12), m, n);
    for (let i = 0; i < m; i++) {
      a[i * n + 3] = 0;
      a[i * n + 5] = a[i * n + 0] - 3 * a[i * n + 1];
    }
    for (const [rows, cols, input] of [
      [m, n, a],
      [n, m, Float64Array.from({ length: m * n }, (_, p) => a[(p % m) * n + Math.floor(p / m)])],
    ] as const) {
      const { u, s, v } = svd(input, rows, cols);
      const result = check(input, rows, cols, u, s, v);
      expect(result.reconstruction).toBeLessThan(1e-12);
      expect(result.u).toBeLessThan(1e-10);
      expect(result.v).toBeLessThan(1e-10);
      expect(s[3]).toBeGreaterThan(0.1);
      expect(maxAbs(s.subarray(4))).toBeLessThan(1e-13);
    }
  });

  it('returns σ = 0 and orthonormal factors for the zero matrix', () => {
    const { u, s, v } = svd(new Float64Array(12), 4, 3);
    const result = check(new Float64Array(12), 4, 3, u, s, v);
    expect(Array.from(s)).toEqual([0, 0, 0]);
    expect(result.u).toBeLessThan(1e-12);
    expect(result.v).toBeLessThan(1e-12);
  });
});
