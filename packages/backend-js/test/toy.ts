import { fromRows, identity } from '@dproj/core';
import type { Backend, Corpus, CsrMatrix, Matrix, Vocabulary } from '@dproj/core';
import { jsBackend } from '../src/index.ts';

/** SPEC C.0: the toy vocabulary river, bank, water, loan, money (ids 0..4). */
export const WORDS = ['river', 'bank', 'water', 'loan', 'money'] as const;
export const [RIVER, BANK, WATER, LOAN, MONEY] = [0, 1, 2, 3, 4];

/** A vocabulary with the given words, ids in order. */
export function vocabulary(words: readonly string[]): Vocabulary {
  return { size: words.length, words, idOf: (word) => { const i = words.indexOf(word); return i < 0 ? undefined : i; } };
}

/** A corpus over `size` word ids (names are irrelevant to the backend). */
export function corpusOf(size: number, docs: readonly (readonly number[])[]): Corpus {
  const words = Array.from({ length: size }, (_, i) => `w${i}`);
  return { vocab: vocabulary(words), docs: docs.map((d) => Uint32Array.from(d)) };
}

/** SPEC C.0 corpus: "river bank water" / "bank loan money" / "river water". */
export const TOY_CORPUS: Corpus = {
  vocab: vocabulary(WORDS),
  docs: [
    Uint32Array.of(RIVER, BANK, WATER),
    Uint32Array.of(BANK, LOAN, MONEY),
    Uint32Array.of(RIVER, WATER),
  ],
};

/** SPEC C.0 forward matrix F = C⁽¹⁾ + ½ C⁽²⁾. */
export const F_ROWS = [
  [0, 1, 1.5, 0, 0],
  [0, 0, 1, 1, 0.5],
  [0, 0, 0, 0, 0],
  [0, 0, 0, 0, 1],
  [0, 0, 0, 0, 0],
];

/** SPEC C.0 symmetric operator S = F + Fᵀ. */
export const S_ROWS = [
  [0, 1, 1.5, 0, 0],
  [1, 0, 1, 1, 0.5],
  [1.5, 1, 0, 0, 0],
  [0, 1, 0, 0, 1],
  [0, 0.5, 0, 1, 0],
];

export const S: Matrix = fromRows(S_ROWS);
export const F: Matrix = fromRows(F_ROWS);

/** A CSR copy of a dense matrix (sorted columns, no zeros). */
export function toCsr(m: Matrix): CsrMatrix {
  const rowPtr = new Uint32Array(m.rows + 1);
  const cols: number[] = [];
  const values: number[] = [];
  for (let i = 0; i < m.rows; i++) {
    for (let j = 0; j < m.cols; j++) {
      const v = m.data[i * m.cols + j];
      if (v !== 0) {
        cols.push(j);
        values.push(v);
      }
    }
    rowPtr[i + 1] = cols.length;
  }
  return { rows: m.rows, cols: m.cols, rowPtr, colIdx: Uint32Array.from(cols), values: Float32Array.from(values) };
}

/** A CSR matrix read back as dense rows. */
export function csrToRows(c: CsrMatrix): number[][] {
  const out = Array.from({ length: c.rows }, () => new Array<number>(c.cols).fill(0));
  for (let i = 0; i < c.rows; i++) {
    for (let p = c.rowPtr[i]; p < c.rowPtr[i + 1]; p++) out[i][c.colIdx[p]] = c.values[p];
  }
  return out;
}

/** One-hot rows Q (n×V) for tokens: H = Q W with W = I_V. */
export function oneHot(tokens: readonly number[], size: number): Matrix {
  const m = identity(size);
  return fromRows(tokens.map((t) => Array.from(m.data.subarray(t * size, (t + 1) * size))));
}

/** Expects every entry of `actual` to be within `tol` of `expected` (nested rows). */
export function closeRows(actual: Matrix, expected: readonly (readonly number[])[], tol: number): boolean {
  if (actual.rows !== expected.length) return false;
  return expected.every(
    (row, i) => row.length === actual.cols && row.every((v, j) => Math.abs(actual.data[i * actual.cols + j] - v) <= tol),
  );
}

/** A fresh backend from the package's factory. */
export async function createBackend(): Promise<Backend> {
  return jsBackend().create();
}

/** A seeded uniform generator in [-1, 1) (mulberry32), so random tests are repeatable. */
export function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 2147483648 - 1;
  };
}

/** A rows×cols matrix of seeded random entries in [-1, 1). */
export function randomMatrix(rows: number, cols: number, next: () => number): Matrix {
  return { rows, cols, data: Float32Array.from({ length: rows * cols }, next) };
}
