import { describe, expect, it } from 'vitest';
import { csrFromTriplets, denseToCsr } from '../src/csr/csr.ts';
import { DprojError, ValueError } from '../src/errors/errors.ts';
import { factorSymmetric } from '../src/factorization/symmetric.ts';
import { operatorTimesBlock } from '../src/linalg/operator-product.ts';
import { createRng } from '../src/linalg/random.ts';
import { symmetricEigen } from '../src/linalg/symmetric-eigen.ts';
import type { CsrMatrix, Matrix, Operator } from '../src/types/matrix.ts';
import { fromRows } from '../src/types/matrix.ts';

// SPEC C.0: S = F + Fᵀ over river, bank, water, loan, money.
const TOY_S = fromRows([
  [0, 1, 1.5, 0, 0],
  [1, 0, 1, 1, 0.5],
  [1.5, 1, 0, 0, 0],
  [0, 1, 0, 0, 1],
  [0, 0.5, 0, 1, 0],
]);

/** W J Wᵀ in float64 from the float64 factor. */
function signatureProduct(w: Float64Array, signs: Int8Array, n: number, d: number): Float64Array {
  const out = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      let s = 0;
      for (let l = 0; l < d; l++) s += w[i * d + l] * signs[l] * w[j * d + l];
      out[i * n + j] = s;
    }
  }
  return out;
}

function maxAbsDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i] - b[i]));
  return m;
}

function expectValueError(run: () => unknown, argument: string, text: RegExp): void {
  let caught: unknown;
  try {
    run();
  } catch (error) {
    caught = error;
  }
  expect(caught).toBeInstanceOf(ValueError);
  expect(DprojError.isInstance(caught)).toBe(true);
  const error = caught as ValueError;
  expect(error.op).toBe('factorization');
  expect(error.argument).toBe(argument);
  expect(error.message).toMatch(/^factorSymmetric: /);
  expect(error.message).toMatch(text);
}

/**
 * ‖S − W J Wᵀ‖_F from the stored float32 W, without forming the V×V product:
 * ‖S‖² − 2 tr(Wᵀ S W J) + ‖(Wᵀ W) J‖² (all in float64).
 */
function lowRankError(s: Operator, w: Matrix, signs: Int8Array, normSquared: number): number {
  const n = w.rows;
  const d = w.cols;
  const w64 = Float64Array.from(w.data);
  const sw = operatorTimesBlock(s, w64, d);
  let cross = 0;
  for (let i = 0; i < n; i++) for (let l = 0; l < d; l++) cross += w64[i * d + l] * sw[i * d + l] * signs[l];
  const g = new Float64Array(d * d);
  for (let i = 0; i < n; i++) {
    for (let a = 0; a < d; a++) for (let b = 0; b < d; b++) g[a * d + b] += w64[i * d + a] * w64[i * d + b];
  }
  // ‖W J Wᵀ‖² = tr(J G J G) = Σ_ab (G_ab)² J_a J_b
  let square = 0;
  for (let a = 0; a < d; a++) for (let b = 0; b < d; b++) square += g[a * d + b] ** 2 * signs[a] * signs[b];
  return Math.sqrt(Math.max(0, normSquared - 2 * cross + square));
}

