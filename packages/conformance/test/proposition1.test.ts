import type { Matrix } from '@dproj/core';
import { fromRows } from '@dproj/core';
import { describe, expect, it } from 'vitest';
import { oracleProjection } from '../src/oracle/projection.ts';
import type { ProjectionMap } from '../src/proposition1.ts';
import { checkProposition1 } from '../src/proposition1.ts';

// SPEC P42 on x¹ = (river, bank, water) over V = 5; loan = 3, money = 4 never occur.
const tokens = [0, 1, 2];
const options = { tokens, vocabularySize: 5, tol: { atol: 1e-6, rtol: 1e-6 } };

const projection: ProjectionMap = async (s) => {
  const m = oracleProjection({ tokens, s }).m;
  return fromRows(m);
};

function map(t: ProjectionMap, f: (m: Matrix, s: Matrix) => Matrix): ProjectionMap {
  return async (s) => f(await t(s), s);
}

describe('the Proposition 1 harness', () => {
  it('accepts Q S Qᵀ', async () => {
    const report = await checkProposition1(projection, options);
    expect(report.failures).toEqual([]);
    expect(report.passed).toBe(true);
  });

  it('rejects T₂ = 2 Q S Qᵀ for calibration (linear and local)', async () => {
    const t2 = map(projection, (m) => ({ ...m, data: m.data.map((x) => 2 * x) }));
    const report = await checkProposition1(t2, options);
    expect(report.passed).toBe(false);
    expect(report.conditions).toEqual({ linearity: true, locality: true, calibration: false, basis: false });
  });

  it('rejects T₃ = Q S Qᵀ + (S_loan,money − S_money,loan) J for locality (linear and calibrated)', async () => {
    const t3 = map(projection, (m, s) => {
      const shift = s.data[3 * 5 + 4] - s.data[4 * 5 + 3];
      return { ...m, data: m.data.map((x) => x + shift) };
    });
    const report = await checkProposition1(t3, options);
    expect(report.passed).toBe(false);
    expect(report.conditions).toEqual({ linearity: true, locality: false, calibration: true, basis: false });
  });

  it('rejects a non-linear T = Q g(S) Qᵀ with g(1) = 1 (local and calibrated)', async () => {
    const cubed: ProjectionMap = async (s) => projection({ ...s, data: s.data.map((x) => x ** 3) });
    const report = await checkProposition1(cubed, options);
    expect(report.conditions.linearity).toBe(false);
    expect(report.conditions.calibration).toBe(true);
    expect(report.conditions.locality).toBe(true);
  });

  it('rejects the equivariant, calibrated but non-local T = Q S Qᵀ + (tr S − 1ᵀS1/V) I', async () => {
    const t: ProjectionMap = map(projection, (m, s) => {
      let trace = 0;
      let sum = 0;
      for (let a = 0; a < 5; a++) trace += s.data[a * 5 + a];
      for (const x of s.data) sum += x;
      const shift = trace - sum / 5;
      return { ...m, data: m.data.map((x, k) => (k % 4 === 0 ? x + shift : x)) };
    });
    const report = await checkProposition1(t, options);
    expect(report.conditions.locality).toBe(false);
    expect(report.conditions.calibration).toBe(true);
  });
});
