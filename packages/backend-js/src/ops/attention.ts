import type { AttentionInput, AttentionResult } from '@dproj/core';
import { matmul } from '../kernels/matmul.ts';
import { Checkpoint } from '../util/checkpoint.ts';
import { attendHead } from './attention-head.ts';

/**
 * Single-head attention (SPEC B.11, B.13): softmax((H W_Q)(C W_K)ᵀ · scale + mask)(C W_V) with
 * H: n×d, C = context ?? H: m×d_c, W_Q: d×d_k, W_K: d_c×d_k, W_V: d_c×d_v, scale default 1/√d_k;
 * out n×d_v, and the n×m weights when `returnWeights`.
 */
export async function attention(input: AttentionInput): Promise<AttentionResult> {
  const checkpoint = new Checkpoint(input, 'attention', input.h.rows);
  checkpoint.throwIfAborted();
  const context = input.context ?? input.h;
  const head = {
    queries: matmul(input.h, input.wq),
    keys: matmul(context, input.wk),
    values: matmul(context, input.wv),
    scale: input.scale ?? 1 / Math.sqrt(input.wq.cols),
  };
  return attendHead(head, input.mask, input.returnWeights ?? false, checkpoint, 0);
}
