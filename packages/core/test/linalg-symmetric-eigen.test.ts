import { describe, expect, it } from 'vitest';
import { createRng } from '../src/linalg/random.ts';
import { symmetricEigen } from '../src/linalg/symmetric-eigen.ts';

function randomSymmetric(n: number, seed: number): Float64Array {
  const rng = createRng(seed);
  const a = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = i; j < n; j++) {
      const v = rng.gaussian();
      a[i * n + j] = v;
      a[j * n + i] = v;
    }
  }
  return a;
}

function frobenius(a: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i] * a[i];
  return Math.sqrt(s);
}

/** ‖A − U Λ Uᵀ‖_F and ‖Uᵀ U − I‖_F. */
function residuals(a: Float64Array, n: number, values: Float64Array, u: Float64Array): [number, number] {
  const diff = new Float64Array(n * n);
  const orth = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      let r = 0;
      let o = 0;
      for (let l = 0; l < n; l++) {
        r += u[i * n + l] * values[l] * u[j * n + l];
        o += u[l * n + i] * u[l * n + j];
      }
      diff[i * n + j] = a[i * n + j] - r;
      orth[i * n + j] = o - (i === j ? 1 : 0);
    }
  }
  return [frobenius(diff), frobenius(orth)];
}

describe('symmetricEigen', () => {
  it.each([1, 2, 3, 5, 17, 60, 120])('reconstructs a random symmetric %i×%i matrix to 1e-10', (n) => {
    const a = randomSymmetric(n, n);
    const { values, vectors } = symmetricEigen(a, n);
    const [reconstruction, orthogonality] = residuals(a, n, values, vectors);
    expect(reconstruction).toBeLessThan(1e-10 * Math.max(1, frobenius(a)));
    expect(orthogonality).toBeLessThan(1e-10);
    for (let j = 1; j < n; j++) expect(values[j]).toBeLessThanOrEqual(values[j - 1]);
  });

  it('keeps the trace and the Frobenius norm: Σλ = tr A, Σλ² = ‖A‖_F²', () => {
    const n = 40;
    const a = randomSymmetric(n, 99);
    const { values } = symmetricEigen(a, n);
    let trace = 0;
    for (let i = 0; i < n; i++) trace += a[i * n + i];
    expect(values.reduce((s, v) => s + v, 0)).toBeCloseTo(trace, 10);
    expect(values.reduce((s, v) => s + v * v, 0)).toBeCloseTo(frobenius(a) ** 2, 8);
  });

  it('handles repeated eigenvalues, diagonal and zero matrices', () => {
    const n = 6;
    const cases: Float64Array[] = [new Float64Array(n * n), new Float64Array(n * n), new Float64Array(n * n)];
    for (let i = 0; i < n; i++) cases[1][i * n + i] = 1;
    [3, 3, -1, 0, 3, -1].forEach((v, i) => {
      cases[2][i * n + i] = v;
    });
    for (const a of cases) {
      const { values, vectors } = symmetricEigen(a, n);
      const [reconstruction, orthogonality] = residuals(a, n, values, vectors);
      expect(reconstruction).toBeLessThan(1e-12);
      expect(orthogonality).toBeLessThan(1e-12);
    }
    expect(Array.from(symmetricEigen(cases[2], n).values)).toEqual([3, 3, 3, 0, -1, -1]);
  });

  it('is accurate for a graded spectrum (λ from 1 to 1e-12) built as U Λ Uᵀ', () => {
    const n = 30;
    const { vectors: u } = symmetricEigen(randomSymmetric(n, 5), n);
    const lambda = Array.from({ length: n }, (_, j) => 10 ** (-(12 * j) / (n - 1)) * (j % 2 === 0 ? 1 : -1));
    const a = new Float64Array(n * n);
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < n; j++) {
        let s = 0;
        for (let l = 0; l < n; l++) s += u[i * n + l] * lambda[l] * u[j * n + l];
        a[i * n + j] = s;
      }
    }
    const { values } = symmetricEigen(a, n);
    const expected = [...lambda].sort((x, y) => y - x);
    values.forEach((v, j) => {
      expect(Math.abs(v - expected[j])).toBeLessThan(1e-14);
    });
  });
});
