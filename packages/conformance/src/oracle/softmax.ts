import type { Mask } from '@dproj/core';
import type { Dense } from './dense.ts';

/**
 * Row-wise softmax (SPEC B.0, B.14): A_ij = e^{Z_ij − max_i} / Σ_j' e^{Z_ij' − max_i}, where −∞ entries
 * are masked (weight 0) and the maximum runs over unmasked entries; a fully masked row is a zero row.
 */
export function softmaxRows(z: Dense): Dense {
  return z.map((row) => {
    let max = Number.NEGATIVE_INFINITY;
    for (const x of row) if (x > max) max = x;
    if (max === Number.NEGATIVE_INFINITY) return row.map(() => 0);
    const exps = row.map((x) => (x === Number.NEGATIVE_INFINITY ? 0 : Math.exp(x - max)));
    const sum = exps.reduce((a, b) => a + b, 0);
    return exps.map((x) => x / sum);
  });
}

/**
 * The additive mask 𝓜_ij for query i and key j of an n×m score matrix (SPEC B.11):
 * causal −∞ iff j > i; keep −∞ where keep = 0; bias as given (−∞ masks).
 */
export function maskValue(mask: Mask | undefined, i: number, j: number, m: number): number {
  if (mask === undefined) return 0;
  switch (mask.kind) {
    case 'causal':
      return j > i ? Number.NEGATIVE_INFINITY : 0;
    case 'keep':
      return mask.keep[i * m + j] === 0 ? Number.NEGATIVE_INFINITY : 0;
    case 'bias':
      return mask.bias[i * m + j];
  }
}
