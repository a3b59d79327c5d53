import type { Matrix } from '@dproj/core';
import { expectClose, expectShape } from './assert.ts';
import { Rng } from './cases/support/rng.ts';
import type { Tolerance } from './tolerance.ts';

/** A candidate projection T: ℝ^{V×V} → ℝ^{n×n} for one fixed sequence x. */
export type ProjectionMap = (s: Matrix) => Promise<Matrix>;

/** The conditions of Proposition 1 (SPEC B.6, P42) the harness checks. */
export type Proposition1Condition = 'linearity' | 'locality' | 'calibration' | 'basis';

/** Options of `checkProposition1`. */
export interface Proposition1Options {
  /** The fixed sequence x (token ids below V). */
  readonly tokens: readonly number[];
  /** V. */
  readonly vocabularySize: number;
  /** How close two results must be. */
  readonly tol: Tolerance;
  /** Seed of the random operators (default 1). */
  readonly seed?: number;
  /** Random operators drawn for linearity and locality (default 3). */
  readonly trials?: number;
}

/** The harness's verdict: each condition, and what failed. */
export interface Proposition1Report {
  readonly passed: boolean;
  readonly conditions: Readonly<Record<Proposition1Condition, boolean>>;
  readonly failures: readonly { readonly condition: Proposition1Condition; readonly detail: string }[];
}

function randomOperator(rng: Rng, size: number): Matrix {
  return { rows: size, cols: size, data: Float32Array.from({ length: size * size }, () => rng.uniform(-1, 1)) };
}

function rows(m: Matrix): number[][] {
  return Array.from({ length: m.rows }, (_, i) => Array.from(m.data.subarray(i * m.cols, (i + 1) * m.cols)));
}

/**
 * The uniqueness harness of Proposition 1 (SPEC B.6, C.10 P42) for an operator T on the sequence x
 * with selector Q (n×V):
 * - linearity: T(α S₁ + β S₂) = α T(S₁) + β T(S₂) on random S₁, S₂;
 * - locality (C1): S′ equal to S on the realized pairs {(x_i, x_j)} and random elsewhere gives
 *   T(S′) = T(S); and S′ equal to S only at (x_i, x_j) gives T(S′)_ij = T(S)_ij;
 * - calibration (C2): T(J_V) = J_n;
 * - basis response: T(e_a e_bᵀ) = q_a q_bᵀ for every a, b, which with linearity forces T(S) = Q S Qᵀ.
 * Every condition is checked (none stops the others), so a report says which ones fail: 2 Q S Qᵀ fails
 * calibration; Q S Qᵀ + (S_ab − S_ba) J fails locality when (a, b) is not realized in x.
 */
export async function checkProposition1(t: ProjectionMap, options: Proposition1Options): Promise<Proposition1Report> {
  const { tokens, vocabularySize: v, tol } = options;
  const n = tokens.length;
  const rng = new Rng(options.seed ?? 1);
  const failures: { condition: Proposition1Condition; detail: string }[] = [];
  const check = async (condition: Proposition1Condition, body: () => Promise<void>): Promise<void> => {
    try {
      await body();
    } catch (error) {
      failures.push({ condition, detail: error instanceof Error ? error.message : String(error) });
    }
  };
  const apply = async (s: Matrix, what: string): Promise<number[][]> => rows(expectShape(await t(s), n, n, what));

  await check('linearity', async () => {
    for (let trial = 0; trial < (options.trials ?? 3); trial++) {
      const s1 = randomOperator(rng, v);
      const s2 = randomOperator(rng, v);
      const alpha = rng.uniform(-2, 2);
      const beta = rng.uniform(-2, 2);
      const combined = { rows: v, cols: v, data: s1.data.map((x, k) => alpha * x + beta * s2.data[k]) };
      const [t1, t2, t12] = [await apply(s1, 'T(S₁)'), await apply(s2, 'T(S₂)'), await apply(combined, 'T(αS₁+βS₂)')];
      const expected = t1.map((row, i) => row.map((x, j) => alpha * x + beta * t2[i][j]));
      expectClose(t12, expected, tol, `linearity: T(${alpha.toFixed(3)} S₁ + ${beta.toFixed(3)} S₂)`);
    }
  });

  await check('locality', async () => {
    const realized = new Set(tokens.flatMap((a) => tokens.map((b) => a * v + b)));
    for (let trial = 0; trial < (options.trials ?? 3); trial++) {
      const s = randomOperator(rng, v);
      const changed = { rows: v, cols: v, data: s.data.map((x, k) => (realized.has(k) ? x : rng.uniform(-3, 3))) };
      expectClose(await apply(changed, 'T(S′)'), await apply(s, 'T(S)'), tol, 'locality: S′ = S on the realized pairs, T(S′) ≠ T(S)');
      const i = rng.int(0, n - 1);
      const j = rng.int(0, n - 1);
      const pinned = tokens[i] * v + tokens[j];
      const other = { rows: v, cols: v, data: s.data.map((x, k) => (k === pinned ? x : rng.uniform(-3, 3))) };
      const got = (await apply(other, 'T(S′)'))[i][j];
      const want = (await apply(s, 'T(S)'))[i][j];
      expectClose([got], [want], tol, `locality: S′ = S only at (x_${i}, x_${j}), T(S′)_${i}${j} ≠ T(S)_${i}${j}`);
    }
  });

  await check('calibration', async () => {
    const ones = { rows: v, cols: v, data: new Float32Array(v * v).fill(1) };
    const want = Array.from({ length: n }, () => new Array<number>(n).fill(1));
    expectClose(await apply(ones, 'T(J)'), want, tol, 'calibration: T(J_V) ≠ J_n');
  });

  await check('basis', async () => {
    for (let a = 0; a < v; a++) {
      for (let b = 0; b < v; b++) {
        const e = { rows: v, cols: v, data: new Float32Array(v * v) };
        e.data[a * v + b] = 1;
        const want = tokens.map((xi) => tokens.map((xj) => (xi === a && xj === b ? 1 : 0)));
        expectClose(await apply(e, `T(e_${a} e_${b}ᵀ)`), want, tol, `basis: T(e_${a} e_${b}ᵀ) ≠ q_${a} q_${b}ᵀ`);
      }
    }
  });

  const failed = new Set(failures.map((f) => f.condition));
  return {
    passed: failures.length === 0,
    conditions: {
      linearity: !failed.has('linearity'),
      locality: !failed.has('locality'),
      calibration: !failed.has('calibration'),
      basis: !failed.has('basis'),
    },
    failures,
  };
}
