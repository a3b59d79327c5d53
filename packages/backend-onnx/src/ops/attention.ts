import type { AttentionInput, AttentionResult, Mask, Matrix, MultiHeadInput, MultiHeadResult } from '@dproj/core';
import type { AttentionGraphKey } from '../graphs/attention-graph.ts';
import { attentionKey, buildAttentionGraph } from '../graphs/attention-graph.ts';
import type { MaskKind } from '../graphs/masked-softmax.ts';
import type { Feed, Fetched, GraphRunner } from '../runtime/graph-runner.ts';
import { matrixFeed, scalarFeed } from './feeds.ts';

function maskFeed(mask: Mask | undefined, n: number, m: number): { kind: MaskKind; feeds: Record<string, Feed> } {
  if (mask === undefined) return { kind: 'none', feeds: {} };
  switch (mask.kind) {
    case 'causal':
      return { kind: 'causal', feeds: {} };
    case 'keep':
      return { kind: 'keep', feeds: { keep: { type: 'bool', data: mask.keep, dims: [n, m] } } };
    case 'bias':
      return { kind: 'bias', feeds: { bias: { type: 'float32', data: mask.bias, dims: [n, m] } } };
  }
}

function asMatrix(f: Fetched): Matrix {
  return { rows: f.dims[0], cols: f.dims[1], data: f.data as Float32Array };
}

/**
 * Single-head attention (SPEC B.11, B.13) on the attention graph:
 * softmax((H W_Q)(C W_K)ᵀ · scale + mask)(C W_V), H n×d, C = context ?? H (m×d_c), scale default
 * 1/√d_k; out n×d_v, and the n×m weights A when `returnWeights`.
 */
export async function attention(runner: GraphRunner, input: AttentionInput): Promise<AttentionResult> {
  const context = input.context ?? input.h;
  const mask = maskFeed(input.mask, input.h.rows, context.rows);
  const key: AttentionGraphKey = { heads: 0, mask: mask.kind, weights: input.returnWeights ?? false };
  const out = await runner.run(attentionKey(key), () => buildAttentionGraph(key), {
    h: matrixFeed(input.h),
    c: matrixFeed(context),
    wq0: matrixFeed(input.wq),
    wk0: matrixFeed(input.wk),
    wv0: matrixFeed(input.wv),
    scale0: scalarFeed(input.scale ?? 1 / Math.sqrt(input.wq.cols)),
    ...mask.feeds,
  });
  return key.weights ? { out: asMatrix(out.out), weights: asMatrix(out.a0) } : { out: asMatrix(out.out) };
}

/**
 * Multi-head attention (SPEC B.12) as one graph: Concat_ℓ(O_ℓ) W_O, O_ℓ single-head attention with
 * head ℓ's weights and scale (default 1/√d_k⁽ℓ⁾); out n×d_out, and each head's A when asked for.
 */
export async function multiHead(runner: GraphRunner, input: MultiHeadInput): Promise<MultiHeadResult> {
  const context = input.context ?? input.h;
  const mask = maskFeed(input.mask, input.h.rows, context.rows);
  const heads = input.heads.length;
  const key: AttentionGraphKey = { heads, mask: mask.kind, weights: input.returnWeights ?? false };
  const feeds: Record<string, Feed> = { h: matrixFeed(input.h), c: matrixFeed(context), wo: matrixFeed(input.wo), ...mask.feeds };
  input.heads.forEach((w, l) => {
    feeds[`wq${l}`] = matrixFeed(w.wq);
    feeds[`wk${l}`] = matrixFeed(w.wk);
    feeds[`wv${l}`] = matrixFeed(w.wv);
    feeds[`scale${l}`] = scalarFeed(input.scale ?? 1 / Math.sqrt(w.wq.cols));
  });
  const out = await runner.run(attentionKey(key), () => buildAttentionGraph(key), feeds);
  if (!key.weights) return { out: asMatrix(out.out) };
  return { out: asMatrix(out.out), weights: input.heads.map((_, l) => asMatrix(out[`a${l}`])) };
}
