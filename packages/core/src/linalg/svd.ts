import { times, transpose } from './dense.ts';
import type { Rng } from './random.ts';
import { createRng } from './random.ts';
import { thinQr } from './thin-qr.ts';

/** A thin singular value decomposition A = U Σ Vᵀ of an m×n matrix, p = min(m, n). */
export interface Svd {
  /** U: m×p, row-major, orthonormal columns. */
  readonly u: Float64Array;
  /** σ_0 ≥ σ_1 ≥ … ≥ σ_{p−1} ≥ 0. */
  readonly s: Float64Array;
  /** V: n×p, row-major, orthonormal columns. */
  readonly v: Float64Array;
}

const EPS = 2.220446049250313e-16;
const MAX_SWEEPS = 80;

/**
 * Thin SVD A = U Σ Vᵀ of a dense m×n matrix (row-major float64; A is not modified), by one-sided
 * (Hestenes) Jacobi: plane rotations applied to the columns of the taller orientation until every pair
 * is orthogonal, accumulated into V; then σ_j = ‖column j‖ and U's column j is that column over σ_j.
 * Columns of U that belong to σ ≤ ε‖A‖_F (numerically zero) are completed to an orthonormal set. A
 * matrix more than four times taller than wide (or wider than tall) is first reduced by a thin QR, so
 * the sweeps run on a p×p triangle. Cost O(p² · max(m, n)) for the QR and O(p³) per sweep.
 */
export function svd(a: Float64Array, m: number, n: number): Svd {
  if (a.length !== m * n) throw new RangeError(`svd: ${m}×${n} needs ${m * n} values, got ${a.length}`);
  if (m >= n) return preconditionedSvd(a, m, n, false);
  // Aᵀ = V Σ Uᵀ: factor the tall transpose and swap the roles of U and V.
  const swapped = preconditionedSvd(a, n, m, true);
  return { u: swapped.v, s: swapped.s, v: swapped.u };
}

/**
 * For a much taller than wide matrix, A = Q R first and Jacobi on the small n×n R = U_R Σ Vᵀ, so that
 * U = Q U_R: the sweeps then cost O(n³) instead of O(n² m) each.
 */
function preconditionedSvd(a: Float64Array, m: number, n: number, transposed: boolean): Svd {
  if (m <= 4 * n) return tallSvd(a, m, n, transposed);
  const tall = transposed ? transpose(a, n, m) : a;
  const { q, r } = thinQr(tall, m, n, createRng(0x5eed));
  const small = tallSvd(r, n, n, false);
  return { u: times(q, small.u, m, n, n), s: small.s, v: small.v };
}

