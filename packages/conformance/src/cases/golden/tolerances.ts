import { GOLDEN_ROUNDING } from '../../tolerance.ts';
import type { Tolerance } from '../../tolerance.ts';

/** ctx.tol widened to SPEC's 4-decimal rounding, for SPEC's printed golden values. */
export function goldenTol(tol: Tolerance, rounding: number = GOLDEN_ROUNDING): Tolerance {
  return { atol: Math.max(tol.atol, rounding), rtol: tol.rtol };
}

/**
 * ctx.tol with a floor for identities through factors that were themselves stored in float32
 * (eigen and SVD factors from core): a product of r such factors carries r rounded terms per entry.
 */
export function factorTol(tol: Tolerance): Tolerance {
  return { atol: Math.max(tol.atol, 1e-5), rtol: Math.max(tol.rtol, 1e-5) };
}
