import type { Mask, Matrix } from '@dproj/core';
import { axpy, dot } from '../kernels/matmul.ts';
import { createOnlineSoftmax, finishRow, foldBlock, resetOnlineSoftmax, softmaxInPlace } from '../kernels/softmax.ts';
import type { Checkpoint } from '../util/checkpoint.ts';

// Query rows per block and keys per block of the streaming path: a key block's K and V rows stay in
// cache while every query row of the block reads them.
const QUERY_BLOCK = 16;
const KEY_BLOCK = 64;

/** One head after its input projections: queries H W_Q (n×d_k), keys C W_K (m×d_k), values C W_V (m×d_v). */
export interface ProjectedHead {
  readonly queries: Matrix;
  readonly keys: Matrix;
  readonly values: Matrix;
  readonly scale: number;
}

/**
 * z[t] = Z_ij for j = j0 + t, t < len, where Z = (H W_Q)(C W_K)ᵀ · scale + mask: −∞ where the
 * causal mask (j > i) or a keep mask (keep_ij = 0) hides key j; a bias adds bias_ij (−∞ hides).
 */
function scoreBlock(head: ProjectedHead, mask: Mask | undefined, i: number, j0: number, len: number, z: Float64Array): void {
  const { queries, keys, scale } = head;
  const dk = queries.cols;
  const m = keys.rows;
  for (let t = 0; t < len; t++) {
    const j = j0 + t;
    if ((mask?.kind === 'causal' && j > i) || (mask?.kind === 'keep' && mask.keep[i * m + j] === 0)) {
      z[t] = -Infinity;
      continue;
    }
    const s = dot(queries.data, i * dk, keys.data, j * dk, dk) * scale;
    z[t] = mask?.kind === 'bias' ? s + mask.bias[i * m + j] : s;
  }
}

/**
 * O = softmax(Z) (C W_V) with Z as in `scoreBlock` (n×m scores, n×d_v output; SPEC B.11). Without
 * weights it streams: per block of query rows it folds key blocks into a running max, sum and output
 * (online softmax), so no n×m buffer exists. With `returnWeights` it also returns A = softmax(Z), n×m.
 * A fully masked row gives zero weights and a zero output row. Progress is reported in query rows,
 * counted from `doneBefore`.
 */
export async function attendHead(
  head: ProjectedHead,
  mask: Mask | undefined,
  returnWeights: boolean,
  checkpoint: Checkpoint,
  doneBefore: number,
): Promise<{ out: Matrix; weights?: Matrix }> {
  const n = head.queries.rows;
  const m = head.keys.rows;
  const dv = head.values.cols;
  const out = new Float32Array(n * dv);

  if (returnWeights) {
    const weights = new Float32Array(n * m);
    const z = new Float64Array(m);
    const acc = new Float64Array(dv);
    for (let i = 0; i < n; i++) {
      scoreBlock(head, mask, i, 0, m, z);
      softmaxInPlace(z, 0, m);
      weights.set(z, i * m);
      acc.fill(0);
      for (let j = 0; j < m; j++) if (z[j] !== 0) axpy(z[j], head.values.data, j * dv, acc, 0, dv);
      out.set(acc, i * dv);
      if ((i + 1) % QUERY_BLOCK === 0) await checkpoint.step(doneBefore + i + 1);
    }
    await checkpoint.step(doneBefore + n);
    return { out: { rows: n, cols: dv, data: out }, weights: { rows: n, cols: m, data: weights } };
  }

  const state = createOnlineSoftmax(QUERY_BLOCK, dv);
  const z = new Float64Array(KEY_BLOCK);
  for (let i0 = 0; i0 < n; i0 += QUERY_BLOCK) {
    const rows = Math.min(QUERY_BLOCK, n - i0);
    resetOnlineSoftmax(state);
    // Under a causal mask no query of this block sees a key at or past i0 + rows.
    const keyEnd = mask?.kind === 'causal' ? Math.min(m, i0 + rows) : m;
    for (let j0 = 0; j0 < keyEnd; j0 += KEY_BLOCK) {
      const len = Math.min(KEY_BLOCK, keyEnd - j0);
      for (let r = 0; r < rows; r++) {
        scoreBlock(head, mask, i0 + r, j0, len, z);
        foldBlock(state, r, z, len, head.values.data, j0);
      }
    }
    for (let r = 0; r < rows; r++) finishRow(state, r, out, (i0 + r) * dv);
    await checkpoint.step(doneBefore + i0 + rows);
  }
  return { out: { rows: n, cols: dv, data: out } };
}
