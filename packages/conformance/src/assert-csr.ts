import type { CsrMatrix } from '@dproj/core';
import type { SparseOperator } from './oracle/sparse.ts';
import type { Tolerance } from './tolerance.ts';

/**
 * Asserts the form the contract promises for a CSR result: rowPtr has rows + 1 non-decreasing entries
 * from 0 to nnz, colIdx and values have nnz entries, columns are strictly increasing within a row and
 * below `cols`, and no zero is stored.
 */
export function expectCanonicalCsr(m: CsrMatrix | undefined, rows: number, cols: number, what: string): CsrMatrix {
  if (m === undefined) throw new Error(`${what}: missing (expected a ${rows}×${cols} CSR matrix)`);
  if (m.rows !== rows || m.cols !== cols) throw new Error(`${what}: expected ${rows}×${cols}, got ${m.rows}×${m.cols}`);
  if (m.rowPtr.length !== rows + 1) throw new Error(`${what}: rowPtr has ${m.rowPtr.length} entries, expected ${rows + 1}`);
  const nnz = m.rowPtr[rows];
  if (m.rowPtr[0] !== 0 || m.colIdx.length !== nnz || m.values.length !== nnz) {
    throw new Error(
      `${what}: rowPtr runs ${m.rowPtr[0]}..${nnz} but colIdx has ${m.colIdx.length} and values ${m.values.length} entries`,
    );
  }
  for (let a = 0; a < rows; a++) {
    if (m.rowPtr[a + 1] < m.rowPtr[a]) throw new Error(`${what}: rowPtr decreases at row ${a}`);
    for (let p = m.rowPtr[a]; p < m.rowPtr[a + 1]; p++) {
      if (m.colIdx[p] >= cols) throw new Error(`${what}: row ${a} has column ${m.colIdx[p]} ≥ ${cols}`);
      if (p > m.rowPtr[a] && m.colIdx[p] <= m.colIdx[p - 1]) {
        throw new Error(`${what}: row ${a} columns are not strictly increasing (${m.colIdx[p - 1]}, ${m.colIdx[p]})`);
      }
      if (m.values[p] === 0) throw new Error(`${what}: explicit zero stored at (${a}, ${m.colIdx[p]})`);
    }
  }
  return m;
}

/**
 * Asserts a CSR result equals the oracle's sparse operator entrywise within tolerance, where the scale
 * is the largest expected magnitude (as `expectClose`), after checking its canonical form.
 */
export function expectCsrClose(actual: CsrMatrix | undefined, expected: SparseOperator, tol: Tolerance, what: string): void {
  const m = expectCanonicalCsr(actual, expected.rows, expected.cols, what);
  let scale = 1;
  for (let a = 0; a < expected.rows; a++) for (const v of expected.row(a).values()) scale = Math.max(scale, Math.abs(v));
  const bound = tol.atol + tol.rtol * scale;
  for (let a = 0; a < expected.rows; a++) {
    const want = expected.row(a);
    const seen = new Set<number>();
    for (let p = m.rowPtr[a]; p < m.rowPtr[a + 1]; p++) {
      const b = m.colIdx[p];
      seen.add(b);
      const y = want.get(b) ?? 0;
      if (!(Math.abs(m.values[p] - y) <= bound)) {
        throw new Error(`${what}: entry (${a}, ${b}) is ${m.values[p]}, expected ${y} (±${bound.toExponential(2)})`);
      }
    }
    for (const [b, y] of want) {
      if (!seen.has(b) && Math.abs(y) > bound) throw new Error(`${what}: entry (${a}, ${b}) is missing, expected ${y}`);
    }
  }
}
