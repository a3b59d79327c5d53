import type { CsrMatrix } from '../types/matrix.ts';

/** How strictly `csrProblem` reads the columns of each row. */
export interface CsrCheckOptions {
  /**
   * `sorted`: columns strictly increasing within each row (what producers emit);
   * `unique`: any order, but no column twice in a row (what consumers accept).
   * Default `unique`.
   */
  readonly columns?: 'sorted' | 'unique';
}

/**
 * Finds the first structural fault of a CSR matrix, or returns undefined when it is well formed:
 * non-negative integer `rows`/`cols`; `rowPtr` of length rows + 1 with rowPtr[0] = 0, non-decreasing,
 * rowPtr[rows] = nnz; `colIdx` and `values` of length nnz; every colIdx < cols; columns per row as
 * `options.columns` says. Values are not read. Cost O(rows + nnz), plus O(cols) for `unique`.
 * The message reads "<what> must <expected>, got <value>" so callers can prefix their own context.
 */
export function csrProblem(csr: CsrMatrix, options: CsrCheckOptions = {}): string | undefined {
  const { rows, cols, rowPtr, colIdx, values } = csr;
  if (!Number.isSafeInteger(rows) || rows < 0) return `rows must be an integer ≥ 0, got ${rows}`;
  if (!Number.isSafeInteger(cols) || cols < 0) return `cols must be an integer ≥ 0, got ${cols}`;
  if (!(rowPtr instanceof Uint32Array) || !(colIdx instanceof Uint32Array) || !(values instanceof Float32Array)) {
    return 'rowPtr and colIdx must be Uint32Arrays and values a Float32Array';
  }
  if (rowPtr.length !== rows + 1) return `rowPtr must have rows + 1 = ${rows + 1} entries, got ${rowPtr.length}`;
  if (rowPtr[0] !== 0) return `rowPtr[0] must be 0, got ${rowPtr[0]}`;
  const nnz = rowPtr[rows]!;
  if (colIdx.length !== nnz) return `colIdx must have rowPtr[rows] = ${nnz} entries, got ${colIdx.length}`;
  if (values.length !== nnz) return `values must have rowPtr[rows] = ${nnz} entries, got ${values.length}`;
  for (let i = 0; i < rows; i++) {
    if (rowPtr[i + 1]! < rowPtr[i]!) {
      return `rowPtr must be non-decreasing, got rowPtr[${i}] = ${rowPtr[i]} > rowPtr[${i + 1}] = ${rowPtr[i + 1]}`;
    }
  }
  const sorted = options.columns === 'sorted';
  // Row stamps make the duplicate check O(nnz + cols) without clearing a bitmap per row.
  const seen = sorted ? undefined : new Uint32Array(cols);
  for (let i = 0; i < rows; i++) {
    const start = rowPtr[i]!;
    const end = rowPtr[i + 1]!;
    let previous = -1;
    for (let p = start; p < end; p++) {
      const j = colIdx[p]!;
      if (j >= cols) return `colIdx must be < cols = ${cols}, got colIdx[${p}] = ${j} in row ${i}`;
      if (seen === undefined) {
        if (j <= previous) return `columns of row ${i} must be strictly increasing, got ${previous} then ${j}`;
        previous = j;
      } else {
        if (seen[j] === i + 1) return `row ${i} must hold column ${j} at most once, got it twice`;
        seen[j] = i + 1;
      }
    }
  }
  return undefined;
}
