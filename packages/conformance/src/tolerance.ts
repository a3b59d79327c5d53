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

/** Default tolerances by storage precision: float32 keeps about 7 digits, minus accumulation. */
export function toleranceFor(precision: 'float32' | 'float64', override?: Partial<Tolerance>): Tolerance {
  const base = precision === 'float64' ? { atol: 1e-9, rtol: 1e-9 } : { atol: 2e-5, rtol: 2e-4 };
  return { ...base, ...override };
}
