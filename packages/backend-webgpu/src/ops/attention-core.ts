import type { HeadWeights, Mask, Matrix } from '@dproj/core';
import type { Job } from '../device/job.ts';
import { rowsPerBlock } from '../device/limits.ts';
import { FUSED_ROWS, fusedAttentionKernel } from '../shaders/attention-fused.wgsl.ts';
import { attentionWeightsKernel } from '../shaders/attention-weights.wgsl.ts';
import { uploadMask } from './mask-layout.ts';
import { matmul, view } from './matmul.ts';

// The fused kernel keeps a query row and an output row per thread in private arrays of these widths
// at most; wider heads take the blocked path (scores, softmax, then a matmul), which has no such cap.
const FUSED_MAX_WIDTH = 256;
// Workgroup memory the fused kernel stages key and value tiles in (the WebGPU default minimum).
const TILE_BUDGET_BYTES = 16_384;

/** The heads' outputs Concat_ℓ(O_ℓ) on the device (n × Σ d_v), and the weights when asked for. */
export interface HeadsResult {
  readonly concat: GPUBuffer;
  readonly width: number;
  readonly weights?: Matrix[];
}

function nextPow2(x: number): number {
  return 2 ** Math.ceil(Math.log2(Math.max(4, x)));
}

/** Side by side: [W⁽¹⁾ W⁽²⁾ …] (rows × Σ cols), a host layout step so one matmul serves every head. */
function concatColumns(blocks: readonly Matrix[]): Float32Array {
  const rows = blocks[0].rows;
  const width = blocks.reduce((s, b) => s + b.cols, 0);
  const out = new Float32Array(rows * width);
  let c0 = 0;
  for (const b of blocks) {
    for (let r = 0; r < rows; r++) out.set(b.data.subarray(r * b.cols, (r + 1) * b.cols), r * width + c0);
    c0 += b.cols;
  }
  return out;
}

/**
 * O_ℓ = softmax((H W_Q⁽ℓ⁾)(C W_K⁽ℓ⁾)ᵀ · scale_ℓ + mask)(C W_V⁽ℓ⁾) for every head (SPEC B.11–B.13),
 * with H: n×d, C: m×d_c (C = H without context), scale_ℓ = `scale` or 1/√d_k⁽ℓ⁾.
 * The input projections of all heads are three matmuls over concatenated weights; the attention of all
 * heads is one fused dispatch (online softmax, no n×m buffer) unless the weights are asked for or a
 * head is wider than the fused kernel holds, in which case blocks of query rows get their n_b×m weights
 * (as many rows as one binding allows), then O_ℓ = A_ℓ V_ℓ by matmul.
 */
