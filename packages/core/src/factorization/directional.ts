import { times, transpose } from '../linalg/dense.ts';
import { frobeniusNormSquared, operatorToDense } from '../linalg/operator-entries.ts';
import { operatorTimesBlock, operatorTransposeTimesBlock } from '../linalg/operator-product.ts';
import { createRng, gaussianBlock } from '../linalg/random.ts';
import { svd } from '../linalg/svd.ts';
import { rangeBasis, thinQr } from '../linalg/thin-qr.ts';
import type { Matrix, Operator } from '../types/matrix.ts';
import type { FactorizationOptions } from './arguments.ts';
import { checkAborted, checkOperator, resolveOptions } from './arguments.ts';

/** A low-rank factorization F ≈ A Bᵀ of a directional (or any rectangular) operator (SPEC B.9). */
export interface DirectionalFactorization {
  /** A = U_d Σ_d^{1/2}: rows(F)×d, stored in float32. */
  readonly a: Matrix;
  /** B = V_d Σ_d^{1/2}: cols(F)×d, stored in float32. */
  readonly b: Matrix;
  /** A and B in float64, row-major; `a` and `b` are their roundings. */
  readonly a64: Float64Array;
  readonly b64: Float64Array;
  /** The kept σ_0 ≥ … ≥ σ_{d−1} > 0. */
  readonly singularValues: Float64Array;
  /** ‖F − A Bᵀ‖_F. */
  readonly error: number;
  /** error / ‖F‖_F, or 0 when F = 0. */
  readonly relativeError: number;
  /** d: the number of kept singular triples, ≤ options.rank. */
  readonly rank: number;
}

/** Singular values σ ≤ this fraction of σ_max count as zero and are never kept. */
export const ZERO_SINGULAR_VALUE = 1e-12;

/**
 * Truncated SVD factorization of F (V×V, or V_x×V_y) for directional attention (SPEC B.9):
 * F = U Σ Vᵀ, A = U_d Σ_d^{1/2}, B = V_d Σ_d^{1/2}, so F ≈ A Bᵀ is the best rank-d approximation and
 * (Q A)(Q B)ᵀ ≈ Q F Qᵀ = M→.
 *
 * - min(rows, cols) ≤ d + p: exact dense SVD; error = (Σ_dropped σ²)^{1/2}.
 * - otherwise: randomized range finder with k = d + p: Y = F Ω, q power iterations
 *   Y ← F orth(Fᵀ orth(Y)), Q = orth(Y); then Fᵀ Q = P R, Rᵀ = U_s Σ V_sᵀ, U = Q U_s, V = P V_s.
 *   As A Bᵀ = U_d U_dᵀ F, error² = ‖F‖_F² − Σ_kept σ² is its true Frobenius error.
 *   Cost O(q · (nnz(F) k + (rows + cols) k²)).
 *
 * Singular values σ ≤ 1e-12 σ_max are dropped. Throws `ValueError` (op 'factorization') for a
 * non-finite F or a rank that is not an integer ≥ 1.
 */
export function factorDirectional(f: Operator, options: FactorizationOptions): DirectionalFactorization {
  const fn = 'factorDirectional';
  const { rank, seed, oversample, powerIterations, signal } = resolveOptions(fn, options);
  checkAborted(signal);
  checkOperator(fn, 'f', f);
  const normSquared = frobeniusNormSquared(f);
  const rows = f.rows;
  const cols = f.cols;
  const target = Math.min(rank, rows, cols);
  const k = target + oversample;

  let sigma: Float64Array; // m candidate singular values, descending
  let leftOf: (count: number) => Float64Array; // rows×count: the first `count` left singular vectors
  let rightOf: (count: number) => Float64Array; // cols×count: the first `count` right singular vectors
  const exact = Math.min(rows, cols) <= k;
  if (exact) {
    const full = svd(operatorToDense(f), rows, cols);
    sigma = full.s;
    leftOf = (count) => firstColumns(full.u, rows, sigma.length, count);
    rightOf = (count) => firstColumns(full.v, cols, sigma.length, count);
  } else {
    const rng = createRng(seed);
    let y = operatorTimesBlock(f, gaussianBlock(rng, cols, k), k);
    for (let i = 0; i < powerIterations; i++) {
      checkAborted(signal);
      const z = operatorTransposeTimesBlock(f, rangeBasis(y, rows, k, rng), k);
      y = operatorTimesBlock(f, rangeBasis(z, cols, k, rng), k);
    }
    checkAborted(signal);
    const range = thinQr(y, rows, k, rng).q;
    // Fᵀ Q = P R, so Qᵀ F = Rᵀ Pᵀ and only the k×k Rᵀ needs an SVD.
    const { q: corange, r } = thinQr(operatorTransposeTimesBlock(f, range, k), cols, k, rng);
    const small = svd(transpose(r, k, k), k, k);
    sigma = small.s;
    leftOf = (count) => times(range, firstColumns(small.u, k, k, count), rows, k, count);
    rightOf = (count) => times(corange, firstColumns(small.v, k, k, count), cols, k, count);
  }
  checkAborted(signal);
  const m = sigma.length;

  const largest = m === 0 ? 0 : sigma[0];
  let d = 0;
  while (d < target && sigma[d] > ZERO_SINGULAR_VALUE * largest) d++;

  const singularValues = sigma.slice(0, d);
  const a64 = leftOf(d);
  const b64 = rightOf(d);
  let capturedSquared = 0;
  for (let j = 0; j < d; j++) {
    const root = Math.sqrt(sigma[j]);
    capturedSquared += sigma[j] * sigma[j];
    for (let i = 0; i < rows; i++) a64[i * d + j] *= root;
    for (let i = 0; i < cols; i++) b64[i * d + j] *= root;
  }

  let errorSquared = 0;
  if (exact) {
    for (let j = d; j < m; j++) errorSquared += sigma[j] * sigma[j];
  } else {
    errorSquared = Math.max(0, normSquared - capturedSquared);
  }
  const error = Math.sqrt(errorSquared);
  return {
    a: { rows, cols: d, data: Float32Array.from(a64) },
    b: { rows: cols, cols: d, data: Float32Array.from(b64) },
    a64,
    b64,
    singularValues,
    error,
    relativeError: normSquared === 0 ? 0 : error / Math.sqrt(normSquared),
    rank: d,
  };
}

/** The first `count` columns of a row-major rows×cols block, as a rows×count block. */
function firstColumns(a: Float64Array, rows: number, cols: number, count: number): Float64Array {
  const out = new Float64Array(rows * count);
  for (let i = 0; i < rows; i++) out.set(a.subarray(i * cols, i * cols + count), i * count);
  return out;
}
