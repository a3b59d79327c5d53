import { describe, expect, it } from 'vitest';
import { csrProblem } from '../src/csr/check-csr.ts';
import { csrFromTriplets, csrGet, csrToDense, csrTranspose, DENSE_ELEMENT_LIMIT, denseToCsr } from '../src/csr/csr.ts';
import { ResourceLimitError, ValueError } from '../src/errors/errors.ts';
import { type CsrMatrix, fromRows, toRows } from '../src/types/matrix.ts';

const S_ROWS = [
  [0, 1, 1.5, 0, 0],
  [1, 0, 1, 1, 0.5],
  [1.5, 1, 0, 0, 0],
  [0, 1, 0, 0, 1],
  [0, 0.5, 0, 1, 0],
];
// SPEC C.0's forward matrix F.
const F_ROWS = [
  [0, 1, 1.5, 0, 0],
  [0, 0, 1, 1, 0.5],
  [0, 0, 0, 0, 0],
  [0, 0, 0, 0, 1],
  [0, 0, 0, 0, 0],
];

const parts = (m: CsrMatrix) => ({
  rowPtr: Array.from(m.rowPtr),
  colIdx: Array.from(m.colIdx),
  values: Array.from(m.values),
});

describe('csrFromTriplets', () => {
  it('sums duplicates, sorts columns and drops zeros', () => {
    const m = csrFromTriplets(3, 4, [
      [2, 3, 1],
      [0, 2, 1],
      [0, 1, 5],
      [0, 2, 0.5],
      [1, 0, 2],
      [1, 0, -2],
      [2, 0, 0],
      [2, 1, 4],
    ]);
    expect(m.rows).toBe(3);
    expect(m.cols).toBe(4);
    expect(parts(m)).toEqual({ rowPtr: [0, 2, 2, 4], colIdx: [1, 2, 1, 3], values: [5, 1.5, 4, 1] });
    expect(csrProblem(m, { columns: 'sorted' })).toBeUndefined();
  });

  it('accepts struct-of-arrays triplets and builds the toy F from its offset counts', () => {
    // F = C(1) + ½ C(2) (SPEC C.0), entries listed as they are met in the corpus.
    const row = [0, 1, 0, 1, 3, 0, 1];
    const col = [1, 2, 2, 3, 4, 2, 4];
    const value = [1, 1, 0.5, 1, 1, 1, 0.5];
    const f = csrFromTriplets(5, 5, { row, col, value });
    expect(toRows(csrToDense(f))).toEqual(F_ROWS);
    expect(f.values.length).toBe(6);
  });

  it('sums duplicates in float64 before rounding to float32', () => {
    const m = csrFromTriplets(1, 1, [
      [0, 0, 1e8],
      [0, 0, 1],
      [0, 0, -1e8],
    ]);
    expect(Array.from(m.values)).toEqual([1]);
  });

  it('handles empty inputs and shapes', () => {
    expect(parts(csrFromTriplets(2, 3, []))).toEqual({ rowPtr: [0, 0, 0], colIdx: [], values: [] });
    expect(parts(csrFromTriplets(0, 0, []))).toEqual({ rowPtr: [0], colIdx: [], values: [] });
  });

  it('rejects indices out of range, non-integers and non-finite values', () => {
    expect(() => csrFromTriplets(2, 2, [[2, 0, 1]])).toThrow(ValueError);
    expect(() => csrFromTriplets(2, 2, [[0, -1, 1]])).toThrow(ValueError);
    expect(() => csrFromTriplets(2, 2, [[0.5, 0, 1]])).toThrow(ValueError);
    expect(() => csrFromTriplets(2, 2, [[0, 0, Number.NaN]])).toThrow(/finite/);
    expect(() => csrFromTriplets(2, 2, { row: [0], col: [0, 1], value: [1] })).toThrow(/same length/);
    expect(() => csrFromTriplets(-1, 2, [])).toThrow(ValueError);
  });
});

