import type { HeadWeights, Matrix } from '@dproj/core';

/**
 * The scores the factorized attention puts before softmax, summed over heads, in float64:
 * Σ_ℓ (H W_Q⁽ℓ⁾)(H W_K⁽ℓ⁾)ᵀ (n×n). With one head this is H W_Q W_Kᵀ Hᵀ.
 */
export function factorizedScores(h: Matrix, heads: readonly Pick<HeadWeights, 'wq' | 'wk'>[]): Float64Array {
  const n = h.rows;
  const d = h.cols;
  const scores = new Float64Array(n * n);
  for (const { wq, wk } of heads) {
    const dk = wq.cols;
    const project = (w: Matrix): Float64Array => {
      const out = new Float64Array(n * dk);
      for (let i = 0; i < n; i++) {
        for (let t = 0; t < d; t++) {
          const x = h.data[i * d + t]!;
          if (x === 0) continue;
          for (let c = 0; c < dk; c++) out[i * dk + c] += x * w.data[t * dk + c]!;
        }
      }
      return out;
    };
    const q = project(wq);
    const k = project(wk);
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < n; j++) {
        let sum = 0;
        for (let c = 0; c < dk; c++) sum += q[i * dk + c]! * k[j * dk + c]!;
        scores[i * n + j] += sum;
      }
    }
  }
  return scores;
}

/** ‖M − A‖_F / ‖M‖_F, or null when M = 0 (no scale to compare against). */
export function relativeError(m: Matrix, approximation: Float64Array): number | null {
  let difference = 0;
  let norm = 0;
  for (let p = 0; p < m.data.length; p++) {
    const v = m.data[p]!;
    difference += (v - approximation[p]!) ** 2;
    norm += v * v;
  }
  return norm === 0 ? null : Math.sqrt(difference / norm);
}
