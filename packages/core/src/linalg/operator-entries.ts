import { csrTranspose } from '../csr/csr.ts';
import type { Operator } from '../types/matrix.ts';
import { isCsr } from '../types/matrix.ts';

/** ‖S‖_F² = Σ_ij S_ij², accumulated in float64 over the stored entries of a dense or CSR operator. */
export function frobeniusNormSquared(s: Operator): number {
  const values = isCsr(s) ? s.values : s.data;
  let sum = 0;
  for (let i = 0; i < values.length; i++) sum += values[i] * values[i];
  return sum;
}

/** The operator as a row-major float64 rows×cols block (CSR entries scattered, duplicates summed). */
export function operatorToDense(s: Operator): Float64Array {
  const out = new Float64Array(s.rows * s.cols);
  if (isCsr(s)) {
    for (let i = 0; i < s.rows; i++) {
      for (let p = s.rowPtr[i]; p < s.rowPtr[i + 1]; p++) out[i * s.cols + s.colIdx[p]] += s.values[p];
    }
  } else {
    out.set(s.data);
  }
  return out;
}

/** The largest asymmetric pair of a square operator and ‖S − Sᵀ‖_F. */
export interface SymmetryDefect {
  /** ‖S − Sᵀ‖_F. */
  readonly frobenius: number;
  /** Row and column of the entry with the largest |S_ij − S_ji| (i < j), or −1 when S is symmetric. */
  readonly row: number;
  readonly col: number;
  /** S_ij and S_ji at that pair. */
  readonly value: number;
  readonly mirror: number;
}

/**
 * ‖S − Sᵀ‖_F of a square operator, and its worst pair. For CSR each row of S is compared with the same
 * row of Sᵀ (`csrTranspose`) through a dense scratch row: O(nnz + V). CSR rows must hold no duplicate
 * columns.
 */
export function symmetryDefect(s: Operator): SymmetryDefect {
  const n = s.rows;
  let sum = 0;
  let worst = 0;
  let row = -1;
  let col = -1;
  let value = 0;
  let mirror = 0;
  const record = (i: number, j: number, sij: number, sji: number): void => {
    const diff = sij - sji;
    if (Math.abs(diff) > worst) {
      worst = Math.abs(diff);
      [row, col, value, mirror] = i < j ? [i, j, sij, sji] : [j, i, sji, sij];
    }
  };
  if (!isCsr(s)) {
    const { data } = s;
    for (let i = 0; i < n; i++) {
      for (let j = i + 1; j < n; j++) {
        const sij = data[i * n + j];
        const sji = data[j * n + i];
        if (sij !== sji) {
          sum += 2 * (sij - sji) * (sij - sji);
          record(i, j, sij, sji);
        }
      }
    }
    return { frobenius: Math.sqrt(sum), row, col, value, mirror };
  }

  const { rowPtr, colIdx, values } = s;
  const { rowPtr: tPtr, colIdx: tRow, values: tVal } = csrTranspose(s);
  // scratch[j] holds S_ij for the current row i, valid where stamp[j] === i.
  const scratch = new Float64Array(n);
  const stamp = new Int32Array(n).fill(-1);
  const seen = new Int32Array(n).fill(-1);
  for (let i = 0; i < n; i++) {
    for (let p = rowPtr[i]; p < rowPtr[i + 1]; p++) {
      scratch[colIdx[p]] = values[p];
      stamp[colIdx[p]] = i;
    }
    for (let q = tPtr[i]; q < tPtr[i + 1]; q++) {
      const j = tRow[q]; // (Sᵀ)_ij = S_ji
      seen[j] = i;
      const sij = stamp[j] === i ? scratch[j] : 0;
      if (sij !== tVal[q]) {
        sum += (sij - tVal[q]) * (sij - tVal[q]);
        record(i, j, sij, tVal[q]);
      }
    }
    for (let p = rowPtr[i]; p < rowPtr[i + 1]; p++) {
      const j = colIdx[p];
      if (seen[j] !== i && values[p] !== 0) {
        sum += values[p] * values[p];
        record(i, j, values[p], 0);
      }
    }
  }
  return { frobenius: Math.sqrt(sum), row, col, value, mirror };
}
