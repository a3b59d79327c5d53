import type { AttentionInput, Mask, Matrix, MultiHeadInput } from '@dproj/core';
import type { Dense } from './dense.ts';
import { allRows, denseFromMatrix, matmul, pickRows, transpose } from './dense.ts';
import { maskValue, softmaxRows } from './softmax.ts';

/** Single-head attention in float64 for the query rows asked for. */
export interface OracleAttention {
  /** Rows of the n×d_v output. */
  readonly out: Dense;
  /** Rows of the n×m weights A. */
  readonly weights: Dense;
}

interface Head {
  readonly wq: Matrix;
  readonly wk: Matrix;
  readonly wv: Matrix;
}

function attendOneHead(
  h: Matrix,
  context: Matrix,
  head: Head,
  mask: Mask | undefined,
  scale: number | undefined,
  rows: readonly number[],
): OracleAttention {
  const queries = matmul(pickRows(denseFromMatrix(h), rows), denseFromMatrix(head.wq), head.wq.cols);
  const c = denseFromMatrix(context);
  const keys = matmul(c, denseFromMatrix(head.wk), head.wk.cols);
  const values = matmul(c, denseFromMatrix(head.wv), head.wv.cols);
  const tau = scale ?? 1 / Math.sqrt(head.wq.cols);
  const scores = matmul(queries, transpose(keys, head.wk.cols), context.rows);
  const z = scores.map((row, r) => row.map((x, j) => x * tau + maskValue(mask, rows[r], j, context.rows)));
  const weights = softmaxRows(z);
  return { out: matmul(weights, values, head.wv.cols), weights };
}

/**
 * Attention (SPEC B.11, B.13): softmax((H W_Q)(C W_K)ᵀ · scale + 𝓜)(C W_V), with C = context ?? H and
 * scale = 1/√d_k by default; H n×d, C m×d_c, W_Q d×d_k, W_K d_c×d_k, W_V d_c×d_v. `rows` picks query
 * rows (default all), so long sequences can be checked on a sample.
 */
export function oracleAttention(input: AttentionInput, rows?: readonly number[]): OracleAttention {
  const picked = rows ?? allRows(input.h.rows);
  return attendOneHead(input.h, input.context ?? input.h, input, input.mask, input.scale, picked);
}

/** Multi-head attention in float64 for the query rows asked for. */
export interface OracleMultiHead {
  /** Rows of the n×d_out output. */
  readonly out: Dense;
  /** Each head's weight rows. */
  readonly weights: readonly Dense[];
}

/**
 * Multi-head attention (SPEC B.12): Concat_ℓ(O_ℓ) W_O = Σ_ℓ O_ℓ W_O^[ℓ], where O_ℓ is head ℓ's attention
 * (scale 1/√d_k⁽ℓ⁾ unless given) and W_O^[ℓ] the ℓ-th block of d_v⁽ℓ⁾ rows of W_O ((Σ d_v)×d_out).
 */
export function oracleMultiHead(input: MultiHeadInput, rows?: readonly number[]): OracleMultiHead {
  const picked = rows ?? allRows(input.h.rows);
  const context = input.context ?? input.h;
  const heads = input.heads.map((head) => attendOneHead(input.h, context, head, input.mask, input.scale, picked));
  const concat = picked.map((_, r) => heads.flatMap((head) => head.out[r]));
  return { out: matmul(concat, denseFromMatrix(input.wo), input.wo.cols), weights: heads.map((h) => h.weights) };
}
