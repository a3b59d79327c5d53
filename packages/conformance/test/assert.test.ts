import { ShapeError, ValueError } from '@dproj/core';
import { describe, expect, it } from 'vitest';
import { expectCanonicalCsr, expectCsrClose } from '../src/assert-csr.ts';
import { expectInputError } from '../src/assert-error.ts';
import { expectTopK } from '../src/assert-top-k.ts';
import { operatorFromRows } from '../src/oracle/sparse.ts';

const tol = { atol: 1e-6, rtol: 1e-6 };

function csr(rowPtr: number[], colIdx: number[], values: number[], rows = rowPtr.length - 1, cols = 3) {
  return { rows, cols, rowPtr: Uint32Array.from(rowPtr), colIdx: Uint32Array.from(colIdx), values: Float32Array.from(values) };
}

describe('expectCanonicalCsr and expectCsrClose', () => {
  it('accepts sorted rows without zeros', () => {
    expect(() => expectCanonicalCsr(csr([0, 2, 2], [0, 2], [1, 2]), 2, 3, 'S')).not.toThrow();
  });

  it('rejects unsorted columns, stored zeros and bad row pointers', () => {
    expect(() => expectCanonicalCsr(csr([0, 2, 2], [2, 0], [1, 2]), 2, 3, 'S')).toThrow(/strictly increasing/);
    expect(() => expectCanonicalCsr(csr([0, 2, 2], [0, 2], [1, 0]), 2, 3, 'S')).toThrow(/explicit zero/);
    expect(() => expectCanonicalCsr(csr([0, 2, 1], [0, 2], [1, 2]), 2, 3, 'S')).toThrow(/rowPtr runs|decreases/);
  });

  it('compares entries, including ones missing from the result', () => {
    const want = operatorFromRows(2, 3, [new Map([[0, 1], [2, 2]]), new Map([[1, 5]])]);
    expect(() => expectCsrClose(csr([0, 2, 3], [0, 2, 1], [1, 2, 5]), want, tol, 'S')).not.toThrow();
    expect(() => expectCsrClose(csr([0, 2, 2], [0, 2], [1, 2]), want, tol, 'S')).toThrow(/\(1, 1\) is missing/);
    expect(() => expectCsrClose(csr([0, 2, 3], [0, 2, 1], [1, 2.5, 5]), want, tol, 'S')).toThrow(/\(0, 2\)/);
  });
});

describe('expectTopK', () => {
  const row = [1, 3, 3, 0, 2];

  it('accepts the ranking with ties to the lower id', () => {
    const topk = { k: 3, ids: Uint32Array.from([1, 2, 4]), scores: Float32Array.from([3, 3, 2]) };
    expect(() => expectTopK(topk, 3, 1, [row], [0], tol, 'E')).not.toThrow();
  });

  it('rejects ties broken by the higher id, wrong scores and missed entries', () => {
    expect(() => expectTopK({ k: 2, ids: Uint32Array.from([2, 1]), scores: Float32Array.from([3, 3]) }, 2, 1, [row], [0], tol, 'E')).toThrow(/lower id/);
    expect(() => expectTopK({ k: 2, ids: Uint32Array.from([1, 2]), scores: Float32Array.from([3, 2.5]) }, 2, 1, [row], [0], tol, 'E')).toThrow(/E\[0, 2\]/);
    expect(() => expectTopK({ k: 2, ids: Uint32Array.from([1, 4]), scores: Float32Array.from([3, 2]) }, 2, 1, [row], [0], tol, 'E')).toThrow(/expected 3/);
  });

  it('tolerates near-ties a float32 backend cannot order', () => {
    const near = [1, 2 + 1e-9, 2, 0];
    const topk = { k: 2, ids: Uint32Array.from([2, 1]), scores: Float32Array.from([2, 2]) };
    expect(() => expectTopK(topk, 2, 1, [near], [0], { atol: 1e-6, rtol: 0 }, 'E')).not.toThrow();
  });
});

describe('expectInputError', () => {
  const reject = (e: Error) => () => Promise.reject(e);

  it('accepts the right class naming the argument', async () => {
    const error = new ShapeError('attention: heads[1].wq must be 4×d_k, got 5×1', { op: 'attention', argument: 'heads[1].wq' });
    await expect(expectInputError(reject(error), { name: 'ShapeError', op: 'attention', argument: ['wq'] }, 'x')).resolves.toBe(error);
  });

  it('rejects another class, a message without the argument, and a resolved call', async () => {
    const error = new ValueError('projection: must be finite', { op: 'projection' });
    await expect(expectInputError(reject(error), { name: 'ShapeError', op: 'projection', argument: ['s'] }, 'x')).rejects.toThrow(/expected ShapeError/);
    await expect(expectInputError(reject(error), { name: 'ValueError', op: 'projection', argument: ['q'] }, 'x')).rejects.toThrow(/does not name the argument/);
    await expect(expectInputError(() => Promise.resolve(1), { name: 'ValueError', op: 'projection', argument: ['q'] }, 'x')).rejects.toThrow(/resolved/);
  });

  it('matches argument names as words, not inside other words', async () => {
    const error = new ValueError('attention: shape must be finite', { op: 'attention' });
    await expect(expectInputError(reject(error), { name: 'ValueError', op: 'attention', argument: ['h'] }, 'x')).rejects.toThrow(/does not name/);
  });
});
