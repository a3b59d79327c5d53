import type { CsrMatrix, Operator } from '@dproj/core';
import { isCsr } from '@dproj/core';
import type { Dense } from './dense.ts';
import { zerosDense } from './dense.ts';

/** A sparse vector over words: index ↦ value, non-zero entries only. */
export type SparseVector = ReadonlyMap<number, number>;

/**
 * A V×V (or V_x×V_y) association as the oracle reads it: row a is the sparse vector b ↦ S_ab.
 * Rows are built on demand, so a 50 000-word CSR operator costs only the rows a sequence touches.
 */
export interface SparseOperator {
  readonly rows: number;
  readonly cols: number;
  row(a: number): SparseVector;
}

/** S_ab, zero where not stored. */
export function entry(s: SparseOperator, a: number, b: number): number {
  return s.row(a).get(b) ?? 0;
}

/** An operator from explicit rows of non-zero entries. */
export function operatorFromRows(rows: number, cols: number, maps: readonly SparseVector[]): SparseOperator {
  return { rows, cols, row: (a) => maps[a] };
}

/** Reads an API operator (dense or CSR, float32) as float64 sparse rows, lazily. */
export function operatorFromInput(s: Operator): SparseOperator {
  const cache = new Map<number, SparseVector>();
  const build = isCsr(s) ? (a: number) => csrRow(s, a) : (a: number) => denseRow(s.data, s.cols, a);
  return {
    rows: s.rows,
    cols: s.cols,
    row(a) {
      let r = cache.get(a);
      if (r === undefined) {
        r = build(a);
        cache.set(a, r);
      }
      return r;
    },
  };
}

function csrRow(s: CsrMatrix, a: number): SparseVector {
  const out = new Map<number, number>();
  for (let p = s.rowPtr[a]; p < s.rowPtr[a + 1]; p++) {
    if (s.values[p] !== 0) out.set(s.colIdx[p], (out.get(s.colIdx[p]) ?? 0) + s.values[p]);
  }
  return out;
}

function denseRow(data: Float32Array, cols: number, a: number): SparseVector {
  const out = new Map<number, number>();
  for (let b = 0; b < cols; b++) if (data[a * cols + b] !== 0) out.set(b, data[a * cols + b]);
  return out;
}

/** Sᵀ (reads every row of S once). */
export function transposeOperator(s: SparseOperator): SparseOperator {
  const maps = Array.from({ length: s.cols }, () => new Map<number, number>());
  for (let a = 0; a < s.rows; a++) for (const [b, v] of s.row(a)) maps[b].set(a, v);
  return operatorFromRows(s.cols, s.rows, maps);
}

/** S₁ + S₂ for operators of one shape. */
export function addOperators(s1: SparseOperator, s2: SparseOperator): SparseOperator {
  const maps: Map<number, number>[] = [];
  for (let a = 0; a < s1.rows; a++) {
    const m = new Map(s1.row(a));
    for (const [b, v] of s2.row(a)) m.set(b, (m.get(b) ?? 0) + v);
    for (const [b, v] of m) if (v === 0) m.delete(b);
    maps.push(m);
  }
  return operatorFromRows(s1.rows, s1.cols, maps);
}

/** The operator as dense rows (small operators only). */
export function operatorToDense(s: SparseOperator): Dense {
  const out = zerosDense(s.rows, s.cols);
  for (let a = 0; a < s.rows; a++) for (const [b, v] of s.row(a)) out[a][b] = v;
  return out;
}

/** uᵀ S: the sparse row vector Σ_a u_a S_{a,:}. */
export function vectorTimesOperator(u: SparseVector, s: SparseOperator): Map<number, number> {
  const out = new Map<number, number>();
  for (const [a, ua] of u) for (const [b, v] of s.row(a)) out.set(b, (out.get(b) ?? 0) + ua * v);
  return out;
}

/** u · v for sparse vectors. */
export function dot(u: SparseVector, v: SparseVector): number {
  const [small, large] = u.size <= v.size ? [u, v] : [v, u];
  let sum = 0;
  for (const [k, x] of small) sum += x * (large.get(k) ?? 0);
  return sum;
}

/** The operator as a canonical CSR matrix: sorted columns, no stored zeros (values rounded to float32). */
export function operatorToCsr(s: SparseOperator): CsrMatrix {
  const rowPtr = new Uint32Array(s.rows + 1);
  const cols: number[] = [];
  const values: number[] = [];
  for (let a = 0; a < s.rows; a++) {
    const entries = [...s.row(a)].filter(([, v]) => v !== 0).sort(([x], [y]) => x - y);
    for (const [b, v] of entries) {
      cols.push(b);
      values.push(v);
    }
    rowPtr[a + 1] = cols.length;
  }
  return { rows: s.rows, cols: s.cols, rowPtr, colIdx: Uint32Array.from(cols), values: Float32Array.from(values) };
}
