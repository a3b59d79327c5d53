import type { Matrix } from '@dproj/core';
import fc from 'fast-check';
import type { CaseContext, ConformanceCase } from '../../case.ts';
import type { ProjectionMap, Proposition1Report } from '../../proposition1.ts';
import { checkProposition1 } from '../../proposition1.ts';
import { loosen } from '../../tolerance.ts';
import { tokensArb } from '../support/arbitraries.ts';
import { propertyCase } from '../support/property.ts';

// V ≤ 6 keeps the basis check (V² calls) small; the last word never occurs in x, so a pair (a, b)
// outside the sequence exists for the locality counterexample.
const sequenceArb = fc
  .record({ v: fc.integer({ min: 3, max: 6 }), n: fc.integer({ min: 1, max: 6 }) })
  .chain(({ v, n }) => fc.record({ v: fc.constant(v), tokens: tokensArb(n, v - 1), seed: fc.integer() }));

function projectionOf(ctx: CaseContext, tokens: readonly number[]): ProjectionMap {
  return async (s) => (await ctx.engine.projection({ tokens, s })).m;
}

function summary(report: Proposition1Report): string {
  return report.failures.map((f) => `${f.condition}: ${f.detail}`).join('; ');
}

/** Proposition 1 (SPEC B.6, C.10) as a harness run on the backend's projection. */
export const proposition1Cases: readonly ConformanceCase[] = [
  propertyCase(
    'invariants/proposition1-accepts-projection',
    sequenceArb,
    async (ctx, { v, tokens, seed }) => {
      // The backend's M = Q S Qᵀ is linear, local and calibrated, and answers the basis as q_a q_bᵀ.
      const report = await checkProposition1(projectionOf(ctx, tokens), { tokens, vocabularySize: v, tol: loosen(ctx.tol, 4), seed });
      if (!report.passed) throw new Error(`the projection fails Proposition 1 on x = [${tokens.join(',')}]: ${summary(report)}`);
    },
    4,
  ),
  propertyCase(
    'invariants/proposition1-rejects-counterexamples',
    sequenceArb,
    async (ctx, { v, tokens, seed }) => {
      // T₂ = 2 Q S Qᵀ fails calibration; T₃ = Q S Qᵀ + (S_ab − S_ba) J fails locality for a pair (a, b)
      // not realized in x (a = V − 1 never occurs). Built on the backend's projection, so the harness
      // is shown to discriminate on exactly the operator it accepts.
      const tol = loosen(ctx.tol, 4);
      const t = projectionOf(ctx, tokens);
      const a = v - 1;
      const b = 0;
      const double: ProjectionMap = async (s) => {
        const m = await t(s);
        return { rows: m.rows, cols: m.cols, data: m.data.map((x) => 2 * x) };
      };
      const skewed: ProjectionMap = async (s: Matrix) => {
        const m = await t(s);
        const shift = s.data[a * v + b] - s.data[b * v + a];
        return { rows: m.rows, cols: m.cols, data: m.data.map((x) => x + shift) };
      };
      const r2 = await checkProposition1(double, { tokens, vocabularySize: v, tol, seed });
      if (r2.conditions.calibration || r2.passed) throw new Error(`T₂ = 2 Q S Qᵀ was not rejected for calibration: ${JSON.stringify(r2.conditions)}`);
      const r3 = await checkProposition1(skewed, { tokens, vocabularySize: v, tol, seed });
      if (r3.conditions.locality || r3.passed) throw new Error(`T₃ = Q S Qᵀ + (S_ab − S_ba) J was not rejected for locality: ${JSON.stringify(r3.conditions)}`);
      if (!r3.conditions.calibration || !r3.conditions.linearity) {
        throw new Error(`T₃ is linear and calibrated, but the harness said otherwise: ${summary(r3)}`);
      }
    },
    3,
  ),
];
