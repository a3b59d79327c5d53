/** The eigendecomposition A = U Λ Uᵀ of a symmetric n×n matrix. */
export interface SymmetricEigen {
  /** λ_0 ≥ λ_1 ≥ … ≥ λ_{n−1}. */
  readonly values: Float64Array;
  /** U: n×n, row-major; column j is the unit eigenvector of `values[j]`, and Uᵀ U = I. */
  readonly vectors: Float64Array;
}

const EPS = 2.220446049250313e-16;

/**
 * Eigendecomposition A = U Λ Uᵀ of a dense symmetric n×n matrix A (row-major float64; only symmetric
 * input is meaningful, A is not modified).
 *
 * Householder reflections reduce A to a tridiagonal T = Pᵀ A P; implicit symmetric QR steps with the
 * Wilkinson shift then diagonalize T by Givens rotations, accumulated into P. Cost O(n³).
 */
export function symmetricEigen(a: Float64Array, n: number): SymmetricEigen {
  if (a.length !== n * n) throw new RangeError(`symmetricEigen: ${n}×${n} needs ${n * n} values, got ${a.length}`);
  const work = Float64Array.from(a);
  const diagonal = new Float64Array(n);
  const offDiagonal = new Float64Array(Math.max(n - 1, 0));
  // basis holds Pᵀ: row j is the j-th column of P, so every rotation below combines two contiguous rows.
  const basis = tridiagonalize(work, n, diagonal, offDiagonal);
  diagonalizeTridiagonal(diagonal, offDiagonal, basis, n);

  const order = Array.from({ length: n }, (_, j) => j).sort((p, q) => diagonal[q] - diagonal[p]);
  const values = new Float64Array(n);
  const vectors = new Float64Array(n * n);
  order.forEach((from, to) => {
    values[to] = diagonal[from];
    for (let i = 0; i < n; i++) vectors[i * n + to] = basis[from * n + i];
  });
  return { values, vectors };
}

/**
 * Householder tridiagonalization in place: on return `diagonal` and `offDiagonal` hold T, and the result
 * is Pᵀ (row-major n×n) with A = P T Pᵀ. Step k reflects rows/columns k+1… so that column k of the
 * trailing block becomes (α, 0, …, 0).
 */
function tridiagonalize(a: Float64Array, n: number, diagonal: Float64Array, offDiagonal: Float64Array): Float64Array {
  const reflectors: { v: Float64Array; beta: number; start: number }[] = [];
  const p = new Float64Array(n);
  for (let k = 0; k + 2 < n; k++) {
    const start = k + 1;
    const m = n - start;
    let scale = 0;
    for (let i = start; i < n; i++) scale = Math.max(scale, Math.abs(a[i * n + k]));
    if (scale === 0) {
      offDiagonal[k] = 0;
      continue;
    }
    // v is the reflector for x = A[k+1:, k], scaled by 1/scale against overflow.
    const v = new Float64Array(m);
    let norm2 = 0;
    for (let i = 0; i < m; i++) {
      v[i] = a[(start + i) * n + k] / scale;
      norm2 += v[i] * v[i];
    }
    const alpha = v[0] >= 0 ? -Math.sqrt(norm2) : Math.sqrt(norm2);
    v[0] -= alpha;
    const vv = norm2 - 2 * alpha * (v[0] + alpha) + alpha * alpha; // ‖x − α e₁‖² without cancellation
    offDiagonal[k] = alpha * scale;
    if (vv === 0) continue;
    const beta = 2 / vv;
    // Trailing block update A₂₂ ← H A₂₂ H with H = I − β v vᵀ, as A₂₂ − v wᵀ − w vᵀ.
    let pv = 0;
    for (let i = 0; i < m; i++) {
      let s = 0;
      const row = (start + i) * n + start;
      for (let j = 0; j < m; j++) s += a[row + j] * v[j];
      p[i] = beta * s;
      pv += p[i] * v[i];
    }
    const half = (beta * pv) / 2;
    for (let i = 0; i < m; i++) p[i] -= half * v[i];
    for (let i = 0; i < m; i++) {
      const row = (start + i) * n + start;
      for (let j = 0; j < m; j++) a[row + j] -= v[i] * p[j] + p[i] * v[j];
    }
    reflectors.push({ v, beta, start });
  }
  for (let i = 0; i < n; i++) diagonal[i] = a[i * n + i];
  if (n >= 2) offDiagonal[n - 2] = a[(n - 1) * n + (n - 2)];

  // Pᵀ = H_last ⋯ H_0, built by applying the reflectors in order to the identity from the left.
  const pt = new Float64Array(n * n);
  for (let i = 0; i < n; i++) pt[i * n + i] = 1;
  const rowCombination = new Float64Array(n);
  for (const { v, beta, start } of reflectors) {
    rowCombination.fill(0);
    for (let i = 0; i < v.length; i++) {
      const vi = v[i];
      if (vi === 0) continue;
      const row = (start + i) * n;
      for (let j = 0; j < n; j++) rowCombination[j] += vi * pt[row + j];
    }
    for (let i = 0; i < v.length; i++) {
      const f = beta * v[i];
      if (f === 0) continue;
      const row = (start + i) * n;
      for (let j = 0; j < n; j++) pt[row + j] -= f * rowCombination[j];
    }
  }
  return pt;
}

