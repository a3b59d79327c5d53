import { type CsrMatrix, type Matrix, csrGet } from '@dproj/core';

/**
 * α A + β B for two CSR matrices of one shape, with every row's columns sorted (as the engine and
 * `transform` return them); entries that cancel to 0 are dropped.
 */
export function csrCombine(a: CsrMatrix, b: CsrMatrix, alpha: number, beta: number): CsrMatrix {
  if (a.rows !== b.rows || a.cols !== b.cols) throw new RangeError(`cannot add ${a.rows}×${a.cols} and ${b.rows}×${b.cols}`);
  const rowPtr = new Uint32Array(a.rows + 1);
  const cols: number[] = [];
  const vals: number[] = [];
  for (let i = 0; i < a.rows; i++) {
    let p = a.rowPtr[i]!;
    let q = b.rowPtr[i]!;
    const pe = a.rowPtr[i + 1]!;
    const qe = b.rowPtr[i + 1]!;
    while (p < pe || q < qe) {
      const ca = p < pe ? a.colIdx[p]! : Number.POSITIVE_INFINITY;
      const cb = q < qe ? b.colIdx[q]! : Number.POSITIVE_INFINITY;
      const col = Math.min(ca, cb);
      let v = 0;
      if (ca === col) v += alpha * a.values[p++]!;
      if (cb === col) v += beta * b.values[q++]!;
      if (v !== 0) {
        cols.push(col);
        vals.push(v);
      }
    }
    rowPtr[i + 1] = cols.length;
  }
  return { rows: a.rows, cols: a.cols, rowPtr, colIdx: Uint32Array.from(cols), values: Float32Array.from(vals) };
}

/** The CSR matrix that keeps only the entries (a, b) with both a and b in `words`; all others become 0. */
export function csrRestrict(s: CsrMatrix, words: ReadonlySet<number>): CsrMatrix {
  const rowPtr = new Uint32Array(s.rows + 1);
  const cols: number[] = [];
  const vals: number[] = [];
  for (let i = 0; i < s.rows; i++) {
    if (words.has(i)) {
      for (let p = s.rowPtr[i]!; p < s.rowPtr[i + 1]!; p++) {
        if (words.has(s.colIdx[p]!)) {
          cols.push(s.colIdx[p]!);
          vals.push(s.values[p]!);
        }
      }
    }
    rowPtr[i + 1] = cols.length;
  }
  return { rows: s.rows, cols: s.cols, rowPtr, colIdx: Uint32Array.from(cols), values: Float32Array.from(vals) };
}

/** Q S Qᵀ computed entry by entry, (Q S Qᵀ)_ij = S[x_i, x_j]: the reference a projection is checked against. */
export function selectedEntries(s: CsrMatrix, tokens: ArrayLike<number>): Float64Array {
  const n = tokens.length;
  const out = new Float64Array(n * n);
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) out[i * n + j] = csrGet(s, tokens[i]!, tokens[j]!);
  return out;
}

/** ‖A‖_F² of a CSR matrix, in float64. */
export function frobeniusSquared(s: CsrMatrix): number {
  let sum = 0;
  for (const v of s.values) sum += v * v;
  return sum;
}

/** Row i of a dense n×n matrix as a plain array. */
export function denseRow(m: Matrix, i: number): number[] {
  return Array.from(m.data.subarray(i * m.cols, (i + 1) * m.cols));
}

/** The reversed sequence rev(x) = (x_{n−1}, …, x_0). */
export function reversed(tokens: Uint32Array): Uint32Array {
  return tokens.slice().reverse();
}
