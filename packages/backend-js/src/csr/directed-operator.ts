import { isCsr } from '@dproj/core';
import type { CsrMatrix, Matrix, Operator, ProjectionInput } from '@dproj/core';
import { axpy, transpose } from '../kernels/matmul.ts';
import { transposeSparse } from './sparse-rows.ts';

/** How a projection reads its operator: S as given, Sᵀ, or S + Sᵀ (SPEC B.9). */
export type Direction = NonNullable<ProjectionInput['direction']>;

/**
 * Row access to S_dir = S, Sᵀ or S + Sᵀ without ever forming a dense V×V matrix from a sparse S.
 * Rows are added into a float64 accumulator; a row of a sum comes as its parts one after the other, so
 * a column may be hit twice and the accumulator does the adding.
 */
export interface DirectedOperator {
  /** Rows of S_dir. */
  readonly rows: number;
  /** Columns of S_dir. */
  readonly cols: number;
  /** acc += α · S_dir[a, :] (acc has `cols` entries). */
  addRow(a: number, alpha: number, acc: Float64Array): void;
  /** Sets to 0 every entry of acc that `addRow(a, …)` can touch. */
  clearRow(a: number, acc: Float64Array): void;
}

class SparseDirected implements DirectedOperator {
  constructor(
    readonly rows: number,
    readonly cols: number,
    private readonly parts: readonly CsrMatrix[],
  ) {}

  addRow(a: number, alpha: number, acc: Float64Array): void {
    for (const part of this.parts) {
      const { rowPtr, colIdx, values } = part;
      for (let p = rowPtr[a]; p < rowPtr[a + 1]; p++) acc[colIdx[p]] += alpha * values[p];
    }
  }

  clearRow(a: number, acc: Float64Array): void {
    for (const part of this.parts) {
      const { rowPtr, colIdx } = part;
      for (let p = rowPtr[a]; p < rowPtr[a + 1]; p++) acc[colIdx[p]] = 0;
    }
  }
}

class DenseDirected implements DirectedOperator {
  constructor(
    readonly rows: number,
    readonly cols: number,
    private readonly parts: readonly Matrix[],
  ) {}

  addRow(a: number, alpha: number, acc: Float64Array): void {
    for (const part of this.parts) axpy(alpha, part.data, a * this.cols, acc, 0, this.cols);
  }

  clearRow(_a: number, acc: Float64Array): void {
    acc.fill(0, 0, this.cols);
  }
}

/**
 * S_dir for `direction`. `wanted` (length = rows of S_dir, or null for all) marks the rows the caller
 * will ask for: a sparse Sᵀ is built only for those rows, in one O(nnz) pass. A dense S is already
 * V×V in memory, so its transpose is materialised once to keep row reads contiguous.
 */
export function directedOperator(s: Operator, direction: Direction, wanted: Uint8Array | null): DirectedOperator {
  if (isCsr(s)) {
    if (direction === 'forward') return new SparseDirected(s.rows, s.cols, [s]);
    const t = transposeSparse(s, wanted, (n) => new Float32Array(n));
    if (direction === 'backward') return new SparseDirected(s.cols, s.rows, [t]);
    return new SparseDirected(s.rows, s.cols, [s, t]);
  }
  if (direction === 'forward') return new DenseDirected(s.rows, s.cols, [s]);
  const t = transpose(s);
  if (direction === 'backward') return new DenseDirected(s.cols, s.rows, [t]);
  return new DenseDirected(s.rows, s.cols, [s, t]);
}
