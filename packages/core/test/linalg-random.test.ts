import { describe, expect, it } from 'vitest';
import { createRng, gaussianBlock } from '../src/linalg/random.ts';

describe('createRng', () => {
  it('gives the same stream for the same seed and a different one for another seed', () => {
    const a = createRng(42);
    const b = createRng(42);
    const c = createRng(43);
    const xs = Array.from({ length: 8 }, () => a.uniform());
    expect(Array.from({ length: 8 }, () => b.uniform())).toEqual(xs);
    expect(Array.from({ length: 8 }, () => c.uniform())).not.toEqual(xs);
  });

  it('draws uniforms in [0, 1) with mean 1/2 and variance 1/12', () => {
    const rng = createRng(7);
    const n = 200_000;
    let sum = 0;
    let sumSq = 0;
    let outside = 0;
    for (let i = 0; i < n; i++) {
      const u = rng.uniform();
      if (!(u >= 0 && u < 1)) outside++;
      sum += u;
      sumSq += u * u;
    }
    const mean = sum / n;
    expect(outside).toBe(0);
    expect(mean).toBeCloseTo(0.5, 2);
    expect(sumSq / n - mean * mean).toBeCloseTo(1 / 12, 2);
  });

  it('draws standard Gaussians: mean 0, variance 1, fourth moment 3', () => {
    const block = gaussianBlock(createRng(1), 400, 500);
    let m1 = 0;
    let m2 = 0;
    let m4 = 0;
    expect(block.every(Number.isFinite)).toBe(true);
    for (const x of block) {
      m1 += x;
      m2 += x * x;
      m4 += x ** 4;
    }
    const n = block.length;
    expect(Math.abs(m1 / n)).toBeLessThan(0.01);
    expect(m2 / n).toBeCloseTo(1, 1);
    expect(m4 / n).toBeCloseTo(3, 0);
  });

  it('treats seeds as unsigned 32-bit integers', () => {
    expect(createRng(-1).uniform()).toBe(createRng(0xffffffff).uniform());
  });
});
