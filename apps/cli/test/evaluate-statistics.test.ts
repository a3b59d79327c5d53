import { describe, expect, it } from 'vitest';
import { averageRanks, mean, median, pearson, spearman } from '../src/evaluate/statistics.ts';

describe('averageRanks', () => {
  it('gives tied values the mean of the ranks they span', () => {
    expect(Array.from(averageRanks([10, 20, 20, 30]))).toEqual([1, 2.5, 2.5, 4]);
    expect(Array.from(averageRanks([3, 1, 3, 3, 2]))).toEqual([4, 1, 4, 4, 2]);
  });
});

describe('spearman', () => {
  it('is 1 for a monotone relation and −1 for a reversed one', () => {
    expect(spearman([1, 2, 3, 4, 5], [1, 4, 9, 16, 100])).toBeCloseTo(1, 12);
    expect(spearman([1, 2, 3, 4, 5], [5, 3, 2, 1, 0])).toBeCloseTo(-1, 12);
  });

  it('matches the textbook value without ties: 1 − 6 Σd² / (n(n² − 1))', () => {
    // Ranks of y: 2, 1, 4, 3, 5 → Σd² = 1 + 1 + 1 + 1 + 0 = 4; ρ = 1 − 24/120 = 0.8.
    expect(spearman([1, 2, 3, 4, 5], [20, 10, 40, 30, 50])).toBeCloseTo(0.8, 12);
  });

  it('handles ties with average ranks (Pearson of the ranks)', () => {
    // x ranks 1, 2.5, 2.5, 4; y ranks 1, 2, 3, 4: r = Σ(dx dy)/√(Σdx² Σdy²) = 4.5 / √(4.5 · 5).
    expect(spearman([1, 2, 2, 3], [1, 2, 3, 4])).toBeCloseTo(4.5 / Math.sqrt(4.5 * 5), 12);
  });

  it('is NaN when one side is constant and refuses unpaired samples', () => {
    expect(spearman([1, 1, 1], [1, 2, 3])).toBeNaN();
    expect(() => spearman([1, 2], [1, 2, 3])).toThrow(RangeError);
    expect(() => pearson([1], [1])).toThrow(/at least 2/);
  });
});

describe('median and mean', () => {
  it('take the middle (or the mean of the middle two) and the average', () => {
    expect(median([5, 1, 3])).toBe(3);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([])).toBeNaN();
    expect(mean([1, 2, 6])).toBe(3);
  });
});
