import type { Matrix } from '@dproj/core';
import type { Uniform } from './random.ts';

/** A candidate projection T: ℝ^{V×V} → ℝ^{n×n} for one fixed sequence x. */
export type ProjectionMap = (s: Matrix) => Promise<Matrix>;

/** The conditions of Proposition 1 (SPEC B.6, P42). */
export const CONDITIONS = ['linearity', 'locality', 'calibration', 'basis'] as const;
export type Condition = (typeof CONDITIONS)[number];

/**
 * For each condition the largest deviation seen, relative to max(1, |expected|): 0 for an exact
 * projection, about 1e-7 for float32 storage, order 1 for an operator that breaks the condition.
 */
export type Deviations = Record<Condition, number>;

/** Deviations up to this count as holding: float32 results of float32 inputs. */
export const HOLDS_TOLERANCE = 1e-5;

function randomMatrix(v: number, uniform: Uniform, scale = 1): Matrix {
  return { rows: v, cols: v, data: Float32Array.from({ length: v * v }, () => scale * (2 * uniform() - 1)) };
}

/** max |got − want| / max(1, max |want|) over all entries; ∞ when the shapes differ. */
export function relativeDeviation(got: Matrix, want: ArrayLike<number>): number {
  if (got.data.length !== want.length) return Number.POSITIVE_INFINITY;
  let diff = 0;
  let scale = 1;
  for (let p = 0; p < want.length; p++) {
    diff = Math.max(diff, Math.abs(got.data[p]! - want[p]!));
    scale = Math.max(scale, Math.abs(want[p]!));
  }
  return diff / scale;
}

/**
 * Runs the uniqueness harness of Proposition 1 on T for the sequence `tokens` over V words:
 * - linearity: T(α S₁ + β S₂) against α T(S₁) + β T(S₂), random S₁, S₂, α, β;
 * - locality (C1): S′ equal to S on the realized pairs {(x_i, x_j)} and random elsewhere, T(S′) against T(S);
 * - calibration (C2): T(J_V) against J_n;
 * - basis: T(e_a e_bᵀ) against q_a q_bᵀ for every (a, b) when `basis` is true (V² calls), which with
 *   linearity pins T(S) = Q S Qᵀ.
 * Returns the deviations rather than a verdict, so a report can show how far each condition holds.
 */
export async function proposition1Deviations(
  t: ProjectionMap,
  tokens: ArrayLike<number>,
  v: number,
  uniform: Uniform,
  options: { readonly trials: number; readonly basis: boolean },
): Promise<Deviations> {
  const n = tokens.length;
  const deviations: Deviations = { linearity: 0, locality: 0, calibration: 0, basis: 0 };
  const realized = new Set<number>();
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) realized.add(tokens[i]! * v + tokens[j]!);

  for (let trial = 0; trial < options.trials; trial++) {
    const s1 = randomMatrix(v, uniform);
    const s2 = randomMatrix(v, uniform);
    const alpha = 4 * uniform() - 2;
    const beta = 4 * uniform() - 2;
    const combined = { rows: v, cols: v, data: s1.data.map((x, k) => alpha * x + beta * s2.data[k]!) };
    const [t1, t2, t12] = await Promise.all([t(s1), t(s2), t(combined)]);
    const want = t1.data.map((x, k) => alpha * x + beta * (t2.data[k] ?? Number.NaN));
    deviations.linearity = Math.max(deviations.linearity, relativeDeviation(t12, want));

    const changed = { rows: v, cols: v, data: s1.data.map((x, k) => (realized.has(k) ? x : 6 * uniform() - 3)) };
    deviations.locality = Math.max(deviations.locality, relativeDeviation(await t(changed), t1.data));
  }

  const ones = await t({ rows: v, cols: v, data: new Float32Array(v * v).fill(1) });
  deviations.calibration = relativeDeviation(ones, new Float64Array(n * n).fill(1));

  if (options.basis) {
    for (let a = 0; a < v; a++) {
      for (let b = 0; b < v; b++) {
        const e = { rows: v, cols: v, data: new Float32Array(v * v) };
        e.data[a * v + b] = 1;
        const want = new Float64Array(n * n);
        for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) want[i * n + j] = tokens[i] === a && tokens[j] === b ? 1 : 0;
        deviations.basis = Math.max(deviations.basis, relativeDeviation(await t(e), want));
      }
    }
  }
  return deviations;
}
