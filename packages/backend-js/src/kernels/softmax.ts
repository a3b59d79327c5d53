import { axpy } from './matmul.ts';

// Masked entries are −∞ in a float64 score buffer: exp(−∞ − max) is exactly 0, so a mask needs no
// second array, and a row whose maximum is −∞ is fully masked.

/**
 * In place over z[off .. off+len): z ← softmax(z) = exp(z − max) / Σ exp(z − max), the max taken over
 * unmasked (finite) entries. A fully masked row becomes a zero row (SPEC B.14).
 */
export function softmaxInPlace(z: Float64Array, off: number, len: number): void {
  let max = -Infinity;
  for (let j = off; j < off + len; j++) if (z[j] > max) max = z[j];
  if (max === -Infinity) {
    z.fill(0, off, off + len);
    return;
  }
  let sum = 0;
  for (let j = off; j < off + len; j++) {
    const e = Math.exp(z[j] - max);
    z[j] = e;
    sum += e;
  }
  const inv = 1 / sum;
  for (let j = off; j < off + len; j++) z[j] *= inv;
}

/**
 * Running state of a streaming (online) softmax-weighted sum for `rows` query rows:
 * after folding key blocks, row r holds max_r = max z, sum_r = Σ exp(z − max_r) and
 * acc_r = Σ exp(z − max_r) · v_j (width entries), so softmax(z) V = acc_r / sum_r.
 */
export interface OnlineSoftmax {
  readonly width: number;
  readonly max: Float64Array;
  readonly sum: Float64Array;
  readonly acc: Float64Array;
}

/** A fresh state for `rows` rows of output width `width` (d_v). */
export function createOnlineSoftmax(rows: number, width: number): OnlineSoftmax {
  const state = { width, max: new Float64Array(rows), sum: new Float64Array(rows), acc: new Float64Array(rows * width) };
  resetOnlineSoftmax(state);
  return state;
}

/** Empties every row of the state (max −∞, sums 0). */
export function resetOnlineSoftmax(state: OnlineSoftmax): void {
  state.max.fill(-Infinity);
  state.sum.fill(0);
  state.acc.fill(0);
}

/**
 * Folds one key block into row r: scores z[0..len) (−∞ masked) against value rows
 * values[(row0 + t) · width ..] for t < len. Rescales the running sums by exp(max_old − max_new)
 * when the block raises the maximum, so no exponent ever overflows.
 */
export function foldBlock(
  state: OnlineSoftmax,
  r: number,
  z: Float64Array,
  len: number,
  values: Float32Array,
  row0: number,
): void {
  let blockMax = -Infinity;
  for (let t = 0; t < len; t++) if (z[t] > blockMax) blockMax = z[t];
  if (blockMax === -Infinity) return;
  const w = state.width;
  const accOff = r * w;
  const oldMax = state.max[r];
  let max = oldMax;
  if (blockMax > oldMax) {
    max = blockMax;
    // From −∞ the factor is 0, which is right: nothing has been summed yet.
    const shrink = Math.exp(oldMax - max);
    state.sum[r] *= shrink;
    for (let t = 0; t < w; t++) state.acc[accOff + t] *= shrink;
    state.max[r] = max;
  }
  let sum = state.sum[r];
  for (let t = 0; t < len; t++) {
    if (z[t] === -Infinity) continue;
    const p = Math.exp(z[t] - max);
    sum += p;
    axpy(p, values, (row0 + t) * w, state.acc, accOff, w);
  }
  state.sum[r] = sum;
}

/** out[outOff .. outOff+width) = acc_r / sum_r, or a zero row when row r saw only masked keys. */
export function finishRow(state: OnlineSoftmax, r: number, out: Float32Array, outOff: number): void {
  const w = state.width;
  const sum = state.sum[r];
  if (sum === 0) {
    out.fill(0, outOff, outOff + w);
    return;
  }
  const inv = 1 / sum;
  for (let t = 0; t < w; t++) out[outOff + t] = state.acc[r * w + t] * inv;
}
