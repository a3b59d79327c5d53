import { zeros } from '@dproj/core';
import type { CsrMatrix, Matrix, Weighting } from '@dproj/core';
import { directedOperator } from '../csr/directed-operator.ts';
import { groupPositions } from '@dproj/core';
import { distanceWeight } from './weighting.ts';

/**
 * The offset-specific projection of SPEC B.10a for tokens x (length n) and offset counts
 * C⁽¹⁾..C⁽ʷ⁾ (w = offsets.length, each V×V CSR):
 * M^pos_ij = f(|j−i|) · C⁽ʲ⁻ⁱ⁾[x_i, x_j] for 1 ≤ |j−i| ≤ w, 0 elsewhere (diagonal included),
 * with C⁽⁻ᵏ⁾ = C⁽ᵏ⁾ᵀ, so M^pos is symmetric: the pair (i, i+k) reads C⁽ᵏ⁾[x_i, x_{i+k}] for both
 * entries. Each row of C⁽ᵏ⁾ is scattered once per distinct word, never densified.
 */
export function offsetProjection(ids: Uint32Array, offsets: readonly CsrMatrix[], weighting: Weighting): Matrix {
  const n = ids.length;
  const m = zeros(n, n);
  const groups = groupPositions(ids);
  for (let k = 1; k <= Math.min(offsets.length, n - 1); k++) {
    const counts = offsets[k - 1];
    const op = directedOperator(counts, 'forward', null);
    const row = new Float64Array(counts.cols);
    const f = distanceWeight(weighting, k);
    for (let g = 0; g < groups.words.length; g++) {
      op.addRow(groups.words[g], 1, row);
      for (let p = groups.start[g]; p < groups.start[g + 1]; p++) {
        const i = groups.positions[p];
        const j = i + k;
        if (j >= n) break;
        const v = f * row[ids[j]];
        m.data[i * n + j] = v;
        m.data[j * n + i] = v;
      }
      op.clearRow(groups.words[g], row);
    }
  }
  return m;
}

/**
 * In place: M ← K ∘ M with the Toeplitz kernel K_ij = κ(|j−i|) = kappa[|j−i|], and 0 where
 * |j−i| ≥ kappa.length (SPEC B.10b). M is rows×cols and belongs to the caller.
 */
export function applyDistanceKernel(m: Matrix, kappa: ArrayLike<number>): void {
  for (let i = 0; i < m.rows; i++) {
    for (let j = 0; j < m.cols; j++) {
      const d = Math.abs(j - i);
      const v = d < kappa.length ? m.data[i * m.cols + j] * kappa[d] : 0;
      // A negative score times κ = 0 is −0; store +0 so masked-out entries compare equal to 0.
      m.data[i * m.cols + j] = v === 0 ? 0 : v;
    }
  }
}
