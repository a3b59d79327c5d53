import { describe, expect, it } from 'vitest';
import { createRng, gaussianBlock } from '../src/linalg/random.ts';
import { thinQr } from '../src/linalg/thin-qr.ts';

/** max |Y − Q R|, max |Qᵀ Q − I|, and whether R is upper triangular. */
function check(y: Float64Array, rows: number, cols: number, q: Float64Array, r: Float64Array) {
  let reconstruction = 0;
  let orthogonality = 0;
  let scale = 0;
  for (const v of y) scale = Math.max(scale, Math.abs(v));
  for (let i = 0; i < rows; i++) {
    for (let j = 0; j < cols; j++) {
      let s = 0;
      for (let l = 0; l <= j; l++) s += q[i * cols + l] * r[l * cols + j];
      reconstruction = Math.max(reconstruction, Math.abs(y[i * cols + j] - s));
    }
  }
  for (let a = 0; a < cols; a++) {
    for (let b = 0; b < cols; b++) {
      let s = 0;
      for (let i = 0; i < rows; i++) s += q[i * cols + a] * q[i * cols + b];
      orthogonality = Math.max(orthogonality, Math.abs(s - (a === b ? 1 : 0)));
    }
  }
  let lower = 0;
  for (let a = 0; a < cols; a++) for (let b = 0; b < a; b++) lower = Math.max(lower, Math.abs(r[a * cols + b]));
  return { reconstruction: reconstruction / Math.max(1, scale), orthogonality, lower };
}

describe('thinQr', () => {
  it.each([
    [1, 1],
    [5, 5],
    [50, 7],
    [400, 40],
  ])('factors a random %i×%i block: Y = QR, QᵀQ = I, R upper triangular', (rows, cols) => {
    const rng = createRng(rows * 31 + cols);
    const y = gaussianBlock(rng, rows, cols);
    const { q, r } = thinQr(y, rows, cols, rng);
    const result = check(y, rows, cols, q, r);
    expect(result.reconstruction).toBeLessThan(1e-12);
    expect(result.orthogonality).toBeLessThan(1e-12);
    expect(result.lower).toBe(0);
  });

  it('stays orthonormal for ill-conditioned columns (scales 1 down to 1e-14)', () => {
    const rows = 200;
    const cols = 15;
    const rng = createRng(3);
    const y = gaussianBlock(rng, rows, cols);
    for (let i = 0; i < rows; i++) for (let j = 0; j < cols; j++) y[i * cols + j] *= 10 ** -j;
    const { q, r } = thinQr(y, rows, cols, rng);
    const result = check(y, rows, cols, q, r);
    expect(result.reconstruction).toBeLessThan(1e-12);
    expect(result.orthogonality).toBeLessThan(1e-12);
  });

  it('completes rank-deficient blocks (zero and repeated columns) to orthonormal Q with Y = QR', () => {
    const rows = 60;
    const cols = 6;
    const rng = createRng(11);
    const y = gaussianBlock(rng, rows, cols);
    for (let i = 0; i < rows; i++) {
      y[i * cols + 2] = 0;
      y[i * cols + 4] = y[i * cols + 1] * 2 - y[i * cols + 0];
    }
    const { q, r } = thinQr(y, rows, cols, rng);
    const result = check(y, rows, cols, q, r);
    expect(result.reconstruction).toBeLessThan(1e-12);
    expect(result.orthogonality).toBeLessThan(1e-12);
    expect(Math.abs(r[2 * cols + 2])).toBe(0);
    expect(Math.abs(r[4 * cols + 4])).toBe(0);
  });

  it('returns an orthonormal Q for the zero block', () => {
    const rows = 10;
    const cols = 3;
    const y = new Float64Array(rows * cols);
    const { q, r } = thinQr(y, rows, cols, createRng(1));
    const result = check(y, rows, cols, q, r);
    expect(result.orthogonality).toBeLessThan(1e-12);
    expect(r.every((v) => v === 0)).toBe(true);
  });

  it('rejects wide blocks', () => {
    expect(() => thinQr(new Float64Array(6), 2, 3, createRng(1))).toThrow(RangeError);
  });
});
