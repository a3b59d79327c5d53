import { describe, expect, it } from 'vitest';
import { csrFromTriplets, denseToCsr } from '../src/csr/csr.ts';
import { ValueError } from '../src/errors/errors.ts';
import { factorDirectional } from '../src/factorization/directional.ts';
import { operatorTimesBlock } from '../src/linalg/operator-product.ts';
import { createRng, gaussianBlock } from '../src/linalg/random.ts';
import { svd } from '../src/linalg/svd.ts';
import type { Matrix, Operator } from '../src/types/matrix.ts';
import { fromRows } from '../src/types/matrix.ts';

// SPEC C.0: F = C⁽¹⁾ + ½ C⁽²⁾, "b follows a", over river, bank, water, loan, money.
const TOY_F = fromRows([
  [0, 1, 1.5, 0, 0],
  [0, 0, 1, 1, 0.5],
  [0, 0, 0, 0, 0],
  [0, 0, 0, 0, 1],
  [0, 0, 0, 0, 0],
]);

/** A Bᵀ (rows×cols) in float64. */
function product(a: Float64Array, b: Float64Array, rows: number, cols: number, d: number): Float64Array {
  const out = new Float64Array(rows * cols);
  for (let i = 0; i < rows; i++) {
    for (let j = 0; j < cols; j++) {
      let s = 0;
      for (let l = 0; l < d; l++) s += a[i * d + l] * b[j * d + l];
      out[i * cols + j] = s;
    }
  }
  return out;
}

/** ‖F − A Bᵀ‖_F from stored float32 A, B in low-rank form: ‖F‖² − 2 tr(Aᵀ F B) + Σ_ab (AᵀA)_ab (BᵀB)_ab. */
function lowRankError(f: Operator, a: Matrix, b: Matrix, normSquared: number): number {
  const d = a.cols;
  const a64 = Float64Array.from(a.data);
  const b64 = Float64Array.from(b.data);
  const fb = operatorTimesBlock(f, b64, d);
  let cross = 0;
  for (let p = 0; p < a64.length; p++) cross += a64[p] * fb[p];
  const gram = (x: Float64Array, rows: number): Float64Array => {
    const g = new Float64Array(d * d);
    for (let i = 0; i < rows; i++) for (let p = 0; p < d; p++) for (let q = 0; q < d; q++) g[p * d + q] += x[i * d + p] * x[i * d + q];
    return g;
  };
  const ga = gram(a64, a.rows);
  const gb = gram(b64, b.rows);
  let square = 0;
  for (let p = 0; p < d * d; p++) square += ga[p] * gb[p];
  return Math.sqrt(Math.max(0, normSquared - 2 * cross + square));
}

function frobenius(a: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i] * a[i];
  return Math.sqrt(s);
}

describe('factorDirectional on the SPEC toy (P25)', () => {
  it('finds σ = 2.0873, 1.2194, 0.8099 and rank 3', () => {
    const f = factorDirectional(TOY_F, { rank: 5 });
    expect(f.rank).toBe(3);
    [2.0873, 1.2194, 0.8099].forEach((v, j) => {
      expect(f.singularValues[j]).toBeCloseTo(v, 4);
    });
  });

  it('is exact at d = 3: A Bᵀ = F to 1e-10, dense and CSR', () => {
    for (const input of [TOY_F, denseToCsr(TOY_F)]) {
      const f = factorDirectional(input, { rank: 3 });
      const diff = product(f.a64, f.b64, 5, 5, 3).map((v, p) => v - TOY_F.data[p]);
      expect(frobenius(diff)).toBeLessThan(1e-10);
      expect(f.error).toBeLessThan(1e-10);
      expect(f.a.rows).toBe(5);
      expect(f.b.rows).toBe(5);
      expect(f.a.cols).toBe(3);
    }
  });

  it('truncates at d = 2 with ‖F − F₂‖_F = σ₃ = 0.8099, and ‖Q F Qᵀ − Q F₂ Qᵀ‖_F = 0.1988 for x¹', () => {
    const f = factorDirectional(TOY_F, { rank: 2 });
    expect(f.rank).toBe(2);
    expect(f.error).toBeCloseTo(0.8099, 4);
    const f2 = product(f.a64, f.b64, 5, 5, 2);
    expect(frobenius(f2.map((v, p) => v - TOY_F.data[p]))).toBeCloseTo(f.error, 10);
    expect(f.relativeError).toBeCloseTo(f.error / frobenius(TOY_F.data), 12);
    // x¹ = (river, bank, water) = tokens (0, 1, 2): Q X Qᵀ is the leading 3×3 block of X.
    const tokens = [0, 1, 2];
    let gap = 0;
    for (const i of tokens) for (const j of tokens) gap += (TOY_F.data[i * 5 + j] - f2[i * 5 + j]) ** 2;
    expect(Math.sqrt(gap)).toBeCloseTo(0.1988, 4);
    expect(Math.sqrt(gap)).toBeLessThanOrEqual(f.error);
  });
});