describe('factorSymmetric on the SPEC toy (P26)', () => {
  it('finds the eigenvalues 2.5859, 1.1608, −0.8137, −1.4330, −1.5, ordered by |λ|', () => {
    const f = factorSymmetric(TOY_S, { rank: 5 });
    expect(f.rank).toBe(5);
    const byValue = Array.from(f.eigenvalues).sort((a, b) => b - a);
    [2.5859, 1.1608, -0.8137, -1.433, -1.5].forEach((v, j) => {
      expect(byValue[j]).toBeCloseTo(v, 4);
    });
    const magnitudes = Array.from(f.eigenvalues, Math.abs);
    for (let j = 1; j < 5; j++) expect(magnitudes[j]).toBeLessThanOrEqual(magnitudes[j - 1]);
    expect(Array.from(f.signs)).toEqual(Array.from(f.eigenvalues, Math.sign));
    expect(f.signs.filter((s) => s === 1).length).toBe(2); // J = diag(1, 1, −1, −1, −1) up to order
    expect(f.eigenvalues.reduce((a, b) => a + b, 0)).toBeCloseTo(0, 12); // tr S = 0
  });

  it('reconstructs S = W J Wᵀ to 1e-10 at full rank, from dense and from CSR input', () => {
    for (const s of [TOY_S, denseToCsr(TOY_S)]) {
      const f = factorSymmetric(s, { rank: 5 });
      expect(maxAbsDiff(signatureProduct(f.w64, f.signs, 5, 5), Float64Array.from(TOY_S.data))).toBeLessThan(1e-10);
      expect(f.error).toBeLessThan(1e-10);
      expect(f.relativeError).toBeLessThan(1e-10);
      // The float32 W reconstructs S to float32 accuracy.
      const w32 = Float64Array.from(f.w.data);
      expect(maxAbsDiff(signatureProduct(w32, f.signs, 5, 5), Float64Array.from(TOY_S.data))).toBeLessThan(1e-6);
      expect(f.w.rows).toBe(5);
      expect(f.w.cols).toBe(5);
      expect(f.w.data).toBeInstanceOf(Float32Array);
    }
  });

  it('truncates by |λ|: error = (Σ_dropped λ²)^{1/2} (Eckart–Young) and equals ‖S − W J Wᵀ‖_F', () => {
    const all = [2.5859, 1.1608, -0.8137, -1.433, -1.5];
    const normS = Math.sqrt(TOY_S.data.reduce((a, v) => a + v * v, 0));
    for (let d = 1; d <= 4; d++) {
      const f = factorSymmetric(TOY_S, { rank: d });
      const kept = [...all].sort((a, b) => Math.abs(b) - Math.abs(a)).slice(0, d);
      const dropped = [...all].sort((a, b) => Math.abs(b) - Math.abs(a)).slice(d);
      expect(f.rank).toBe(d);
      Array.from(f.eigenvalues).forEach((v, j) => {
        expect(v).toBeCloseTo(kept[j], 4);
      });
      const expected = Math.sqrt(dropped.reduce((a, v) => a + v * v, 0));
      expect(f.error).toBeCloseTo(expected, 3);
      const direct = Math.sqrt(
        signatureProduct(f.w64, f.signs, 5, d).reduce((a, v, p) => a + (TOY_S.data[p] - v) ** 2, 0),
      );
      expect(f.error).toBeCloseTo(direct, 10);
      expect(f.relativeError).toBeCloseTo(direct / normS, 10);
    }
  });

  it('clamps a rank above V and drops zero eigenvalues (rank-2 S gives d = 2)', () => {
    // S = u uᵀ − v vᵀ with orthogonal u, v: eigenvalues ‖u‖², −‖v‖², and three zeros.
    const u = [1, 2, 0, 1, 0];
    const v = [0, 0, 3, 0, 1];
    const s = fromRows(u.map((ui, i) => u.map((uj, j) => ui * uj - v[i] * v[j])));
    const f = factorSymmetric(s, { rank: 50 });
    expect(f.rank).toBe(2);
    expect(f.w.cols).toBe(2);
    expect(Array.from(f.eigenvalues)).toEqual([expect.closeTo(-10, 10), expect.closeTo(6, 10)]);
    expect(f.error).toBeLessThan(1e-10);
  });

  it('gives rank 0 and error 0 for S = 0', () => {
    const f = factorSymmetric(fromRows([[0, 0], [0, 0]]), { rank: 2 });
    expect(f.rank).toBe(0);
    expect(f.w.rows).toBe(2);
    expect(f.w.cols).toBe(0);
    expect(f.error).toBe(0);
    expect(f.relativeError).toBe(0);
  });
});

