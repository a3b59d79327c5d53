import type { AttentionInput, AttentionResult } from '@dproj/core';
import { Checkpoint } from '../runtime/checkpoint.ts';
import type { Wasm } from '../runtime/wasm.ts';
import { attendHeads } from './attention-heads.ts';

/**
 * Single-head attention (SPEC B.11, B.13): softmax((H W_Q)(C W_K)ᵀ · scale + mask)(C W_V) with
 * H: n×d, C = context ?? H: m×d_c, W_Q: d×d_k, W_K: d_c×d_k, W_V: d_c×d_v, scale default 1/√d_k;
 * out n×d_v, and the n×m weights when `returnWeights`.
 */
export async function attention(wasm: Wasm, input: AttentionInput): Promise<AttentionResult> {
  const checkpoint = new Checkpoint(input, 'attention', input.h.rows);
  checkpoint.throwIfAborted();
  const heads = [{ wq: input.wq, wk: input.wk, wv: input.wv }];
  const result = await attendHeads(wasm, { ...input, heads }, checkpoint);
  const n = input.h.rows;
  const out = { rows: n, cols: result.width, data: wasm.arena.f32(result.out.ptr, n * result.width).slice() };
  return result.weights === undefined ? { out } : { out, weights: result.weights[0] };
}