/**
 * Implicit symmetric QR on the tridiagonal (d, e), Wilkinson shift, with deflation from the bottom.
 * Each Givens rotation G on indices k, k+1 maps T to G T Gᵀ and the basis rows (Pᵀ) to G Pᵀ.
 */
function diagonalizeTridiagonal(d: Float64Array, e: Float64Array, basis: Float64Array, n: number): void {
  const negligible = (i: number): boolean => Math.abs(e[i]) <= EPS * (Math.abs(d[i]) + Math.abs(d[i + 1]));
  let budget = 60 * Math.max(n, 1);
  let hi = n - 1;
  while (hi > 0) {
    if (negligible(hi - 1)) {
      e[hi - 1] = 0;
      hi--;
      continue;
    }
    let lo = hi - 1;
    while (lo > 0 && !negligible(lo - 1)) lo--;
    if (lo > 0) e[lo - 1] = 0;
    if (--budget < 0) throw new Error('symmetricEigen: the tridiagonal QR iteration did not converge');

    // Wilkinson shift: the eigenvalue of the trailing 2×2 block nearer to d[hi].
    const t = (d[hi - 1] - d[hi]) / 2;
    const b = e[hi - 1];
    const shift = d[hi] - (b * b) / (t + (t >= 0 ? 1 : -1) * Math.hypot(t, b));

    let x = d[lo] - shift;
    let z = e[lo];
    for (let k = lo; k < hi; k++) {
      const radius = Math.hypot(x, z);
      const c = radius === 0 ? 1 : x / radius;
      const s = radius === 0 ? 0 : z / radius;
      if (k > lo) e[k - 1] = radius;
      const a0 = d[k];
      const a1 = d[k + 1];
      const b0 = e[k];
      d[k] = c * c * a0 + 2 * c * s * b0 + s * s * a1;
      d[k + 1] = s * s * a0 - 2 * c * s * b0 + c * c * a1;
      e[k] = c * s * (a1 - a0) + (c * c - s * s) * b0;
      if (k + 1 < hi) {
        z = s * e[k + 1]; // the bulge at (k+2, k)
        e[k + 1] *= c;
        x = e[k];
      }
      const rowK = k * n;
      const rowK1 = (k + 1) * n;
      for (let j = 0; j < n; j++) {
        const u = basis[rowK + j];
        const w = basis[rowK1 + j];
        basis[rowK + j] = c * u + s * w;
        basis[rowK1 + j] = c * w - s * u;
      }
    }
  }
}
