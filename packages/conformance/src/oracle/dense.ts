import type { Matrix } from '@dproj/core';

/** A dense float64 matrix as rows of numbers: entry (i, j) is `a[i][j]`. The oracle's working form. */
export type Dense = number[][];

/** The rows×cols zero matrix. */
export function zerosDense(rows: number, cols: number): Dense {
  return Array.from({ length: rows }, () => new Array<number>(cols).fill(0));
}

/** Reads a dense API matrix as float64 rows. */
export function denseFromMatrix(m: Matrix): Dense {
  const out = zerosDense(m.rows, m.cols);
  for (let i = 0; i < m.rows; i++) for (let j = 0; j < m.cols; j++) out[i][j] = m.data[i * m.cols + j];
  return out;
}

/** Writes float64 rows as an API matrix (rounding to float32); `cols` is needed when there are no rows. */
export function denseToMatrix(a: Dense, cols: number = a[0]?.length ?? 0): Matrix {
  const data = new Float32Array(a.length * cols);
  a.forEach((row, i) => {
    for (let j = 0; j < cols; j++) data[i * cols + j] = row[j];
  });
  return { rows: a.length, cols, data };
}

/** C = A B for A n×k and B k×m; `cols` (m) is needed when k = 0. */
export function matmul(a: Dense, b: Dense, cols: number = b[0]?.length ?? 0): Dense {
  const out = zerosDense(a.length, cols);
  for (let i = 0; i < a.length; i++) {
    for (let t = 0; t < b.length; t++) {
      const x = a[i][t];
      if (x === 0) continue;
      for (let j = 0; j < cols; j++) out[i][j] += x * b[t][j];
    }
  }
  return out;
}

/** Aᵀ; `cols` of A is needed when A has no rows. */
export function transpose(a: Dense, cols: number = a[0]?.length ?? 0): Dense {
  const out = zerosDense(cols, a.length);
  for (let i = 0; i < a.length; i++) for (let j = 0; j < cols; j++) out[j][i] = a[i][j];
  return out;
}

/** α A + β B, entrywise. */
export function combine(alpha: number, a: Dense, beta: number, b: Dense): Dense {
  return a.map((row, i) => row.map((x, j) => alpha * x + beta * b[i][j]));
}

/** A ∘ B, the Hadamard (entrywise) product. */
export function hadamard(a: Dense, b: Dense): Dense {
  return a.map((row, i) => row.map((x, j) => x * b[i][j]));
}

/** The rows of A at the given indices, in that order. */
export function pickRows(a: Dense, rows: readonly number[]): Dense {
  return rows.map((i) => a[i].slice());
}

/** The sub-matrix A[rows, cols]. */
export function block(a: Dense, rows: readonly number[], cols: readonly number[]): Dense {
  return rows.map((i) => cols.map((j) => a[i][j]));
}

/** 0, 1, …, n−1: every row index. */
export function allRows(n: number): number[] {
  return Array.from({ length: n }, (_, i) => i);
}
