import type { AttentionInput, AttentionResult, MultiHeadInput, MultiHeadResult } from '@dproj/core';
import type { Job } from '../device/job.ts';
import { attendHeads } from './attention-core.ts';
import { matmul, view } from './matmul.ts';

/**
 * Single-head attention (SPEC B.11, B.13): softmax((H W_Q)(C W_K)ᵀ · scale + mask)(C W_V), out n×d_v,
 * with the n×m weights when `returnWeights`.
 */
export async function attention(job: Job, input: AttentionInput): Promise<AttentionResult> {
  const heads = [{ wq: input.wq, wk: input.wk, wv: input.wv }];
  const result = await attendHeads(job, input.h, input.context, heads, input.scale, input.mask, input.returnWeights ?? false);
  const n = input.h.rows;
  const out = await job.readFloats(result.concat, n * result.width);
  const matrix = { rows: n, cols: result.width, data: out };
  return result.weights === undefined ? { out: matrix } : { out: matrix, weights: result.weights[0] };
}

/**
 * Multi-head attention (SPEC B.12): Concat_ℓ(O_ℓ) W_O, n×d_out. The heads run together (one fused
 * dispatch where possible) into the concatenation, which one matmul multiplies by W_O.
 */
export async function multiHead(job: Job, input: MultiHeadInput): Promise<MultiHeadResult> {
  const result = await attendHeads(job, input.h, input.context, input.heads, input.scale, input.mask, input.returnWeights ?? false);
  const n = input.h.rows;
  const dOut = input.wo.cols;
  const wo = job.upload(input.wo.data, 'wo');
  const out = job.scratch(n * dOut * 4, 'output');
  await matmul(job, view(result.concat, result.width), view(wo, dOut), view(out, dOut), n, dOut, result.width);
  const data = await job.readFloats(out, n * dOut);
  const matrix = { rows: n, cols: dOut, data };
  return result.weights === undefined ? { out: matrix } : { out: matrix, weights: result.weights };
}
