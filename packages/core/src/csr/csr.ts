import { ResourceLimitError, ValueError } from '../errors/errors.ts';
import type { CsrMatrix, Matrix } from '../types/matrix.ts';
import { csrProblem } from './check-csr.ts';

/**
 * The most entries a dense matrix made from a sparse one may have: 2²⁸ (268 435 456 float32 values,
 * 1 GiB). Beyond it, densifying is refused with `ResourceLimitError` rather than exhausting memory.
 */
export const DENSE_ELEMENT_LIMIT = 2 ** 28;

/** Entries in struct-of-arrays form: entry p is (row[p], col[p]) = value[p]. */
export interface Triplets {
  readonly row: ArrayLike<number>;
  readonly col: ArrayLike<number>;
  readonly value: ArrayLike<number>;
}

/**
 * Builds a rows×cols CSR matrix from (i, j, v) entries: A_ij = Σ v over the entries at (i, j).
 * Duplicates are summed in float64, columns are sorted within each row, and entries that are or sum
 * to 0 are dropped, so the result has no explicit zeros. Entries may come in any order, either as
 * `[i, j, v]` tuples or as three parallel arrays. O(nnz + rows + cols) (two stable counting sorts).
 * Throws `ValueError` for an index out of range or not an integer, or a value that is NaN or ±∞.
 */
export function csrFromTriplets(
  rows: number,
  cols: number,
  triplets: Triplets | Iterable<readonly [number, number, number]>,
): CsrMatrix {
  checkDims('csrFromTriplets', rows, cols);
  const { row, col, value } = isTriplets(triplets) ? triplets : unzip(triplets);
  const n = row.length;
  if (col.length !== n || value.length !== n) {
    throw new ValueError(
      `csrFromTriplets: row, col and value must have the same length, got ${n}, ${col.length}, ${value.length}`,
      { argument: 'triplets' },
    );
  }
  for (let p = 0; p < n; p++) {
    const i = row[p]!;
    const j = col[p]!;
    const v = value[p]!;
    if (!Number.isInteger(i) || i < 0 || i >= rows) {
      throw new ValueError(`csrFromTriplets: row index must be an integer in [0, ${rows}), got ${i} at entry ${p}`, {
        argument: `triplets[${p}]`,
      });
    }
    if (!Number.isInteger(j) || j < 0 || j >= cols) {
      throw new ValueError(`csrFromTriplets: column index must be an integer in [0, ${cols}), got ${j} at entry ${p}`, {
        argument: `triplets[${p}]`,
      });
    }
    if (!Number.isFinite(v)) {
      throw new ValueError(`csrFromTriplets: value must be finite, got ${v} at entry ${p}`, {
        argument: `triplets[${p}]`,
      });
    }
  }
  // Stable counting sort by column, then by row: rows come out with ascending columns.
  const byCol = countingOrder(n, cols, (p) => col[p]!, undefined);
  const byRow = countingOrder(n, rows, (p) => row[p]!, byCol);
  const rowPtr = new Uint32Array(rows + 1);
  const outCol: number[] = [];
  const outVal: number[] = [];
  let q = 0;
  while (q < n) {
    const p = byRow[q]!;
    const i = row[p]!;
    const j = col[p]!;
    let sum = 0;
    while (q < n && row[byRow[q]!] === i && col[byRow[q]!] === j) sum += value[byRow[q++]!]!;
    // A sum that rounds to 0 in float32 would be an explicit zero in storage.
    if (Math.fround(sum) !== 0) {
      outCol.push(j);
      outVal.push(sum);
      rowPtr[i + 1]!++;
    }
  }
  for (let i = 0; i < rows; i++) rowPtr[i + 1]! += rowPtr[i]!;
  return { rows, cols, rowPtr, colIdx: Uint32Array.from(outCol), values: Float32Array.from(outVal) };
}

/**
 * The dense rows×cols matrix of a CSR matrix: D_ij = A_ij, 0 where nothing is stored (duplicates, which
 * the contract forbids, would add up). Refuses with `ResourceLimitError` when rows·cols exceeds
 * `limit` (default `DENSE_ELEMENT_LIMIT` = 2²⁸ entries), and with `ValueError` when the CSR is malformed.
 */
export function csrToDense(csr: CsrMatrix, limit: number = DENSE_ELEMENT_LIMIT): Matrix {
  const problem = csrProblem(csr);
  if (problem !== undefined) throw new ValueError(`csrToDense: ${problem}`, { argument: 'csr' });
  const { rows, cols, rowPtr, colIdx, values } = csr;
  const size = rows * cols;
  if (size > limit) {
    throw new ResourceLimitError(
      `csrToDense: a dense ${rows}×${cols} matrix has ${size} entries, more than the limit of ${limit}`,
      limit,
      size,
      { argument: 'csr' },
    );
  }
  const data = new Float32Array(size);
  for (let i = 0; i < rows; i++) {
    for (let p = rowPtr[i]!; p < rowPtr[i + 1]!; p++) data[i * cols + colIdx[p]!]! += values[p]!;
  }
  return { rows, cols, data };
}

