import type { CsrMatrix, Weighting } from '@dproj/core';
import type { Dense } from './dense.ts';
import { distanceWeight } from './cooccurrence.ts';
import { entry, operatorFromInput } from './sparse.ts';

/**
 * Offset-specific projection (SPEC B.10a), rows `rows` of the n×n matrix:
 * M^pos_ij = f(|j−i|) C⁽ʲ⁻ⁱ⁾_{x_i x_j} for 1 ≤ |j−i| ≤ w (w = number of offsets), else 0,
 * with C⁽⁻ᵏ⁾ = C⁽ᵏ⁾ᵀ; `offsets[k−1]` is C⁽ᵏ⁾ (V×V).
 */
export function offsetProjection(
  tokens: readonly number[],
  offsets: readonly CsrMatrix[],
  weighting: Weighting,
  rows: readonly number[],
): Dense {
  const c = offsets.map(operatorFromInput);
  const w = offsets.length;
  return rows.map((i) =>
    tokens.map((xj, j) => {
      const k = j - i;
      const d = Math.abs(k);
      if (d < 1 || d > w) return 0;
      const count = k > 0 ? entry(c[d - 1], tokens[i], xj) : entry(c[d - 1], xj, tokens[i]);
      return distanceWeight(weighting, d) * count;
    }),
  );
}

/**
 * Distance-kernel refinement (SPEC B.10b) of the given rows of M: M^κ_ij = κ(|j−i|) M_ij with
 * κ(d) = `kappa[d]` for d < kappa.length and 0 beyond. `m[r]` is row `rows[r]` of M.
 */
export function kernelProjection(m: Dense, kappa: ArrayLike<number>, rows: readonly number[]): Dense {
  return m.map((row, r) =>
    row.map((x, j) => {
      const d = Math.abs(j - rows[r]);
      return d < kappa.length ? kappa[d] * x : 0;
    }),
  );
}
