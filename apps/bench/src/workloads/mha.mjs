import { oracleMultiHead } from '@dproj/conformance';
import { compareRows, sampleRows } from '../check.mjs';
import { randomMatrix } from '../timing.mjs';
import { scaled } from './attention.mjs';
import { lazyCase } from './case.mjs';

/**
 * A multi-head self-attention block Concat_ℓ(head_ℓ) W_O with `heads` heads of d_k = d_v = dk over
 * H n×d_model, W_O (heads·dk)×d_model. Input: dproj's `MultiHeadInput`; output `{ out }`, n×d_model.
 * Flops: projections 3·2·n·d_model·(heads·dk), scores and sums heads·4n²dk, W_O 2n·(heads·dk)·d_model.
 * @param {{ n: number, dModel: number, heads: number, dk: number }} shape
 * @returns {import('./case.mjs').BenchCase}
 */
export function mhaCase({ n, dModel, heads, dk }) {
  return lazyCase('mha', `n=${n}, d_model=${dModel}, ${heads} heads`, () => {
    const w = (rows, cols, seed) => scaled(randomMatrix(rows, cols, seed), 1 / Math.sqrt(rows));
    const input = {
      h: randomMatrix(n, dModel, 31),
      heads: Array.from({ length: heads }, (_, l) => ({
        wq: w(dModel, dk, 100 + 3 * l),
        wk: w(dModel, dk, 101 + 3 * l),
        wv: w(dModel, dk, 102 + 3 * l),
      })),
      wo: w(heads * dk, dModel, 32),
    };
    const inner = heads * dk;
    return {
      input,
      flops: 6 * n * dModel * inner + heads * 4 * n * n * dk + 2 * n * inner * dModel,
      check: (output) => {
        const rows = sampleRows(n);
        return compareRows(output.out, dModel, oracleMultiHead(input, rows).out, rows);
      },
    };
  });
}
