import type { Matrix } from '@dproj/core';
import { expectClose } from '../../assert.ts';
import type { CaseContext, ConformanceCase } from '../../case.ts';
import { checkProposition1 } from '../../proposition1.ts';
import type { ProjectionMap, Proposition1Report } from '../../proposition1.ts';
import { Rng } from '../support/rng.ts';
import { check, mat, matmul, ones, transpose } from './support.ts';
import { LOAN, MONEY, TOY_V, X1 } from './toy.ts';

/** T(S) = Q S Qᵀ for the sequence x, through the engine's projection operator. */
function backendMap(ctx: CaseContext, tokens: readonly number[]): ProjectionMap {
  return async (s) => (await ctx.engine.projection({ tokens, s })).m;
}

/** f applied to every entry of a result. */
function mapMatrix(m: Matrix, f: (v: number) => number): Matrix {
  return { rows: m.rows, cols: m.cols, data: m.data.map(f) };
}

const failedConditions = (report: Proposition1Report): string =>
  report.failures.length === 0 ? 'none' : report.failures.map((f) => `${f.condition} (${f.detail})`).join('; ');

/** Golden cases of SPEC C.10, Proposition 1 conformance (P42). */
export const proposition1Cases: readonly ConformanceCase[] = [
  {
    // P42: the backend's T is linear, local (P8) and calibrated, M(x¹; J₅) = J₃, and T(e_a e_bᵀ) = q_a q_bᵀ.
    id: 'projection/P42-proposition-1',
    async run(ctx) {
      expectClose((await ctx.engine.projection({ tokens: X1, s: mat(ones(TOY_V, TOY_V)) })).m, ones(3, 3), ctx.tol, 'M(x¹; J₅)');
      for (const [tokens, seed] of [
        [X1, ctx.seed],
        [[3, 1, 3, 0, 4, 3], ctx.seed + 1],
      ] as const) {
        const report = await checkProposition1(backendMap(ctx, tokens), { tokens, vocabularySize: TOY_V, tol: ctx.tol, seed });
        check(report.passed, `Proposition 1 on x = (${tokens.join(',')}): the projection operator fails ${failedConditions(report)}`);
      }
      // Soft-selector version: T_Q(S)_ij = q_iᵀ S q_j, bilinear in the rows, equal to the one-hot case.
      const rng = new Rng(ctx.seed + 2);
      const soft = Array.from({ length: 4 }, () => Array.from({ length: TOY_V }, () => rng.next()));
      const s = Array.from({ length: TOY_V }, () => Array.from({ length: TOY_V }, () => rng.uniform(-2, 2)));
      expectClose((await ctx.engine.projection({ q: mat(soft), s: mat(s) })).m, matmul(matmul(soft, s), transpose(soft)), ctx.tol, 'soft-selector T_Q(S) − Q S Qᵀ');
    },
  },
  {
    // P42: the harness rejects T₂ = 2 Q S Qᵀ (fails calibration) and T₃ = Q S Qᵀ + (S_loan,money − S_money,loan) J₃ (fails locality).
    id: 'projection/P42-counterexamples-rejected',
    async run(ctx) {
      const t = backendMap(ctx, X1);
      const options = { tokens: X1, vocabularySize: TOY_V, tol: ctx.tol, seed: ctx.seed };
      const t2: ProjectionMap = async (s) => mapMatrix(await t(s), (v) => 2 * v);
      const t3: ProjectionMap = async (s) => {
        const phi = s.data[LOAN * TOY_V + MONEY] - s.data[MONEY * TOY_V + LOAN];
        return mapMatrix(await t(s), (v) => v + phi);
      };
      const r2 = await checkProposition1(t2, options);
      check(!r2.conditions.calibration, `T₂ = 2 Q S Qᵀ must fail calibration; the harness found: ${failedConditions(r2)}`);
      check(r2.conditions.linearity && r2.conditions.locality, `T₂ is linear and local; the harness found: ${failedConditions(r2)}`);
      const r3 = await checkProposition1(t3, options);
      check(!r3.conditions.locality, `T₃ must fail locality; the harness found: ${failedConditions(r3)}`);
      check(r3.conditions.linearity && r3.conditions.calibration, `T₃ is linear and calibrated; the harness found: ${failedConditions(r3)}`);
      const unit = mat(Array.from({ length: TOY_V }, (_, a) => Array.from({ length: TOY_V }, (_, b) => (a === LOAN && b === MONEY ? 1 : 0))));
      expectClose(await t3(unit), ones(3, 3), ctx.tol, 'T₃(e_loan e_moneyᵀ) = J₃');
    },
  },
];
