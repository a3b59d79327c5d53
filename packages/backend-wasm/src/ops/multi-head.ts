import type { MultiHeadInput, MultiHeadResult } from '@dproj/core';
import { Checkpoint } from '../runtime/checkpoint.ts';
import type { Wasm } from '../runtime/wasm.ts';
import { attendHeads } from './attention-heads.ts';
import { matmulInto } from './matmul.ts';

/**
 * Multi-head attention (SPEC B.12): Concat_ℓ(O_ℓ) W_O, where O_ℓ is single-head attention with head
 * ℓ's W_Q, W_K, W_V (n×d_v⁽ℓ⁾) and W_O is (Σ_ℓ d_v⁽ℓ⁾)×d_out. The heads write their outputs side by
 * side, so the concatenation is the heads' output block itself and W_O is one matmul.
 */
export async function multiHead(wasm: Wasm, input: MultiHeadInput): Promise<MultiHeadResult> {
  const n = input.h.rows;
  const checkpoint = new Checkpoint(input, 'multiHead', n * input.heads.length);
  checkpoint.throwIfAborted();
  const heads = await attendHeads(wasm, input, checkpoint);
  const dOut = input.wo.cols;
  const wo = { ptr: wasm.arena.copyIn(input.wo.data, 'wo'), ld: dOut };
  const out = { ptr: wasm.arena.alloc(n * dOut * 4, 'output'), ld: dOut };
  await matmulInto(wasm, heads.out, wo, out, n, dOut, heads.width);
  const result = { rows: n, cols: dOut, data: wasm.arena.f32(out.ptr, n * dOut).slice() };
  return heads.weights === undefined ? { out: result } : { out: result, weights: heads.weights };
}
