/**
 * Absolute-and-relative tolerance: |actual − expected| ≤ atol + rtol · max(1, scale), where scale is
 * the largest magnitude of the expected values being compared (SPEC B.14: relative to max(1, ‖·‖)).
 */
export interface Tolerance {
  readonly atol: number;
  readonly rtol: number;
}

/** Golden values in SPEC.md are rounded to 4 decimals. */
export const GOLDEN_ROUNDING = 5e-5;

/**
 * Default tolerances by precision. float32 keeps about 7 digits, minus accumulation. A float64 backend
 * still hands its results over as Float32Array (the contract's storage), so each result carries one
 * rounding of relative size 2⁻²⁴ ≈ 6e-8; 1e-6 leaves room for the few roundings an identity between two
 * results (or a rounded derived input such as α S₁ + β S₂) adds.
 */
export function toleranceFor(precision: 'float32' | 'float64', override?: Partial<Tolerance>): Tolerance {
  const base = precision === 'float64' ? { atol: 1e-9, rtol: 1e-6 } : { atol: 2e-5, rtol: 2e-4 };
  return { ...base, ...override };
}

/** A tolerance multiplied by `factor`, for comparisons whose error grows with the problem. */
export function loosen(tol: Tolerance, factor: number): Tolerance {
  return { atol: tol.atol * factor, rtol: tol.rtol * factor };
}

/**
 * The tolerance for results accumulated over `terms` products (an inner dimension, a sequence length):
 * rounding error grows about like √terms, so the factor is max(1, √terms / 4).
 */
export function toleranceForTerms(tol: Tolerance, terms: number): Tolerance {
  return loosen(tol, Math.max(1, Math.sqrt(terms) / 4));
}
