import type { Matrix, MultiHeadInput, MultiHeadResult } from '@dproj/core';
import { matmul, matmulAccumulate, rowBlock } from '../kernels/matmul.ts';
import { Checkpoint } from '../util/checkpoint.ts';
import { attendHead } from './attention-head.ts';

/**
 * Multi-head attention (SPEC B.12): Concat_ℓ(O_ℓ) W_O = Σ_ℓ O_ℓ W_O^[ℓ], where O_ℓ is single-head
 * attention with head ℓ's W_Q, W_K, W_V (n×d_v⁽ℓ⁾) and W_O^[ℓ] is the ℓ-th block of d_v⁽ℓ⁾ rows of
 * W_O ((Σ_ℓ d_v⁽ℓ⁾)×d_out). One mask and one scale (default 1/√d_k⁽ℓ⁾ per head) serve every head.
 * The sum over heads is accumulated in float64, so the concatenation is never formed.
 */
export async function multiHead(input: MultiHeadInput): Promise<MultiHeadResult> {
  const n = input.h.rows;
  const checkpoint = new Checkpoint(input, 'multiHead', n * input.heads.length);
  checkpoint.throwIfAborted();
  const context = input.context ?? input.h;
  const dOut = input.wo.cols;
  const sum = new Float64Array(n * dOut);
  const weights: Matrix[] = [];
  let row0 = 0;
  for (let l = 0; l < input.heads.length; l++) {
    const w = input.heads[l];
    const head = {
      queries: matmul(input.h, w.wq),
      keys: matmul(context, w.wk),
      values: matmul(context, w.wv),
      scale: input.scale ?? 1 / Math.sqrt(w.wq.cols),
    };
    const result = await attendHead(head, input.mask, input.returnWeights ?? false, checkpoint, l * n);
    matmulAccumulate(result.out, rowBlock(input.wo, row0, w.wv.cols), sum);
    row0 += w.wv.cols;
    if (result.weights !== undefined) weights.push(result.weights);
  }
  const out = { rows: n, cols: dOut, data: Float32Array.from(sum) };
  return input.returnWeights ? { out, weights } : { out };
}