describe('factorDirectional, randomized path', () => {
  it('matches the exact truncated SVD of a rectangular 300×200 matrix with decaying spectrum', () => {
    const m = 300;
    const n = 200;
    const rng = createRng(21);
    const left = svd(gaussianBlock(rng, m, 40), m, 40).u;
    const right = svd(gaussianBlock(rng, n, 40), n, 40).u;
    const sigma = Array.from({ length: 40 }, (_, j) => 30 * 0.6 ** j);
    const data = new Float32Array(m * n);
    for (let i = 0; i < m; i++) {
      for (let j = 0; j < n; j++) {
        let s = 0;
        for (let l = 0; l < 40; l++) s += left[i * 40 + l] * sigma[l] * right[j * 40 + l];
        data[i * n + j] = s;
      }
    }
    const input: Matrix = { rows: m, cols: n, data };
    const exact = svd(Float64Array.from(data), m, n).s;
    const f = factorDirectional(input, { rank: 6, seed: 3 });
    expect(f.rank).toBe(6);
    expect(f.a.rows).toBe(m);
    expect(f.b.rows).toBe(n);
    Array.from(f.singularValues).forEach((v, j) => {
      expect(Math.abs(v - exact[j])).toBeLessThan(1e-9 * exact[0]);
    });
    const exactError = Math.sqrt(Array.from(exact.subarray(6)).reduce((a, v) => a + v * v, 0));
    expect(f.error).toBeCloseTo(exactError, 6);
    const normSquared = data.reduce((a, v) => a + v * v, 0);
    expect(f.error).toBeCloseTo(lowRankError(input, f.a, f.b, normSquared), 5);
    // Wide input (Fᵀ) gives the same singular values.
    const t = new Float32Array(m * n);
    for (let i = 0; i < m; i++) for (let j = 0; j < n; j++) t[j * m + i] = data[i * n + j];
    const ft = factorDirectional({ rows: n, cols: m, data: t }, { rank: 6, seed: 3 });
    Array.from(ft.singularValues).forEach((v, j) => {
      expect(v).toBeCloseTo(f.singularValues[j], 8);
    });
  });

  it('factors a sparse 20 000×15 000 operator: error is the true ‖F − A Bᵀ‖_F', () => {
    const rows = 20_000;
    const cols = 15_000;
    const rng = createRng(77);
    const r: number[] = [];
    const c: number[] = [];
    const v: number[] = [];
    for (let i = 0; i < rows; i++) {
      for (let t = 0; t < 8; t++) {
        r.push(i);
        c.push(Math.floor(rng.uniform() * cols));
        v.push(0.1 * rng.gaussian());
      }
    }
    // Planted rank-1 blocks (8 rows × 6 columns each) with weights 50·0.8^ℓ.
    for (let l = 0; l < 20; l++) {
      for (let a = 0; a < 8; a++) {
        for (let b = 0; b < 6; b++) {
          r.push(l * 8 + a);
          c.push(l * 6 + b);
          v.push((50 * 0.8 ** l) / Math.sqrt(48));
        }
      }
    }
    const f = csrFromTriplets(rows, cols, { row: r, col: c, value: v });
    const result = factorDirectional(f, { rank: 10, seed: 5 });
    expect(result.rank).toBe(10);
    Array.from(result.singularValues).forEach((s, j) => {
      expect(Math.abs(s - 50 * 0.8 ** j)).toBeLessThan(0.02 * 50 * 0.8 ** j);
    });
    let normSquared = 0;
    for (const x of f.values) normSquared += x * x;
    const direct = lowRankError(f, result.a, result.b, normSquared);
    expect(Math.abs(result.error - direct) / result.error).toBeLessThan(1e-4);
  });

  it('is deterministic for a seed', () => {
    const data = Float32Array.from(gaussianBlock(createRng(8), 60, 50));
    const input: Matrix = { rows: 60, cols: 50, data };
    const x = factorDirectional(input, { rank: 3, seed: 4, oversample: 5 });
    const y = factorDirectional(input, { rank: 3, seed: 4, oversample: 5 });
    expect(Array.from(x.a.data)).toEqual(Array.from(y.a.data));
    expect(Array.from(x.b.data)).toEqual(Array.from(y.b.data));
  });

  it('keeps only the non-zero singular values of a rank-deficient input', () => {
    const f = factorDirectional(fromRows([[1, 2], [2, 4], [3, 6]]), { rank: 2 });
    expect(f.rank).toBe(1);
    expect(f.singularValues[0]).toBeCloseTo(Math.sqrt(70), 10);
    expect(f.error).toBeLessThan(1e-12);
  });
});

describe('factorDirectional input checks', () => {
  const check = (run: () => unknown, argument: string, text: RegExp): void => {
    let caught: unknown;
    try {
      run();
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(ValueError);
    expect((caught as ValueError).op).toBe('factorization');
    expect((caught as ValueError).argument).toBe(argument);
    expect((caught as ValueError).message).toMatch(/^factorDirectional: /);
    expect((caught as ValueError).message).toMatch(text);
  };

  it('rejects NaN, rank 0 and a non-integer oversample', () => {
    check(() => factorDirectional(fromRows([[1, Number.NaN]]), { rank: 1 }), 'f', /finite.*NaN at \[0, 1\]/);
    check(() => factorDirectional(TOY_F, { rank: 0 }), 'options.rank', /integer ≥ 1, got 0/);
    check(() => factorDirectional(TOY_F, { rank: 1, oversample: 2.5 }), 'options.oversample', /got 2\.5/);
  });

  it('stops with the signal’s reason when aborted', () => {
    const controller = new AbortController();
    controller.abort(new Error('cancelled'));
    expect(() => factorDirectional(TOY_F, { rank: 2, signal: controller.signal })).toThrow('cancelled');
  });
});
