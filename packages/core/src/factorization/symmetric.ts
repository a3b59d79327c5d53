import { frobeniusNormSquared, operatorToDense } from '../linalg/operator-entries.ts';
import { operatorTimesBlock } from '../linalg/operator-product.ts';
import { createRng, gaussianBlock } from '../linalg/random.ts';
import { symmetricEigen } from '../linalg/symmetric-eigen.ts';
import { rangeBasis, thinQr } from '../linalg/thin-qr.ts';
import { times, transposeTimes } from '../linalg/dense.ts';
import type { Matrix, Operator } from '../types/matrix.ts';
import type { FactorizationOptions } from './arguments.ts';
import { checkAborted, checkOperator, checkSymmetric, resolveOptions } from './arguments.ts';

/** A signature factorization S ≈ W J Wᵀ of a symmetric operator (SPEC B.8). */
export interface SymmetricFactorization {
  /** W = U_d |Λ_d|^{1/2}: V×d, stored in float32. */
  readonly w: Matrix;
  /** The same W in float64, row-major V×d; `w` is its rounding. */
  readonly w64: Float64Array;
  /** J = diag(signs), signs_j = sign(λ_j) = ±1. */
  readonly signs: Int8Array;
  /** The kept λ_j, ordered by |λ| descending (ties: positive first). */
  readonly eigenvalues: Float64Array;
  /** ‖S − W J Wᵀ‖_F. */
  readonly error: number;
  /** error / ‖S‖_F, or 0 when S = 0. */
  readonly relativeError: number;
  /** d: the number of kept eigenpairs, ≤ options.rank. */
  readonly rank: number;
}

/** Eigenvalues with |λ| ≤ this fraction of |λ_max| count as zero and are never kept. */
export const ZERO_EIGENVALUE = 1e-12;

/**
 * Truncated signature factorization of a symmetric V×V operator (SPEC B.8):
 * S = U Λ Uᵀ, keep the d eigenvalues largest in |λ|, W = U_d |Λ_d|^{1/2} (V×d), J = sign(Λ_d), so
 * S ≈ W J Wᵀ and, with H = Q W, M = Q S Qᵀ ≈ H J Hᵀ.
 *
 * - V ≤ d + p (p = options.oversample): exact dense eigendecomposition of (S + Sᵀ)/2;
 *   error = (Σ_dropped λ²)^{1/2} (Eckart–Young).
 * - otherwise: randomized subspace iteration with k = d + p columns: Y₀ = S Ω (Ω Gaussian V×k,
 *   seeded), Y_i = S orth(Y_{i−1}) for q power iterations, Q = orth(Y_q), then Rayleigh–Ritz on
 *   B = Qᵀ S Q (k×k) and U = Q U_B. Because U_dᵀ S U_d = Λ_d exactly, error² = ‖S‖_F² − Σ_kept λ²
 *   is the true Frobenius error of the returned W, J. Cost O(q · (nnz(S) k + V k²)).
 *
 * Eigenvalues with |λ| ≤ 1e-12 |λ_max| are dropped, so d is below options.rank where S has lower rank.
 * Throws `ValueError` (op 'factorization') for a non-square, asymmetric (‖S − Sᵀ‖_F > 1e-6 ‖S‖_F) or
 * non-finite S, or a rank that is not an integer ≥ 1.
 */
export function factorSymmetric(s: Operator, options: FactorizationOptions): SymmetricFactorization {
  const fn = 'factorSymmetric';
  const { rank, seed, oversample, powerIterations, signal } = resolveOptions(fn, options);
  checkAborted(signal);
  checkOperator(fn, 's', s);
  const normSquared = frobeniusNormSquared(s);
  checkSymmetric(fn, 's', s, normSquared);
  const n = s.rows;
  const target = Math.min(rank, n);
  const k = target + oversample;

  let values: Float64Array; // m candidate eigenvalues
  let vectors: Float64Array; // their eigenvectors as the columns of an r×m block
  let lift: (columns: Float64Array, count: number) => Float64Array; // r×count block → V×count eigenvectors
  const exact = n <= k;
  if (exact) {
    // Read S as its symmetric part (S + Sᵀ)/2, which the check above allows to differ from S by 1e-6.
    const dense = operatorToDense(s);
    for (let i = 0; i < n; i++) {
      for (let j = i + 1; j < n; j++) {
        const mean = (dense[i * n + j] + dense[j * n + i]) / 2;
        dense[i * n + j] = mean;
        dense[j * n + i] = mean;
      }
    }
    ({ values, vectors } = symmetricEigen(dense, n));
    lift = (columns) => columns;
  } else {
    const rng = createRng(seed);
    let y = operatorTimesBlock(s, gaussianBlock(rng, n, k), k);
    for (let i = 0; i < powerIterations; i++) {
      checkAborted(signal);
      y = operatorTimesBlock(s, rangeBasis(y, n, k, rng), k);
    }
    checkAborted(signal);
    const basis = thinQr(y, n, k, rng).q;
    // B = Qᵀ (S Q) is symmetric: accumulate its upper triangle only and mirror it.
    const projected = transposeTimes(basis, operatorTimesBlock(s, basis, k), n, k, k, true);
    for (let a = 0; a < k; a++) for (let b = 0; b < a; b++) projected[a * k + b] = projected[b * k + a];
    ({ values, vectors } = symmetricEigen(projected, k));
    lift = (columns, count) => times(basis, columns, n, k, count);
  }
  checkAborted(signal);
  const m = values.length;

  const order = Array.from({ length: m }, (_, j) => j).sort(
    (p, q) => Math.abs(values[q]) - Math.abs(values[p]) || values[q] - values[p],
  );
  const largest = m === 0 ? 0 : Math.abs(values[order[0]]);
  const kept = order.slice(0, target).filter((j) => Math.abs(values[j]) > ZERO_EIGENVALUE * largest);
  const d = kept.length;

  const eigenvalues = new Float64Array(d);
  const signs = new Int8Array(d);
  const selected = new Float64Array(m * d); // the kept columns of `vectors`, scaled by |λ|^{1/2}
  let capturedSquared = 0;
  kept.forEach((from, to) => {
    const lambda = values[from];
    eigenvalues[to] = lambda;
    signs[to] = lambda > 0 ? 1 : -1;
    capturedSquared += lambda * lambda;
    const root = Math.sqrt(Math.abs(lambda));
    for (let i = 0; i < m; i++) selected[i * d + to] = vectors[i * m + from] * root;
  });
  const w64 = lift(selected, d);

  let errorSquared: number;
  if (exact) {
    const keptSet = new Set(kept);
    errorSquared = 0;
    for (let j = 0; j < m; j++) if (!keptSet.has(j)) errorSquared += values[j] * values[j];
  } else {
    errorSquared = Math.max(0, normSquared - capturedSquared);
  }
  const error = Math.sqrt(errorSquared);
  return {
    w: { rows: n, cols: d, data: Float32Array.from(w64) },
    w64,
    signs,
    eigenvalues,
    error,
    relativeError: normSquared === 0 ? 0 : error / Math.sqrt(normSquared),
    rank: d,
  };
}
