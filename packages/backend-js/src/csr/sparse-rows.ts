import type { CsrMatrix } from '@dproj/core';

/** CSR storage with Float32 or Float64 values: CsrMatrix itself, or float64 partial sums. */
export interface SparseRows<T extends Float32Array | Float64Array> {
  readonly rows: number;
  readonly cols: number;
  readonly rowPtr: Uint32Array;
  readonly colIdx: Uint32Array;
  readonly values: T;
}

/** Sparse float64 sums, rows with sorted columns. */
export type Sparse64 = SparseRows<Float64Array>;

const float64 = (n: number): Float64Array => new Float64Array(n);

/** The rows×cols zero matrix. */
export function emptySparse(rows: number, cols: number): Sparse64 {
  return { rows, cols, rowPtr: new Uint32Array(rows + 1), colIdx: new Uint32Array(0), values: new Float64Array(0) };
}

/**
 * Sᵀ (S: r×c gives c×r), keeping only the rows c of Sᵀ (columns of S) with keep[c] ≠ 0, or all when
 * keep is null; the other rows are empty. A counting transpose: it reads S in row order, so every row
 * of the result has sorted columns even when S's rows are unsorted. `alloc` makes the value array.
 */
export function transposeSparse<T extends Float32Array | Float64Array>(
  s: SparseRows<T>,
  keep: Uint8Array | null,
  alloc: (n: number) => T,
): SparseRows<T> {
  const rowPtr = new Uint32Array(s.cols + 1);
  for (let p = s.rowPtr[0]; p < s.rowPtr[s.rows]; p++) {
    const c = s.colIdx[p];
    if (keep === null || keep[c] !== 0) rowPtr[c + 1]++;
  }
  for (let c = 0; c < s.cols; c++) rowPtr[c + 1] += rowPtr[c];
  const nnz = rowPtr[s.cols];
  const colIdx = new Uint32Array(nnz);
  const values = alloc(nnz);
  const next = rowPtr.slice(0, s.cols);
  for (let r = 0; r < s.rows; r++) {
    for (let p = s.rowPtr[r]; p < s.rowPtr[r + 1]; p++) {
      const c = s.colIdx[p];
      if (keep !== null && keep[c] === 0) continue;
      const q = next[c]++;
      colIdx[q] = r;
      values[q] = s.values[p];
    }
  }
  return { rows: s.cols, cols: s.rows, rowPtr, colIdx, values };
}

/** A + B for two matrices of one shape whose rows have sorted columns: a row-by-row merge. */
export function addSparse(a: Sparse64, b: Sparse64): Sparse64 {
  const rowPtr = new Uint32Array(a.rows + 1);
  const colIdx = new Uint32Array(a.colIdx.length + b.colIdx.length);
  const values = new Float64Array(colIdx.length);
  let q = 0;
  for (let r = 0; r < a.rows; r++) {
    let p = a.rowPtr[r];
    let s = b.rowPtr[r];
    const pEnd = a.rowPtr[r + 1];
    const sEnd = b.rowPtr[r + 1];
    while (p < pEnd || s < sEnd) {
      const ca = p < pEnd ? a.colIdx[p] : Infinity;
      const cb = s < sEnd ? b.colIdx[s] : Infinity;
      if (ca === cb) {
        colIdx[q] = ca;
        values[q++] = a.values[p++] + b.values[s++];
      } else if (ca < cb) {
        colIdx[q] = ca;
        values[q++] = a.values[p++];
      } else {
        colIdx[q] = cb;
        values[q++] = b.values[s++];
      }
    }
    rowPtr[r + 1] = q;
  }
  return { rows: a.rows, cols: a.cols, rowPtr, colIdx: colIdx.slice(0, q), values: values.slice(0, q) };
}

/**
 * S + Sᵀ for a square S with sorted rows (SPEC B.2.3, S = F + Fᵀ;
 * the diagonal doubles, S_aa = 2 F_aa).
 */
export function addTranspose(s: Sparse64): Sparse64 {
  return addSparse(s, transposeSparse(s, null, float64));
}

/**
 * The public form of float64 sums: CsrMatrix with values rounded once to Float32, entries that are
 * (or round to) zero left out, so the result stores no explicit zeros. Columns keep their order.
 */
export function toCsrMatrix(s: Sparse64): CsrMatrix {
  const rowPtr = new Uint32Array(s.rows + 1);
  const colIdx = new Uint32Array(s.colIdx.length);
  const values = new Float32Array(s.colIdx.length);
  let q = 0;
  for (let r = 0; r < s.rows; r++) {
    for (let p = s.rowPtr[r]; p < s.rowPtr[r + 1]; p++) {
      const v = Math.fround(s.values[p]);
      if (v === 0) continue;
      colIdx[q] = s.colIdx[p];
      values[q++] = v;
    }
    rowPtr[r + 1] = q;
  }
  return { rows: s.rows, cols: s.cols, rowPtr, colIdx: colIdx.slice(0, q), values: values.slice(0, q) };
}
