/**
 * Small float64 dense kernels on row-major blocks, shared by the QR, eigen and factorization code.
 * A block is a Float64Array with an explicit shape; entry (i, j) of an r×c block is `a[i * c + j]`.
 *
 * The tall-block kernels work on 4×4 tiles (four rows of the tall block by four of its columns), so
 * each load and store of a result entry feeds four multiply-adds and each loaded input feeds four:
 * about 2–3× faster in V8 than the plain triple loop at the V×k sizes of the randomized factorizations.
 */

/**
 * C = Aᵀ B for A: rows×ca and B: rows×cb; C is ca×cb. Streams over the rows, so tall blocks stay
 * cache-friendly. With `upperOnly`, only the entries C_pq with q ≥ p are guaranteed (for Gram matrices).
 */
export function transposeTimes(
  a: Float64Array,
  b: Float64Array,
  rows: number,
  ca: number,
  cb: number,
  upperOnly = false,
): Float64Array {
  const c = new Float64Array(ca * cb);
  const fullRows = rows - (rows % 4);
  const fullCols = ca - (ca % 4);
  for (let i = 0; i < fullRows; i += 4) {
    const a0 = i * ca;
    const a1 = a0 + ca;
    const a2 = a1 + ca;
    const a3 = a2 + ca;
    const b0 = i * cb;
    const b1 = b0 + cb;
    const b2 = b1 + cb;
    const b3 = b2 + cb;
    let p = 0;
    for (; p < fullCols; p += 4) {
      // Tile: result rows p..p+3 from input rows i..i+3.
      const u0 = a[a0 + p], u1 = a[a1 + p], u2 = a[a2 + p], u3 = a[a3 + p];
      const v0 = a[a0 + p + 1], v1 = a[a1 + p + 1], v2 = a[a2 + p + 1], v3 = a[a3 + p + 1];
      const w0 = a[a0 + p + 2], w1 = a[a1 + p + 2], w2 = a[a2 + p + 2], w3 = a[a3 + p + 2];
      const z0 = a[a0 + p + 3], z1 = a[a1 + p + 3], z2 = a[a2 + p + 3], z3 = a[a3 + p + 3];
      const c0 = p * cb;
      const c1 = c0 + cb;
      const c2 = c1 + cb;
      const c3 = c2 + cb;
      for (let q = upperOnly ? p : 0; q < cb; q++) {
        const x0 = b[b0 + q];
        const x1 = b[b1 + q];
        const x2 = b[b2 + q];
        const x3 = b[b3 + q];
        c[c0 + q] += u0 * x0 + u1 * x1 + u2 * x2 + u3 * x3;
        c[c1 + q] += v0 * x0 + v1 * x1 + v2 * x2 + v3 * x3;
        c[c2 + q] += w0 * x0 + w1 * x1 + w2 * x2 + w3 * x3;
        c[c3 + q] += z0 * x0 + z1 * x1 + z2 * x2 + z3 * x3;
      }
    }
    for (; p < ca; p++) {
      const u0 = a[a0 + p], u1 = a[a1 + p], u2 = a[a2 + p], u3 = a[a3 + p];
      const cp = p * cb;
      for (let q = upperOnly ? p : 0; q < cb; q++) {
        c[cp + q] += u0 * b[b0 + q] + u1 * b[b1 + q] + u2 * b[b2 + q] + u3 * b[b3 + q];
      }
    }
  }
  for (let i = fullRows; i < rows; i++) {
    const ai = i * ca;
    const bi = i * cb;
    for (let p = 0; p < ca; p++) {
      const u = a[ai + p];
      const cp = p * cb;
      for (let q = upperOnly ? p : 0; q < cb; q++) c[cp + q] += u * b[bi + q];
    }
  }
  return c;
}

/** G = Aᵀ A for A: rows×cols (symmetric cols×cols; the upper triangle is accumulated, then mirrored). */
export function gram(a: Float64Array, rows: number, cols: number): Float64Array {
  const g = transposeTimes(a, a, rows, cols, cols, true);
  for (let p = 0; p < cols; p++) for (let q = 0; q < p; q++) g[p * cols + q] = g[q * cols + p];
  return g;
}

