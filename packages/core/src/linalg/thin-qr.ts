import { gram, invertUpper, times } from './dense.ts';
import type { Rng } from './random.ts';

/** A thin QR factorization Y = Q R of a tall rows×cols block. */
export interface ThinQr {
  /** rows×cols, row-major, orthonormal columns (Qᵀ Q = I). */
  readonly q: Float64Array;
  /** cols×cols, row-major, upper triangular. */
  readonly r: Float64Array;
}

// A column whose part outside the span of the earlier columns is below this fraction of its length is
// treated as dependent: its R diagonal is 0 and its Q column is a fresh direction.
const DEPENDENT = 1e-10;

/**
 * Thin QR of a tall block, Y = Q R with Y: rows×cols (rows ≥ cols), Q: rows×cols, R: cols×cols.
 *
 * The fast path is Cholesky QR applied twice (G = YᵀY = RᵀR, Q = Y R⁻¹, repeated on Q), which reads Y
 * in whole rows and so stays cache-friendly for the V×k blocks of the randomized factorizations. When Y
 * is too ill-conditioned for it (a Cholesky pivot collapses), classical Gram–Schmidt with one
 * re-orthogonalization takes over; a dependent column then gets R_jj = 0 and a random unit direction
 * orthogonal to the others, drawn from `rng`, so Q always has orthonormal columns.
 */
export function thinQr(y: Float64Array, rows: number, cols: number, rng: Rng): ThinQr {
  if (rows < cols) throw new RangeError(`thinQr needs rows ≥ cols, got ${rows}×${cols}`);
  if (y.length !== rows * cols) throw new RangeError(`thinQr: ${rows}×${cols} needs ${rows * cols} values, got ${y.length}`);
  const first = choleskyQrPass(y, rows, cols, DEPENDENT);
  if (first !== undefined) {
    // After one pass Q is orthonormal only to about u·cond(Y)²; the second pass sees a well-conditioned block.
    const second = choleskyQrPass(first.q, rows, cols, 0.25);
    if (second !== undefined) return { q: second.q, r: upperTimesUpper(second.r, first.r, cols) };
  }
  return gramSchmidtTwice(y, rows, cols, rng);
}

/**
 * A well-conditioned basis of range(Y) for the intermediate steps of a power iteration: one Cholesky QR
 * pass (Q = Y R⁻¹ with Yᵀ Y = Rᵀ R), whose columns are orthonormal to about u·cond(Y)², which is all
 * the next product needs; falls back to `thinQr` when a pivot collapses. Y: rows×cols, rows ≥ cols;
 * the result is rows×cols.
 */
export function rangeBasis(y: Float64Array, rows: number, cols: number, rng: Rng): Float64Array {
  if (rows < cols) throw new RangeError(`rangeBasis needs rows ≥ cols, got ${rows}×${cols}`);
  return choleskyQrPass(y, rows, cols, DEPENDENT)?.q ?? thinQr(y, rows, cols, rng).q;
}

/** One Cholesky QR pass, or undefined when a pivot falls to `minPivot` times its column's squared length. */
function choleskyQrPass(y: Float64Array, rows: number, cols: number, minPivot: number): ThinQr | undefined {
  const r = gram(y, rows, cols);
  // In-place upper Cholesky factor: G = Rᵀ R.
  for (let j = 0; j < cols; j++) {
    const diagonal = r[j * cols + j];
    let pivot = diagonal;
    for (let l = 0; l < j; l++) pivot -= r[l * cols + j] * r[l * cols + j];
    if (!(pivot > minPivot * diagonal) || !(diagonal > 0) || !Number.isFinite(pivot)) return undefined;
    const rjj = Math.sqrt(pivot);
    r[j * cols + j] = rjj;
    for (let c = j + 1; c < cols; c++) {
      let v = r[j * cols + c];
      for (let l = 0; l < j; l++) v -= r[l * cols + j] * r[l * cols + c];
      r[j * cols + c] = v / rjj;
    }
  }
  for (let j = 0; j < cols; j++) for (let c = 0; c < j; c++) r[j * cols + c] = 0;
  // Q = Y R⁻¹: the explicit inverse of the small R makes this a tiled, half-size product.
  return { q: times(y, invertUpper(r, cols), rows, cols, cols, true), r };
}

/** C = A B for upper triangular A and B (cols×cols); C is upper triangular. */
function upperTimesUpper(a: Float64Array, b: Float64Array, n: number): Float64Array {
  const c = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = i; j < n; j++) {
      let v = 0;
      for (let l = i; l <= j; l++) v += a[i * n + l] * b[l * n + j];
      c[i * n + j] = v;
    }
  }
  return c;
}

/** Classical Gram–Schmidt, each column orthogonalized twice ("twice is enough"), on column-major copies. */
function gramSchmidtTwice(y: Float64Array, rows: number, cols: number, rng: Rng): ThinQr {
  const qc = new Float64Array(rows * cols); // column j at [j*rows, (j+1)*rows)
  const r = new Float64Array(cols * cols);
  const column = new Float64Array(rows);
  const coefficients = new Float64Array(cols);

  const orthogonalize = (j: number, accumulate: boolean): void => {
    for (let pass = 0; pass < 2; pass++) {
      for (let l = 0; l < j; l++) {
        let dot = 0;
        const ql = l * rows;
        for (let i = 0; i < rows; i++) dot += qc[ql + i] * column[i];
        coefficients[l] = dot;
      }
      for (let l = 0; l < j; l++) {
        const dot = coefficients[l];
        if (dot === 0) continue;
        const ql = l * rows;
        for (let i = 0; i < rows; i++) column[i] -= dot * qc[ql + i];
        if (accumulate) r[l * cols + j] += dot;
      }
    }
  };
  const norm = (): number => {
    let s = 0;
    for (let i = 0; i < rows; i++) s += column[i] * column[i];
    return Math.sqrt(s);
  };

  for (let j = 0; j < cols; j++) {
    for (let i = 0; i < rows; i++) column[i] = y[i * cols + j];
    const original = norm();
    orthogonalize(j, true);
    let residual = norm();
    if (residual > DEPENDENT * original && residual > 0) {
      r[j * cols + j] = residual;
    } else {
      // Dependent column: R_jj = 0 and any unit direction orthogonal to the previous ones completes Q.
      r[j * cols + j] = 0;
      do {
        for (let i = 0; i < rows; i++) column[i] = rng.gaussian();
        orthogonalize(j, false);
        residual = norm();
      } while (!(residual > 1e-3));
    }
    const qj = j * rows;
    for (let i = 0; i < rows; i++) qc[qj + i] = column[i] / residual;
  }

  const q = new Float64Array(rows * cols);
  for (let j = 0; j < cols; j++) for (let i = 0; i < rows; i++) q[i * cols + j] = qc[j * rows + i];
  return { q, r };
}
