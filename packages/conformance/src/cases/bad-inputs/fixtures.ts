import type { AttentionInput, CsrMatrix, Matrix, MultiHeadInput, ProjectionInput } from '@dproj/core';
import { syntheticCorpus } from '../support/corpus.ts';
import { toCsr } from '../support/inputs.ts';

// Valid inputs, each small and deterministic; a bad-input case breaks exactly one thing in a copy.

/** A rows×cols matrix of assorted values in [−1, 1]. */
export function filled(rows: number, cols: number): Matrix {
  return { rows, cols, data: Float32Array.from({ length: rows * cols }, (_, k) => ((k * 7) % 11) / 5 - 1) };
}

/** A copy of `m` with entry k set to `value`. */
export function withEntry(m: Matrix, k: number, value: number): Matrix {
  const data = m.data.slice();
  data[k] = value;
  return { rows: m.rows, cols: m.cols, data };
}

/** n = 3, d = 4, d_k = 2, d_v = 3. */
export const attentionBase: AttentionInput = { h: filled(3, 4), wq: filled(4, 2), wk: filled(4, 2), wv: filled(4, 3) };

/** n = 3 queries of width 4 over m = 5 context rows of width 6. */
export const crossBase: AttentionInput = {
  h: filled(3, 4),
  context: filled(5, 6),
  wq: filled(4, 2),
  wk: filled(6, 2),
  wv: filled(6, 3),
};

/** Two heads, d_v = 3 + 2 = 5, d_out = 4. */
export const multiHeadBase: MultiHeadInput = {
  h: filled(3, 4),
  heads: [
    { wq: filled(4, 2), wk: filled(4, 2), wv: filled(4, 3) },
    { wq: filled(4, 1), wk: filled(4, 1), wv: filled(4, 2) },
  ],
  wo: filled(5, 4),
};

/** V = 5, S with a zero pattern so its CSR form has structure. */
export const operator: Matrix = {
  rows: 5,
  cols: 5,
  data: Float32Array.from({ length: 25 }, (_, k) => (k % 3 === 0 ? 0 : ((k * 5) % 7) - 3)),
};

export const csrOperator: CsrMatrix = toCsr(operator);

export const projectionBase: ProjectionInput = { tokens: Uint32Array.from([0, 1, 1, 3]), s: operator };

/** S_xy for V_x = 5, V_y = 3. */
export const crossOperator: Matrix = filled(5, 3);

/** Offset counts C⁽¹⁾, C⁽²⁾ over V = 5 (valid CSR). */
export const offsets: CsrMatrix[] = [toCsr(filled(5, 5)), toCsr(operator)];

export const corpus = syntheticCorpus(
  [
    [0, 1, 2],
    [1, 3, 4],
  ],
  5,
);

/** A CSR copy with some arrays replaced. */
export function csrWith(base: CsrMatrix, change: Partial<CsrMatrix>): CsrMatrix {
  return {
    rows: base.rows,
    cols: base.cols,
    rowPtr: base.rowPtr.slice(),
    colIdx: base.colIdx.slice(),
    values: base.values.slice(),
    ...change,
  };
}