/**
 * C = A B for A: m×k and B: k×n; C is m×n. With `upperTriangular`, B (k×k, n = k) is taken as upper
 * triangular and its zero lower part is skipped, halving the work (C = Y R⁻¹ in the QR).
 */
export function times(
  a: Float64Array,
  b: Float64Array,
  m: number,
  k: number,
  n: number,
  upperTriangular = false,
): Float64Array {
  const c = new Float64Array(m * n);
  const fullRows = m - (m % 4);
  const fullInner = k - (k % 4);
  for (let i = 0; i < fullRows; i += 4) {
    const c0 = i * n;
    const c1 = c0 + n;
    const c2 = c1 + n;
    const c3 = c2 + n;
    const a0 = i * k;
    const a1 = a0 + k;
    const a2 = a1 + k;
    const a3 = a2 + k;
    let p = 0;
    for (; p < fullInner; p += 4) {
      // Tile: result rows i..i+3 from B rows p..p+3.
      const u0 = a[a0 + p], u1 = a[a0 + p + 1], u2 = a[a0 + p + 2], u3 = a[a0 + p + 3];
      const v0 = a[a1 + p], v1 = a[a1 + p + 1], v2 = a[a1 + p + 2], v3 = a[a1 + p + 3];
      const w0 = a[a2 + p], w1 = a[a2 + p + 1], w2 = a[a2 + p + 2], w3 = a[a2 + p + 3];
      const z0 = a[a3 + p], z1 = a[a3 + p + 1], z2 = a[a3 + p + 2], z3 = a[a3 + p + 3];
      const b0 = p * n;
      const b1 = b0 + n;
      const b2 = b1 + n;
      const b3 = b2 + n;
      for (let q = upperTriangular ? p : 0; q < n; q++) {
        const x0 = b[b0 + q];
        const x1 = b[b1 + q];
        const x2 = b[b2 + q];
        const x3 = b[b3 + q];
        c[c0 + q] += u0 * x0 + u1 * x1 + u2 * x2 + u3 * x3;
        c[c1 + q] += v0 * x0 + v1 * x1 + v2 * x2 + v3 * x3;
        c[c2 + q] += w0 * x0 + w1 * x1 + w2 * x2 + w3 * x3;
        c[c3 + q] += z0 * x0 + z1 * x1 + z2 * x2 + z3 * x3;
      }
    }
    for (; p < k; p++) {
      const bp = p * n;
      const u = a[a0 + p], v = a[a1 + p], w = a[a2 + p], z = a[a3 + p];
      for (let q = upperTriangular ? p : 0; q < n; q++) {
        const x = b[bp + q];
        c[c0 + q] += u * x;
        c[c1 + q] += v * x;
        c[c2 + q] += w * x;
        c[c3 + q] += z * x;
      }
    }
  }
  for (let i = fullRows; i < m; i++) {
    const ci = i * n;
    const ai = i * k;
    for (let p = 0; p < k; p++) {
      const u = a[ai + p];
      const bp = p * n;
      for (let q = upperTriangular ? p : 0; q < n; q++) c[ci + q] += u * b[bp + q];
    }
  }
  return c;
}

/**
 * R⁻¹ of an upper triangular, non-singular R (n×n); the result is upper triangular. Column by
 * column back substitution, O(n³/3).
 */
export function invertUpper(r: Float64Array, n: number): Float64Array {
  const inv = new Float64Array(n * n);
  for (let j = n - 1; j >= 0; j--) {
    inv[j * n + j] = 1 / r[j * n + j];
    // Row j of R R⁻¹ = I: R_jj X_jc + Σ_{l>j} R_jl X_lc = 0 for c > j.
    for (let c = j + 1; c < n; c++) {
      let s = 0;
      for (let l = j + 1; l <= c; l++) s += r[j * n + l] * inv[l * n + c];
      inv[j * n + c] = -s / r[j * n + j];
    }
  }
  return inv;
}

/** Aᵀ for A: rows×cols; the result is cols×rows. */
export function transpose(a: Float64Array, rows: number, cols: number): Float64Array {
  const t = new Float64Array(rows * cols);
  for (let i = 0; i < rows; i++) for (let j = 0; j < cols; j++) t[j * rows + i] = a[i * cols + j];
  return t;
}