describe('factorSymmetric, randomized path', () => {
  /** A dense symmetric V×V matrix U diag(λ) Uᵀ with a chosen, decaying, indefinite spectrum. */
  function plantedDense(n: number, spectrum: (j: number) => number, seed: number): { s: Matrix; lambda: number[] } {
    const rng = createRng(seed);
    const g = new Float64Array(n * n);
    for (let i = 0; i < n; i++) {
      for (let j = i; j < n; j++) {
        const x = rng.gaussian();
        g[i * n + j] = x;
        g[j * n + i] = x;
      }
    }
    const { vectors: u } = symmetricEigen(g, n);
    const lambda = Array.from({ length: n }, (_, j) => spectrum(j));
    const data = new Float32Array(n * n);
    for (let i = 0; i < n; i++) {
      for (let j = i; j < n; j++) {
        let x = 0;
        for (let l = 0; l < n; l++) x += u[i * n + l] * lambda[l] * u[j * n + l];
        data[i * n + j] = x;
        data[j * n + i] = x;
      }
    }
    return { s: { rows: n, cols: n, data }, lambda };
  }

  it('matches the exact top-d eigenvalues (by |λ|) of a 200×200 matrix with a decaying spectrum', () => {
    const n = 200;
    const { s } = plantedDense(n, (j) => (j % 3 === 1 ? -1 : 1) * 50 * 0.7 ** j + 1e-3 * Math.sin(j), 3);
    const exact = symmetricEigen(Float64Array.from(s.data), n).values;
    const top = Array.from(exact).sort((a, b) => Math.abs(b) - Math.abs(a)).slice(0, 8);
    const f = factorSymmetric(s, { rank: 8, seed: 5 });
    expect(f.rank).toBe(8);
    Array.from(f.eigenvalues).forEach((v, j) => {
      expect(Math.abs(v - top[j])).toBeLessThan(1e-8 * Math.abs(top[0]));
    });
    const normSquared = s.data.reduce((a, v) => a + v * v, 0);
    expect(f.error).toBeCloseTo(lowRankError(s, f.w, f.signs, normSquared), 5);
    const exactError = Math.sqrt(Array.from(exact).sort((a, b) => Math.abs(b) - Math.abs(a)).slice(8).reduce((a, v) => a + v * v, 0));
    expect(f.error).toBeCloseTo(exactError, 5);
  });

  it('is deterministic for a seed, and seeds differ only in rounding of the products', () => {
    const { s } = plantedDense(120, (j) => 10 * 0.5 ** j, 9);
    const a = factorSymmetric(s, { rank: 4, seed: 1 });
    const b = factorSymmetric(s, { rank: 4, seed: 1 });
    const c = factorSymmetric(s, { rank: 4, seed: 2 });
    expect(Array.from(a.w.data)).toEqual(Array.from(b.w.data));
    expect(Array.from(a.eigenvalues)).toEqual(Array.from(b.eigenvalues));
    Array.from(a.eigenvalues).forEach((v, j) => {
      expect(c.eigenvalues[j]).toBeCloseTo(v, 8);
    });
    expect(maxAbsDiff(signatureProduct(a.w64, a.signs, 120, 4), signatureProduct(c.w64, c.signs, 120, 4))).toBeLessThan(1e-8);
  });

  it('drops the zero eigenvalues of a rank-3 operator even when d + p < V', () => {
    // S = 4 u uᵀ − 2 v vᵀ + w wᵀ with disjoint integer u, v, w: exact in float32, eigenvalues 40, −22, 4.
    const n = 80;
    const u = new Array<number>(n).fill(0);
    const v = new Array<number>(n).fill(0);
    const w = new Array<number>(n).fill(0);
    for (let i = 0; i < 10; i++) u[i] = 1;
    [1, 2, 1, 2, 1].forEach((x, i) => {
      v[10 + i] = x;
    });
    [1, -1, 1, -1].forEach((x, i) => {
      w[20 + i] = x;
    });
    const s = fromRows(u.map((_, i) => u.map((__, j) => 4 * u[i] * u[j] - 2 * v[i] * v[j] + w[i] * w[j])));
    const f = factorSymmetric(s, { rank: 10, oversample: 5 });
    expect(f.rank).toBe(3);
    Array.from(f.eigenvalues).forEach((x, j) => {
      expect(x).toBeCloseTo([40, -22, 4][j], 10);
    });
    expect(Array.from(f.signs)).toEqual([1, -1, 1]);
    expect(f.relativeError).toBeLessThan(1e-6);
    expect(maxAbsDiff(signatureProduct(f.w64, f.signs, n, 3), Float64Array.from(s.data))).toBeLessThan(1e-10);
  });

  it('factors a sparse V = 50 000 operator with a planted indefinite low-rank part at d = 32', () => {
    const n = 50_000;
    const rng = createRng(2024);
    const rows: number[] = [];
    const cols: number[] = [];
    const vals: number[] = [];
    const add = (i: number, j: number, v: number): void => {
      rows.push(i);
      cols.push(j);
      vals.push(v);
    };
    // Noise: about 10 entries per row, N(0, 0.1²), symmetric.
    for (let i = 0; i < n; i++) {
      for (let t = 0; t < 5; t++) {
        const j = Math.floor(rng.uniform() * n);
        if (j === i) continue;
        const v = 0.1 * rng.gaussian();
        add(i, j, v);
        add(j, i, v);
      }
    }
    // Planted: 40 disjoint blocks of 12 words, block ℓ = θ_ℓ u uᵀ with u = 1/√12 on the block, θ_ℓ = ±100·0.9^ℓ.
    const blocks = 40;
    const size = 12;
    const perm = Array.from({ length: n }, (_, i) => i);
    for (let i = 0; i < blocks * size; i++) {
      const j = i + Math.floor(rng.uniform() * (n - i));
      [perm[i], perm[j]] = [perm[j], perm[i]];
    }
    const theta = Array.from({ length: blocks }, (_, l) => (l % 2 === 0 ? 1 : -1) * 100 * 0.9 ** l);
    for (let l = 0; l < blocks; l++) {
      for (let a = 0; a < size; a++) {
        for (let b = 0; b < size; b++) add(perm[l * size + a], perm[l * size + b], theta[l] / size);
      }
    }
    const s: CsrMatrix = csrFromTriplets(n, n, { row: rows, col: cols, value: vals });
    expect(s.colIdx.length / n).toBeGreaterThan(9);
    expect(s.colIdx.length / n).toBeLessThan(20);

    const f = factorSymmetric(s, { rank: 32, seed: 7 });

    expect(f.rank).toBe(32);
    expect(f.w.rows).toBe(n);
    expect(f.w.cols).toBe(32);
    // The kept eigenvalues are the planted θ_0..θ_31: the noise moves them by < 1%, and the Ritz values
    // of the last few (θ_31/θ_32 = 0.9, a small gap for q = 2 power iterations) lag by about 1% more.
    const planted = theta.slice(0, 32);
    Array.from(f.eigenvalues).forEach((v, j) => {
      expect(Math.abs(v - planted[j])).toBeLessThan(0.025 * Math.abs(planted[j]));
    });
    Array.from(f.eigenvalues.subarray(0, 24)).forEach((v, j) => {
      expect(Math.abs(v - planted[j])).toBeLessThan(0.005 * Math.abs(planted[j]));
    });
    expect(Array.from(f.signs)).toEqual(planted.map(Math.sign));
    const captured = f.eigenvalues.reduce((a, v) => a + v * v, 0);
    const plantedEnergy = planted.reduce((a, v) => a + v * v, 0);
    expect(Math.abs(captured - plantedEnergy) / plantedEnergy).toBeLessThan(1e-3);
    // `error` is the true ‖S − W J Wᵀ‖_F of the returned (float32) W.
    let normSquared = 0;
    for (const v of s.values) normSquared += v * v;
    const direct = lowRankError(s, f.w, f.signs, normSquared);
    expect(Math.abs(f.error - direct) / f.error).toBeLessThan(1e-4);
    expect(f.relativeError).toBeCloseTo(f.error / Math.sqrt(normSquared), 12);
  });
});