/** One-sided Jacobi on a tall m×n matrix (m ≥ n), read transposed from `a` when `transposed`. */
function tallSvd(a: Float64Array, m: number, n: number, transposed: boolean): Svd {
  // Column-major working copies: column j of the matrix at [j*m, (j+1)*m), of V at [j*n, (j+1)*n).
  const cols = new Float64Array(m * n);
  for (let i = 0; i < m; i++) {
    for (let j = 0; j < n; j++) cols[j * m + i] = transposed ? a[j * m + i] : a[i * n + j];
  }
  const vc = new Float64Array(n * n);
  for (let j = 0; j < n; j++) vc[j * n + j] = 1;

  // A pair counts as orthogonal at the rounding level of its computed inner product (≈ √m · ε).
  const tolerance = Math.max(1e-15, 4 * EPS * Math.sqrt(m));
  // Columns below ε‖A‖_F are rounding noise of the rotations themselves and could never be made
  // orthogonal to the others: they are left alone, and their U columns are completed at the end.
  let normSquared = 0;
  for (let p = 0; p < cols.length; p++) normSquared += cols[p] * cols[p];
  const negligible = EPS * EPS * normSquared;
  let sweep = 0;
  let rotated = true;
  while (rotated) {
    if (++sweep > MAX_SWEEPS) throw new Error('svd: one-sided Jacobi did not converge');
    rotated = false;
    for (let p = 0; p < n - 1; p++) {
      const cp = p * m;
      for (let q = p + 1; q < n; q++) {
        const cq = q * m;
        let alpha = 0;
        let beta = 0;
        let gamma = 0;
        for (let i = 0; i < m; i++) {
          const x = cols[cp + i];
          const y = cols[cq + i];
          alpha += x * x;
          beta += y * y;
          gamma += x * y;
        }
        if (alpha <= negligible || beta <= negligible) continue;
        if (gamma === 0 || Math.abs(gamma) <= tolerance * Math.sqrt(alpha) * Math.sqrt(beta)) continue;
        rotated = true;
        // The rotation that diagonalizes the 2×2 Gram matrix [[α, γ], [γ, β]] (smaller angle).
        const zeta = (beta - alpha) / (2 * gamma);
        const t = (zeta >= 0 ? 1 : -1) / (Math.abs(zeta) + Math.sqrt(1 + zeta * zeta));
        const c = 1 / Math.sqrt(1 + t * t);
        const s = c * t;
        for (let i = 0; i < m; i++) {
          const x = cols[cp + i];
          const y = cols[cq + i];
          cols[cp + i] = c * x - s * y;
          cols[cq + i] = s * x + c * y;
        }
        const vp = p * n;
        const vq = q * n;
        for (let i = 0; i < n; i++) {
          const x = vc[vp + i];
          const y = vc[vq + i];
          vc[vp + i] = c * x - s * y;
          vc[vq + i] = s * x + c * y;
        }
      }
    }
  }

  const norms = new Float64Array(n);
  for (let j = 0; j < n; j++) {
    let s = 0;
    for (let i = 0; i < m; i++) s += cols[j * m + i] * cols[j * m + i];
    norms[j] = Math.sqrt(s);
  }
  const order = Array.from({ length: n }, (_, j) => j).sort((p, q) => norms[q] - norms[p]);
  const u = new Float64Array(m * n);
  const s = new Float64Array(n);
  const v = new Float64Array(n * n);
  const missing: number[] = [];
  order.forEach((from, to) => {
    const sigma = norms[from];
    s[to] = sigma;
    for (let i = 0; i < n; i++) v[i * n + to] = vc[from * n + i];
    // At convergence every pair of non-negligible columns is orthogonal relative to its own lengths,
    // so such a column normalizes to a valid U column; the negligible ones are completed.
    if (sigma * sigma > negligible) {
      for (let i = 0; i < m; i++) u[i * n + to] = cols[from * m + i] / sigma;
    } else {
      missing.push(to);
    }
  });
  if (missing.length > 0) completeColumns(u, m, n, missing, createRng(0x5eed));
  return { u, s, v };
}

/** Fills the listed columns of the m×n row-major U with unit vectors orthogonal to all other columns. */
function completeColumns(u: Float64Array, m: number, n: number, missing: readonly number[], rng: Rng): void {
  const column = new Float64Array(m);
  const filled = new Set<number>(Array.from({ length: n }, (_, j) => j).filter((j) => !missing.includes(j)));
  for (const target of missing) {
    let norm = 0;
    do {
      for (let i = 0; i < m; i++) column[i] = rng.gaussian();
      for (let pass = 0; pass < 2; pass++) {
        for (const j of filled) {
          let dot = 0;
          for (let i = 0; i < m; i++) dot += u[i * n + j] * column[i];
          for (let i = 0; i < m; i++) column[i] -= dot * u[i * n + j];
        }
      }
      norm = 0;
      for (let i = 0; i < m; i++) norm += column[i] * column[i];
      norm = Math.sqrt(norm);
    } while (!(norm > 1e-3));
    for (let i = 0; i < m; i++) u[i * n + target] = column[i] / norm;
    filled.add(target);
  }
}