describe('denseToCsr and csrToDense', () => {
  it('round-trip the toy S with 12 stored entries', () => {
    const csr = denseToCsr(fromRows(S_ROWS));
    expect(csr.values.length).toBe(12);
    expect(Array.from(csr.rowPtr)).toEqual([0, 2, 6, 8, 10, 12]);
    expect(Array.from(csr.colIdx.subarray(2, 6))).toEqual([0, 2, 3, 4]);
    expect(toRows(csrToDense(csr))).toEqual(S_ROWS);
  });

  it('denseToCsr drops -0 and keeps NaN', () => {
    const csr = denseToCsr({ rows: 1, cols: 3, data: Float32Array.of(-0, Number.NaN, 2) });
    expect(Array.from(csr.colIdx)).toEqual([1, 2]);
  });

  it('denseToCsr rejects data of the wrong length', () => {
    expect(() => denseToCsr({ rows: 2, cols: 2, data: new Float32Array(3) })).toThrow(ValueError);
  });

  it('csrToDense refuses more than the limit with ResourceLimitError', () => {
    const V = 2 ** 14 + 1;
    const huge: CsrMatrix = {
      rows: V,
      cols: V,
      rowPtr: new Uint32Array(V + 1),
      colIdx: new Uint32Array(0),
      values: new Float32Array(0),
    };
    try {
      csrToDense(huge);
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(ResourceLimitError);
      expect((e as ResourceLimitError).limit).toBe(DENSE_ELEMENT_LIMIT);
      expect((e as ResourceLimitError).requested).toBe(V * V);
    }
    expect(() => csrToDense(denseToCsr(fromRows(S_ROWS)), 24)).toThrow(ResourceLimitError);
  });

  it('csrToDense rejects a malformed CSR instead of writing out of place', () => {
    const bad: CsrMatrix = {
      rows: 2,
      cols: 2,
      rowPtr: Uint32Array.of(0, 1, 1),
      colIdx: Uint32Array.of(2),
      values: Float32Array.of(1),
    };
    expect(() => csrToDense(bad)).toThrow(/colIdx must be < cols/);
  });
});

describe('csrTranspose', () => {
  it('gives Fᵀ, and F + Fᵀ = S for the toy', () => {
    const f = denseToCsr(fromRows(F_ROWS));
    const ft = csrTranspose(f);
    const dense = toRows(csrToDense(ft));
    for (let i = 0; i < 5; i++) for (let j = 0; j < 5; j++) expect(dense[i]![j]).toBe(F_ROWS[j]![i]);
    const fd = toRows(csrToDense(f));
    expect(fd.map((row, i) => row.map((v, j) => v + dense[i]![j]!))).toEqual(S_ROWS);
    expect(csrProblem(ft, { columns: 'sorted' })).toBeUndefined();
  });

  it('transposes rectangular matrices and sorts unsorted input', () => {
    const m: CsrMatrix = {
      rows: 2,
      cols: 3,
      rowPtr: Uint32Array.of(0, 2, 3),
      colIdx: Uint32Array.of(2, 0, 2),
      values: Float32Array.of(1, 2, 3),
    };
    const t = csrTranspose(m);
    expect(t.rows).toBe(3);
    expect(t.cols).toBe(2);
    expect(parts(t)).toEqual({ rowPtr: [0, 1, 1, 3], colIdx: [0, 0, 1], values: [2, 1, 3] });
    expect(parts(csrTranspose(t))).toEqual({ rowPtr: [0, 2, 3], colIdx: [0, 2, 2], values: [2, 1, 3] });
  });
});

describe('csrGet', () => {
  it('reads stored entries and 0 elsewhere', () => {
    const s = denseToCsr(fromRows(S_ROWS));
    for (let i = 0; i < 5; i++) for (let j = 0; j < 5; j++) expect(csrGet(s, i, j)).toBe(S_ROWS[i]![j]);
  });

  it('rejects indices outside the matrix', () => {
    const s = denseToCsr(fromRows(S_ROWS));
    expect(() => csrGet(s, 5, 0)).toThrow(ValueError);
    expect(() => csrGet(s, 0, -1)).toThrow(ValueError);
    expect(() => csrGet(s, 0.5, 0)).toThrow(ValueError);
  });
});

describe('csrProblem', () => {
  const good = (): CsrMatrix => denseToCsr(fromRows(S_ROWS));

  it('accepts a well-formed matrix', () => {
    expect(csrProblem(good())).toBeUndefined();
    expect(csrProblem(good(), { columns: 'sorted' })).toBeUndefined();
  });

  it('names each structural fault', () => {
    const g = good();
    expect(csrProblem({ ...g, rowPtr: g.rowPtr.subarray(0, 5) })).toMatch(/rowPtr must have rows \+ 1/);
    expect(csrProblem({ ...g, rowPtr: Uint32Array.of(1, 2, 6, 8, 10, 12) })).toMatch(/rowPtr\[0\] must be 0/);
    expect(csrProblem({ ...g, rowPtr: Uint32Array.of(0, 6, 2, 8, 10, 12) })).toMatch(/non-decreasing/);
    expect(csrProblem({ ...g, values: g.values.subarray(1) })).toMatch(/values must have/);
    expect(csrProblem({ ...g, colIdx: Uint32Array.from(g.colIdx, (j) => (j === 4 ? 5 : j)) })).toMatch(/< cols/);
    const swapped = Uint32Array.from(g.colIdx);
    [swapped[2], swapped[3]] = [swapped[3]!, swapped[2]!];
    expect(csrProblem({ ...g, colIdx: swapped })).toBeUndefined();
    expect(csrProblem({ ...g, colIdx: swapped }, { columns: 'sorted' })).toMatch(/strictly increasing/);
    const duplicated = Uint32Array.from(g.colIdx);
    duplicated[3] = duplicated[2]!;
    expect(csrProblem({ ...g, colIdx: duplicated })).toMatch(/at most once/);
  });
});