describe('factorSymmetric input checks', () => {
  it('rejects a non-square S', () => {
    expectValueError(() => factorSymmetric(fromRows([[1, 2, 3], [2, 1, 0]]), { rank: 1 }), 's', /square .*got 2×3/);
  });

  it('rejects an asymmetric S, naming the worst pair', () => {
    const s = fromRows([[0, 1, 0], [0, 0, 1], [0, 1, 0]]);
    expectValueError(() => factorSymmetric(s, { rank: 1 }), 's', /symmetric.*S\[0, 1\] = 1 but S\[1, 0\] = 0/);
    expectValueError(() => factorSymmetric(denseToCsr(s), { rank: 1 }), 's', /symmetric/);
  });

  it('accepts asymmetry within 1e-6 relative', () => {
    const s = fromRows([[1, 1 + 1e-7], [1, 1]]);
    expect(factorSymmetric(s, { rank: 1 }).rank).toBe(1);
  });

  it('rejects NaN and ±∞ entries, dense and CSR', () => {
    expectValueError(() => factorSymmetric(fromRows([[1, Number.NaN], [Number.NaN, 1]]), { rank: 1 }), 's', /finite.*NaN at \[0, 1\]/);
    const csr = denseToCsr(fromRows([[1, 2], [2, 1]]));
    const broken: CsrMatrix = { ...csr, values: Float32Array.from([1, Number.POSITIVE_INFINITY, 2, 1]) };
    expectValueError(() => factorSymmetric(broken, { rank: 1 }), 's', /finite.*Infinity at \[0, 1\]/);
  });

  it('rejects a malformed CSR (duplicate column)', () => {
    const dup: CsrMatrix = {
      rows: 2,
      cols: 2,
      rowPtr: Uint32Array.from([0, 2, 3]),
      colIdx: Uint32Array.from([1, 1, 0]),
      values: Float32Array.from([1, 1, 2]),
    };
    expectValueError(() => factorSymmetric(dup, { rank: 1 }), 's', /valid CSR/);
  });

  it('rejects rank 0, a fractional rank and a missing rank, and bad oversample/powerIterations/seed', () => {
    expectValueError(() => factorSymmetric(TOY_S, { rank: 0 }), 'options.rank', /integer ≥ 1, got 0/);
    expectValueError(() => factorSymmetric(TOY_S, { rank: 1.5 }), 'options.rank', /got 1\.5/);
    expectValueError(() => factorSymmetric(TOY_S, {} as { rank: number }), 'options.rank', /got undefined/);
    expectValueError(() => factorSymmetric(TOY_S, { rank: 2, oversample: -1 }), 'options.oversample', /≥ 0/);
    expectValueError(() => factorSymmetric(TOY_S, { rank: 2, powerIterations: 0.5 }), 'options.powerIterations', /≥ 0/);
    expectValueError(() => factorSymmetric(TOY_S, { rank: 2, seed: Number.NaN }), 'options.seed', /integer/);
  });

  it('rejects an empty matrix', () => {
    expectValueError(() => factorSymmetric({ rows: 0, cols: 0, data: new Float32Array(0) }, { rank: 1 }), 's', /non-empty/);
  });

  it('stops with the signal’s reason when aborted', () => {
    const controller = new AbortController();
    const reason = new Error('stop');
    controller.abort(reason);
    expect(() => factorSymmetric(TOY_S, { rank: 2, signal: controller.signal })).toThrow(reason);
  });
});
