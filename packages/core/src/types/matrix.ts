/**
 * A dense real matrix, row-major: entry (i, j) is `data[i * cols + j]`.
 * Host memory only; device resources never cross the API.
 */
export interface Matrix {
  readonly rows: number;
  readonly cols: number;
  readonly data: Float32Array;
}

/**
 * A sparse matrix in compressed sparse row form.
 * Row i holds the entries `rowPtr[i] .. rowPtr[i + 1] - 1` of `colIdx` and `values`.
 * Operators that produce a CSR matrix sort the columns of each row and store no explicit zeros;
 * operators that consume one accept unsorted columns but reject duplicates.
 */
export interface CsrMatrix {
  readonly rows: number;
  readonly cols: number;
  readonly rowPtr: Uint32Array;
  readonly colIdx: Uint32Array;
  readonly values: Float32Array;
}

/** A co-occurrence operator or any V×V (or V_x×V_y) association, dense or sparse. */
export type Operator = Matrix | CsrMatrix;

/** Creates a zero-filled dense matrix of the given shape. */
export function zeros(rows: number, cols: number): Matrix {
  return { rows, cols, data: new Float32Array(rows * cols) };
}

/** Wraps row-major values (numbers or a Float32Array) as a dense matrix, copying them. */
export function matrix(rows: number, cols: number, values: ArrayLike<number>): Matrix {
  if (values.length !== rows * cols) {
    throw new RangeError(`matrix(${rows}, ${cols}) needs ${rows * cols} values, got ${values.length}`);
  }
  return { rows, cols, data: Float32Array.from(values) };
}

/** Builds a dense matrix from nested rows, e.g. `fromRows([[0, 1], [1, 0]])`. */
export function fromRows(rows: readonly (readonly number[])[]): Matrix {
  const cols = rows.length === 0 ? 0 : rows[0]!.length;
  const data = new Float32Array(rows.length * cols);
  rows.forEach((row, i) => {
    if (row.length !== cols) throw new RangeError(`fromRows: row ${i} has ${row.length} values, expected ${cols}`);
    data.set(row, i * cols);
  });
  return { rows: rows.length, cols, data };
}

/** Reads a dense matrix back as nested number arrays (for printing and tests). */
export function toRows(m: Matrix): number[][] {
  const out: number[][] = [];
  for (let i = 0; i < m.rows; i++) out.push(Array.from(m.data.subarray(i * m.cols, (i + 1) * m.cols)));
  return out;
}

/** True when the value is a CSR matrix rather than a dense one. */
export function isCsr(op: Operator): op is CsrMatrix {
  return (op as CsrMatrix).rowPtr !== undefined;
}

/** The identity matrix I_n. */
export function identity(n: number): Matrix {
  const m = zeros(n, n);
  for (let i = 0; i < n; i++) m.data[i * n + i] = 1;
  return m;
}