export async function attendHeads(
  job: Job,
  h: Matrix,
  context: Matrix | undefined,
  heads: readonly HeadWeights[],
  scale: number | undefined,
  mask: Mask | undefined,
  returnWeights: boolean,
): Promise<HeadsResult> {
  const c = context ?? h;
  const n = h.rows;
  const m = c.rows;
  const dkTotal = heads.reduce((s, w) => s + w.wq.cols, 0);
  const dvTotal = heads.reduce((s, w) => s + w.wv.cols, 0);

  const hBuf = job.upload(h.data, 'h');
  const cBuf = context === undefined ? hBuf : job.upload(context.data, 'context');
  const wq = job.upload(concatColumns(heads.map((w) => w.wq)), 'wq');
  const wk = job.upload(concatColumns(heads.map((w) => w.wk)), 'wk');
  const wv = job.upload(concatColumns(heads.map((w) => w.wv)), 'wv');
  const q = job.scratch(n * dkTotal * 4, 'queries');
  const k = job.scratch(m * dkTotal * 4, 'keys');
  const v = job.scratch(m * dvTotal * 4, 'values');
  await matmul(job, view(hBuf, h.cols), view(wq, dkTotal), view(q, dkTotal), n, dkTotal, h.cols);
  await matmul(job, view(cBuf, c.cols), view(wk, dkTotal), view(k, dkTotal), m, dkTotal, c.cols);
  await matmul(job, view(cBuf, c.cols), view(wv, dvTotal), view(v, dvTotal), m, dvTotal, c.cols);

  // Per head: key/query column offset, d_k, value column offset, d_v, scale (as f32 bits).
  const table = new Uint32Array(8 * heads.length);
  const tableF = new Float32Array(table.buffer);
  let kOff = 0;
  let vOff = 0;
  heads.forEach((w, l) => {
    table[8 * l] = kOff;
    table[8 * l + 1] = w.wq.cols;
    table[8 * l + 2] = vOff;
    table[8 * l + 3] = w.wv.cols;
    tableF[8 * l + 4] = scale ?? 1 / Math.sqrt(w.wq.cols);
    kOff += w.wq.cols;
    vOff += w.wv.cols;
  });
  const headTable = job.upload(table, 'heads');
  const maskBuffers = uploadMask(job, mask);
  const concat = job.scratch(n * dvTotal * 4, 'output');
  const maxDk = Math.max(...heads.map((w) => w.wq.cols));
  const maxDv = Math.max(...heads.map((w) => w.wv.cols));
  const perDim = job.limits.maxComputeWorkgroupsPerDimension;
  if (n === 0) return { concat, width: dvTotal, ...(returnWeights ? { weights: heads.map(() => ({ rows: 0, cols: m, data: new Float32Array(0) })) } : {}) };

  if (!returnWeights && maxDk <= FUSED_MAX_WIDTH && maxDv <= FUSED_MAX_WIDTH) {
    const dkCap = nextPow2(maxDk);
    const dvCap = nextPow2(maxDv);
    const budget = Math.min(TILE_BUDGET_BYTES, job.limits.maxComputeWorkgroupStorageSize);
    const keyTile = Math.max(1, Math.min(64, Math.floor(budget / ((dkCap + dvCap) * 4))));
    const kernel = fusedAttentionKernel({ dkCap, dvCap, keyTile, mask: maskBuffers.flags });
    const blocks = Math.ceil(n / FUSED_ROWS);
    for (let b0 = 0; b0 < blocks; b0 += perDim) {
      const params = job.uniform([n, m, dkTotal, dkTotal, dvTotal, dvTotal, b0 * FUSED_ROWS]);
      await job.dispatch(kernel, [params, q, k, v, concat, headTable, ...maskBuffers.buffers], Math.min(perDim, blocks - b0), heads.length);
    }
    return { concat, width: dvTotal };
  }

  const kernel = attentionWeightsKernel(maskBuffers.flags);
  const block = Math.min(perDim, rowsPerBlock(heads.length * m * 4, n, job.limits, job.op, 'weights'));
  const a = job.scratch(heads.length * block * m * 4, 'weights');
  const weights = returnWeights ? heads.map(() => new Float32Array(n * m)) : undefined;
  for (let r0 = 0; r0 < n; r0 += block) {
    job.checkAbort();
    const rows = Math.min(block, n - r0);
    const params = job.uniform([n, m, dkTotal, dkTotal, r0, rows]);
    await job.dispatch(kernel, [params, q, k, a, headTable, ...maskBuffers.buffers], rows, heads.length);
    for (let l = 0; l < heads.length; l++) {
      const t = table[8 * l + 2];
      // O_ℓ[r0 .. r0 + rows) = A_ℓ V_ℓ, written into its columns of the concatenation.
      await matmul(job, view(a, m, l * rows * m), view(v, dvTotal, t), view(concat, dvTotal, r0 * dvTotal + t), rows, table[8 * l + 3], m);
    }
    if (weights !== undefined) {
      const chunk = await job.readFloats(a, heads.length * rows * m);
      weights.forEach((w, l) => {
        w.set(chunk.subarray(l * rows * m, (l + 1) * rows * m), r0 * m);
      });
    }
  }
  return {
    concat,
    width: dvTotal,
    ...(weights === undefined ? {} : { weights: weights.map((data) => ({ rows: n, cols: m, data })) }),
  };
}
