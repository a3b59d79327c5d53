import type { Operator } from '../types/matrix.ts';
import { isCsr } from '../types/matrix.ts';

/**
 * Y = S X for an operator S (rows×cols, dense or CSR) and a row-major float64 block X (cols×k);
 * Y is rows×k. A CSR row costs one k-long axpy per stored entry, so the product is O(nnz · k).
 */
export function operatorTimesBlock(s: Operator, x: Float64Array, k: number): Float64Array {
  if (x.length !== s.cols * k) throw new RangeError(`operatorTimesBlock: X must be ${s.cols}×${k}, got ${x.length} values`);
  const y = new Float64Array(s.rows * k);
  if (isCsr(s)) {
    const { rowPtr, colIdx, values } = s;
    for (let i = 0; i < s.rows; i++) {
      const yi = i * k;
      const end = rowPtr[i + 1];
      let p = rowPtr[i];
      // Four stored entries per pass over the output row: one load and store of y feeds four products.
      for (; p + 4 <= end; p += 4) {
        const v0 = values[p];
        const v1 = values[p + 1];
        const v2 = values[p + 2];
        const v3 = values[p + 3];
        const x0 = colIdx[p] * k;
        const x1 = colIdx[p + 1] * k;
        const x2 = colIdx[p + 2] * k;
        const x3 = colIdx[p + 3] * k;
        for (let t = 0; t < k; t++) y[yi + t] += v0 * x[x0 + t] + v1 * x[x1 + t] + v2 * x[x2 + t] + v3 * x[x3 + t];
      }
      for (; p < end; p++) {
        const v = values[p];
        const xj = colIdx[p] * k;
        for (let t = 0; t < k; t++) y[yi + t] += v * x[xj + t];
      }
    }
  } else {
    const { data, cols } = s;
    for (let i = 0; i < s.rows; i++) {
      const yi = i * k;
      for (let j = 0; j < cols; j++) {
        const v = data[i * cols + j];
        if (v === 0) continue;
        const xj = j * k;
        for (let t = 0; t < k; t++) y[yi + t] += v * x[xj + t];
      }
    }
  }
  return y;
}

/**
 * Y = Sᵀ X for an operator S (rows×cols, dense or CSR) and a row-major float64 block X (rows×k);
 * Y is cols×k. Scatters row i of S times row i of X, so no transpose of S is built.
 */
export function operatorTransposeTimesBlock(s: Operator, x: Float64Array, k: number): Float64Array {
  if (x.length !== s.rows * k) {
    throw new RangeError(`operatorTransposeTimesBlock: X must be ${s.rows}×${k}, got ${x.length} values`);
  }
  const y = new Float64Array(s.cols * k);
  if (isCsr(s)) {
    const { rowPtr, colIdx, values } = s;
    for (let i = 0; i < s.rows; i++) {
      const xi = i * k;
      for (let p = rowPtr[i]; p < rowPtr[i + 1]; p++) {
        const v = values[p];
        const yj = colIdx[p] * k;
        for (let t = 0; t < k; t++) y[yj + t] += v * x[xi + t];
      }
    }
  } else {
    const { data, cols } = s;
    for (let i = 0; i < s.rows; i++) {
      const xi = i * k;
      for (let j = 0; j < cols; j++) {
        const v = data[i * cols + j];
        if (v === 0) continue;
        const yj = j * k;
        for (let t = 0; t < k; t++) y[yj + t] += v * x[xi + t];
      }
    }
  }
  return y;
}
