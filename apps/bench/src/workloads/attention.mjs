import { oracleAttention } from '@dproj/conformance';
import { compareRows, sampleRows } from '../check.mjs';
import { randomMatrix } from '../timing.mjs';
import { lazyCase } from './case.mjs';

/**
 * Single-head self-attention softmax((H W_Q)(H W_K)ᵀ/√d + mask)(H W_V) with H n×d and d×d weights.
 * Input: dproj's `AttentionInput`; output `{ out }`, n×d. Flops: the three projections (3·2nd²), the
 * scores and the weighted sum (2·2n²d); the causal case is counted the same (nominal), so its GFLOP/s
 * rises when an implementation skips the masked half.
 * @param {number} n
 * @param {number} d
 * @param {boolean} causal
 * @returns {import('./case.mjs').BenchCase}
 */
export function attentionCase(n, d, causal) {
  return lazyCase(causal ? 'attention-causal' : 'attention', `n=${n}, d=${d}`, () => {
    // Weights scaled by 1/√d keep the scores O(1), as trained weights do, so softmax is not one-hot.
    const w = (seed) => scaled(randomMatrix(d, d, seed), 1 / Math.sqrt(d));
    const input = {
      h: randomMatrix(n, d, 21),
      wq: w(22),
      wk: w(23),
      wv: w(24),
      ...(causal ? { mask: { kind: 'causal' } } : {}),
    };
    return {
      input,
      flops: 6 * n * d * d + 4 * n * n * d,
      check: (output) => {
        const rows = sampleRows(n);
        return compareRows(output.out, d, oracleAttention(input, rows).out, rows);
      },
    };
  });
}

/**
 * A copy of a matrix with every entry times `factor`.
 * @param {import('@dproj/core').Matrix} m
 * @param {number} factor
 */
export function scaled(m, factor) {
  return { rows: m.rows, cols: m.cols, data: m.data.map((x) => x * factor) };
}
