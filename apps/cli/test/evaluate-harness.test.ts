import { type Matrix, csrFromTriplets, csrToDense } from '@dproj/core';
import { describe, expect, it } from 'vitest';
import { csrCombine, csrRestrict, selectedEntries } from '../src/evaluate/operators.ts';
import { HOLDS_TOLERANCE, type ProjectionMap, proposition1Deviations } from '../src/evaluate/proposition1-harness.ts';
import { seededUniform } from '../src/evaluate/random.ts';

const tokens = [2, 0, 2, 3];
const V = 6;
const n = tokens.length;
/** Q S Qᵀ computed directly: the projection Proposition 1 singles out. */
const exact: ProjectionMap = async (s) => ({
  rows: n,
  cols: n,
  data: Float32Array.from({ length: n * n }, (_, p) => s.data[tokens[Math.floor(p / n)]! * V + tokens[p % n]!]!),
});
const run = (t: ProjectionMap) => proposition1Deviations(t, tokens, V, seededUniform(3), { trials: 3, basis: true });

describe('proposition1Deviations', () => {
  it('finds every condition holding for Q S Qᵀ', async () => {
    const d = await run(exact);
    for (const value of Object.values(d)) expect(value).toBeLessThanOrEqual(HOLDS_TOLERANCE);
  });

  it('flags calibration (and the basis) for 2 Q S Qᵀ', async () => {
    const d = await run(async (s) => {
      const m = await exact(s);
      return { ...m, data: m.data.map((x) => 2 * x) };
    });
    expect(d.calibration).toBeCloseTo(1, 6);
    expect(d.basis).toBeCloseTo(1, 6);
    expect(d.linearity).toBeLessThanOrEqual(HOLDS_TOLERANCE);
    expect(d.locality).toBeLessThanOrEqual(HOLDS_TOLERANCE);
  });

  it('flags locality for Q S Qᵀ + (S_45 − S_54) J, a pair x does not realize', async () => {
    const d = await run(async (s) => {
      const m = await exact(s);
      const shift = s.data[4 * V + 5]! - s.data[5 * V + 4]!;
      return { ...m, data: m.data.map((x) => x + shift) };
    });
    expect(d.locality).toBeGreaterThan(0.01);
    expect(d.calibration).toBeLessThanOrEqual(HOLDS_TOLERANCE);
  });

  it('flags linearity for an entrywise square Q (S∘S) Qᵀ', async () => {
    const d = await run(async (s) => {
      const m = await exact(s);
      return { ...m, data: m.data.map((x) => x * x) };
    });
    expect(d.linearity).toBeGreaterThan(0.01);
  });

  it('reports a wrong shape as an infinite deviation', async () => {
    const d = await run(async (): Promise<Matrix> => ({ rows: 1, cols: 1, data: new Float32Array(1) }));
    expect(d.calibration).toBe(Number.POSITIVE_INFINITY);
  });
});

describe('sparse operator helpers', () => {
  const a = csrFromTriplets(3, 3, [[0, 1, 2], [1, 1, 1], [2, 0, -1]]);
  const b = csrFromTriplets(3, 3, [[0, 1, 1], [0, 2, 4], [2, 0, 0.5]]);
  it('csrCombine gives α A + β B and drops entries that cancel', () => {
    const c = csrCombine(a, b, 1, -2);
    expect(Array.from(csrToDense(c).data)).toEqual([0, 0, -8, 0, 1, 0, -2, 0, 0]);
    expect(c.colIdx.length).toBe(3);
  });
  it('csrRestrict keeps the pairs of the given words only', () => {
    expect(Array.from(csrToDense(csrRestrict(b, new Set([0, 2]))).data)).toEqual([0, 0, 4, 0, 0, 0, 0.5, 0, 0]);
  });
  it('selectedEntries is S[x_i, x_j]', () => {
    expect(Array.from(selectedEntries(a, [1, 0]))).toEqual([1, 0, 2, 0]);
  });
});
