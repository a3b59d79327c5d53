import type { CsrMatrix, Matrix } from '@dproj/core';
import type { Rng } from './rng.ts';

/** A rows×cols matrix with entries uniform in [−scale, scale). */
export function randomMatrix(rng: Rng, rows: number, cols: number, scale = 1): Matrix {
  const data = new Float32Array(rows * cols);
  for (let i = 0; i < data.length; i++) data[i] = rng.uniform(-scale, scale);
  return { rows, cols, data };
}

/** A V×V symmetric matrix with entries uniform in [−scale, scale). */
export function randomSymmetric(rng: Rng, size: number, scale = 1): Matrix {
  const data = new Float32Array(size * size);
  for (let a = 0; a < size; a++) {
    for (let b = a; b < size; b++) {
      const v = rng.uniform(-scale, scale);
      data[a * size + b] = v;
      data[b * size + a] = v;
    }
  }
  return { rows: size, cols: size, data };
}

/** A matrix of small non-negative integers (exact in float32, so top-k ties are exact too). */
export function randomIntegerMatrix(rng: Rng, rows: number, cols: number, max: number): Matrix {
  const data = new Float32Array(rows * cols);
  for (let i = 0; i < data.length; i++) data[i] = rng.int(0, max);
  return { rows, cols, data };
}

/** Sets a share of a matrix's entries to zero (so sparse operators have structure). */
export function sparsify(rng: Rng, m: Matrix, zeroShare: number): Matrix {
  const data = m.data.map((v) => (rng.chance(zeroShare) ? 0 : v));
  return { rows: m.rows, cols: m.cols, data };
}

/**
 * The non-zero entries of a dense matrix as CSR. With `shuffle`, columns within a row come in random
 * order: operators must accept unsorted columns (only their results are sorted).
 */
export function toCsr(m: Matrix, rng?: Rng): CsrMatrix {
  const rowPtr = new Uint32Array(m.rows + 1);
  const cols: number[] = [];
  const values: number[] = [];
  for (let a = 0; a < m.rows; a++) {
    let row: number[] = [];
    for (let b = 0; b < m.cols; b++) if (m.data[a * m.cols + b] !== 0) row.push(b);
    if (rng !== undefined) row = rng.shuffle(row);
    for (const b of row) {
      cols.push(b);
      values.push(m.data[a * m.cols + b]);
    }
    rowPtr[a + 1] = cols.length;
  }
  return { rows: m.rows, cols: m.cols, rowPtr, colIdx: Uint32Array.from(cols), values: Float32Array.from(values) };
}

/**
 * n token ids below V; when n ≥ 2, at least one id repeats half the time, because duplicate tokens
 * are where one-hot kernels most often go wrong.
 */
export function randomTokens(rng: Rng, n: number, vocabularySize: number): Uint32Array {
  const tokens = Uint32Array.from({ length: n }, () => rng.int(0, vocabularySize - 1));
  if (n >= 2 && rng.chance(0.5)) tokens[rng.int(0, n - 1)] = tokens[rng.int(0, n - 1)];
  return tokens;
}

/** A soft selector: n rows over V words, some rows a distribution, some signed, some one-hot. */
export function randomSoftSelector(rng: Rng, n: number, vocabularySize: number): Matrix {
  const q = new Float32Array(n * vocabularySize);
  for (let i = 0; i < n; i++) {
    const style = rng.int(0, 2);
    if (style === 0) q[i * vocabularySize + rng.int(0, vocabularySize - 1)] = 1;
    else if (style === 1) {
      let sum = 0;
      const row = Array.from({ length: vocabularySize }, () => rng.next());
      for (const v of row) sum += v;
      row.forEach((v, a) => {
        q[i * vocabularySize + a] = v / sum;
      });
    } else for (let a = 0; a < vocabularySize; a++) q[i * vocabularySize + a] = rng.uniform(-1, 1);
  }
  return { rows: n, cols: vocabularySize, data: q };
}

/** Copies of a dense matrix's rows listed in `rows`, as a new matrix (a permuted or restricted input). */
export function selectRows(m: Matrix, rows: readonly number[]): Matrix {
  const data = new Float32Array(rows.length * m.cols);
  for (const [r, i] of rows.entries()) data.set(m.data.subarray(i * m.cols, (i + 1) * m.cols), r * m.cols);
  return { rows: rows.length, cols: m.cols, data };
}

/** [A; B]: B's rows under A's. */
export function stackRows(a: Matrix, b: Matrix): Matrix {
  const data = new Float32Array((a.rows + b.rows) * a.cols);
  data.set(a.data);
  data.set(b.data, a.data.length);
  return { rows: a.rows + b.rows, cols: a.cols, data };
}
