import { describe, expect, it } from 'vitest';
import { fromRows, identity, isCsr, matrix, toRows, zeros } from '../src/index.ts';

describe('matrix helpers', () => {
  it('zeros and identity', () => {
    expect(zeros(2, 3)).toEqual({ rows: 2, cols: 3, data: new Float32Array(6) });
    expect(toRows(identity(3))).toEqual([
      [1, 0, 0],
      [0, 1, 0],
      [0, 0, 1],
    ]);
  });

  it('matrix copies row-major values and checks their count', () => {
    const values = [1, 2, 3, 4, 5, 6];
    const m = matrix(2, 3, values);
    values[0] = 9;
    expect(toRows(m)).toEqual([
      [1, 2, 3],
      [4, 5, 6],
    ]);
    expect(() => matrix(2, 2, values)).toThrow(/needs 4 values, got 6/);
  });

  it('fromRows and toRows round-trip, and ragged rows are refused', () => {
    const rows = [
      [0, 1.5],
      [-2, 0.25],
    ];
    expect(toRows(fromRows(rows))).toEqual(rows);
    expect(fromRows([])).toEqual({ rows: 0, cols: 0, data: new Float32Array(0) });
    expect(() => fromRows([[1, 2], [3]])).toThrow(/row 1 has 1 values, expected 2/);
  });

  it('isCsr tells sparse from dense', () => {
    const csr = { rows: 1, cols: 1, rowPtr: Uint32Array.of(0, 0), colIdx: new Uint32Array(0), values: new Float32Array(0) };
    expect(isCsr(csr)).toBe(true);
    expect(isCsr(zeros(1, 1))).toBe(false);
  });
});