/**
 * The CSR form of a dense matrix: the entries D_ij ≠ 0 (NaN counts as non-zero), columns ascending.
 * −0 is dropped with +0. Throws `ValueError` when `data` does not hold rows·cols values.
 */
export function denseToCsr(m: Matrix): CsrMatrix {
  checkDims('denseToCsr', m.rows, m.cols);
  const { rows, cols, data } = m;
  if (data.length !== rows * cols) {
    throw new ValueError(`denseToCsr: data must hold rows·cols = ${rows * cols} values, got ${data.length}`, {
      argument: 'm',
    });
  }
  let nnz = 0;
  for (let p = 0; p < data.length; p++) if (data[p] !== 0) nnz++;
  const rowPtr = new Uint32Array(rows + 1);
  const colIdx = new Uint32Array(nnz);
  const values = new Float32Array(nnz);
  let q = 0;
  for (let i = 0; i < rows; i++) {
    const base = i * cols;
    for (let j = 0; j < cols; j++) {
      const v = data[base + j]!;
      if (v !== 0) {
        colIdx[q] = j;
        values[q++] = v;
      }
    }
    rowPtr[i + 1] = q;
  }
  return { rows, cols, rowPtr, colIdx, values };
}

/**
 * The transpose Aᵀ (cols×rows) of a CSR matrix: (Aᵀ)_ji = A_ij. The result's columns are sorted
 * whatever the input's order; explicit zeros, if any, are kept. O(nnz + rows + cols).
 * Throws `ValueError` when the CSR is malformed.
 */
export function csrTranspose(csr: CsrMatrix): CsrMatrix {
  const problem = csrProblem(csr);
  if (problem !== undefined) throw new ValueError(`csrTranspose: ${problem}`, { argument: 'csr' });
  const { rows, cols, rowPtr, colIdx, values } = csr;
  const nnz = colIdx.length;
  const tPtr = new Uint32Array(cols + 1);
  for (let p = 0; p < nnz; p++) tPtr[colIdx[p]! + 1]!++;
  for (let j = 0; j < cols; j++) tPtr[j + 1]! += tPtr[j]!;
  const next = tPtr.slice(0, cols);
  const tCol = new Uint32Array(nnz);
  const tVal = new Float32Array(nnz);
  for (let i = 0; i < rows; i++) {
    for (let p = rowPtr[i]!; p < rowPtr[i + 1]!; p++) {
      const q = next[colIdx[p]!]!++;
      tCol[q] = i;
      tVal[q] = values[p]!;
    }
  }
  return { rows: cols, cols: rows, rowPtr: tPtr, colIdx: tCol, values: tVal };
}

/**
 * The entry A_ij of a CSR matrix, 0 when nothing is stored there. O(length of row i): columns may be
 * unsorted. Throws `ValueError` for i or j outside the matrix.
 */
export function csrGet(csr: CsrMatrix, i: number, j: number): number {
  if (!Number.isInteger(i) || i < 0 || i >= csr.rows) {
    throw new ValueError(`csrGet: i must be an integer in [0, ${csr.rows}), got ${i}`, { argument: 'i' });
  }
  if (!Number.isInteger(j) || j < 0 || j >= csr.cols) {
    throw new ValueError(`csrGet: j must be an integer in [0, ${csr.cols}), got ${j}`, { argument: 'j' });
  }
  for (let p = csr.rowPtr[i]!; p < csr.rowPtr[i + 1]!; p++) if (csr.colIdx[p] === j) return csr.values[p]!;
  return 0;
}

function checkDims(fn: string, rows: number, cols: number): void {
  if (!Number.isSafeInteger(rows) || rows < 0 || !Number.isSafeInteger(cols) || cols < 0) {
    throw new ValueError(`${fn}: rows and cols must be integers ≥ 0, got ${rows}×${cols}`, { argument: 'shape' });
  }
}

function isTriplets(value: Triplets | Iterable<readonly [number, number, number]>): value is Triplets {
  return (value as Triplets).row !== undefined && (value as Triplets).col !== undefined;
}

function unzip(entries: Iterable<readonly [number, number, number]>): Triplets {
  const row: number[] = [];
  const col: number[] = [];
  const value: number[] = [];
  for (const [i, j, v] of entries) {
    row.push(i);
    col.push(j);
    value.push(v);
  }
  return { row, col, value };
}

/** A stable counting sort of entries 0..n-1 (or of `order`, when given) by key ∈ [0, buckets). */
function countingOrder(n: number, buckets: number, key: (p: number) => number, order: Uint32Array | undefined): Uint32Array {
  const start = new Uint32Array(buckets + 1);
  for (let p = 0; p < n; p++) start[key(p) + 1]!++;
  for (let b = 0; b < buckets; b++) start[b + 1]! += start[b]!;
  const out = new Uint32Array(n);
  for (let q = 0; q < n; q++) {
    const p = order === undefined ? q : order[q]!;
    out[start[key(p)]!++] = p;
  }
  return out;
}
