import { GraphBuilder } from './graph-builder.ts';
import type { MaskKind } from './masked-softmax.ts';
import { maskInput, maskScores, maskedSoftmax } from './masked-softmax.ts';

/** What shapes an attention graph: the number of heads (0 = single-head, no W_O), the mask, whether A is returned. */
export interface AttentionGraphKey {
  readonly heads: number;
  readonly mask: MaskKind;
  readonly weights: boolean;
}

/** The cache key of an attention graph. */
export function attentionKey(key: AttentionGraphKey): string {
  return `attention:h${key.heads}:${key.mask}:${key.weights ? 'w' : '-'}`;
}

/**
 * Single-head (heads = 0) or multi-head attention as one graph (SPEC B.11, B.12, B.13):
 * head ℓ: Z_ℓ = (H W_Q⁽ℓ⁾)(C W_K⁽ℓ⁾)ᵀ · scale_ℓ + mask, A_ℓ = softmax(Z_ℓ), O_ℓ = A_ℓ (C W_V⁽ℓ⁾);
 * single-head output O_0 (n×d_v), multi-head Concat_ℓ(O_ℓ) W_O (n×d_out).
 * Inputs: h (n×d), c (m×d_c; the host feeds H again for self-attention), wq{ℓ} (d×d_k⁽ℓ⁾),
 * wk{ℓ} (d_c×d_k⁽ℓ⁾), wv{ℓ} (d_c×d_v⁽ℓ⁾), scale{ℓ} (scalar), wo ((Σ d_v⁽ℓ⁾)×d_out), and `keep`
 * (bool n×m) or `bias` (n×m) by mask. Outputs: out, and a{ℓ} (n×m) when weights are asked for.
 * Every dimension is symbolic, so one session serves every size.
 */
export function buildAttentionGraph(key: AttentionGraphKey): Uint8Array {
  const g = new GraphBuilder(attentionKey(key));
  const h = g.input('h', 'float', ['n', 'd']);
  const c = g.input('c', 'float', ['m', 'dc']);
  const count = Math.max(1, key.heads);
  let mask: string | undefined;
  const outs: string[] = [];
  for (let l = 0; l < count; l++) {
    const wq = g.input(`wq${l}`, 'float', ['d', `dk${l}`]);
    const wk = g.input(`wk${l}`, 'float', ['dc', `dk${l}`]);
    const wv = g.input(`wv${l}`, 'float', ['dc', `dv${l}`]);
    const scale = g.input(`scale${l}`, 'float', []);
    const q = g.op('MatMul', [h, wq]);
    const k = g.op('MatMul', [c, wk]);
    const v = g.op('MatMul', [c, wv]);
    const scores = g.op('Mul', [g.op('MatMul', [q, g.op('Transpose', [k], { perm: { ints: [1, 0] } })]), scale]);
    // The mask is the same for every head; it is made from the first head's scores.
    mask ??= maskInput(g, key.mask, scores);
    const a = maskedSoftmax(g, maskScores(g, scores, key.mask, mask));
    outs.push(g.op('MatMul', [a, v]));
    if (key.weights) g.output(`a${l}`, a, 'float', ['n', 'm']);
  }
  if (key.heads === 0) {
    g.output('out', outs[0], 'float', ['n', 'dv0']);
  } else {
    const wo = g.input('wo', 'float', ['dvs', 'dout']);
    const concat = outs.length === 1 ? outs[0] : g.op('Concat', outs, { axis: { i: 1 } });
    g.output('out', g.op('MatMul', [concat, wo]), 'float', ['n', 'dout']);
  }
  return g.build();
}
