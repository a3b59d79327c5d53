import type { HeadWeights, Mask, Matrix } from '@dproj/core';
import type { Checkpoint } from '../runtime/checkpoint.ts';
import type { Wasm } from '../runtime/wasm.ts';
import { matmulInto, transposeBlock } from './matmul.ts';
import type { Block } from './matmul.ts';
import { splitRows } from './parallel.ts';
import type { KernelExports } from '../runtime/kernels.ts';
import type { KernelCall, Region } from '../runtime/threads.ts';

// Query rows per kernel call: progress and abort are checked between calls. A multiple of the
// kernel's four-row blocks.
const ROWS_PER_STEP = 64;
// Keys per streaming block in csrc/attention.c, for sizing its scratch.
const KEY_BLOCK = 64;

const MASK_CODE = { none: 0, causal: 1, keep: 2, bias: 3 } as const;

/** Input of one or more attention heads over the same states and mask. */
export interface HeadsInput {
  readonly h: Matrix;
  readonly context?: Matrix;
  readonly heads: readonly HeadWeights[];
  readonly mask?: Mask;
  readonly scale?: number;
  readonly returnWeights?: boolean;
}

/** The heads' outputs side by side, O = [O_1 … O_h] (n×Σd_v, stride Σd_v), and each head's weights. */
export interface HeadsOutput {
  readonly out: Block;
  readonly width: number;
  readonly weights?: Matrix[];
}

/** The matrices side by side, [M_1 … M_h] (rows×Σcols), copied into one arena block. */
function concatColumns(wasm: Wasm, mats: readonly Matrix[], what: string): Block {
  if (mats.length === 1) return { ptr: wasm.arena.copyIn(mats[0].data, what), ld: mats[0].cols };
  const rows = mats[0].rows;
  const width = mats.reduce((sum, w) => sum + w.cols, 0);
  const ptr = wasm.arena.alloc(rows * width * 4, what);
  const view = wasm.arena.f32(ptr, rows * width);
  let off = 0;
  for (const w of mats) {
    for (let r = 0; r < rows; r++) view.set(w.data.subarray(r * w.cols, (r + 1) * w.cols), r * width + off);
    off += w.cols;
  }
  return { ptr, ld: width };
}

/**
 * O_ℓ = softmax((H W_Q⁽ℓ⁾)(C W_K⁽ℓ⁾)ᵀ · scale_ℓ + mask)(C W_V⁽ℓ⁾) for every head ℓ (SPEC B.11, B.12),
 * H: n×d, C = context ?? H: m×d_c, scale_ℓ = scale ?? 1/√d_k⁽ℓ⁾. The projections of all heads are
 * three matmuls against the heads' weights side by side; K is kept transposed (Σd_k×m), so head ℓ
 * reads a column block of Q and V and a row block of Kᵀ in place. Without weights the fused kernel
 * streams over key blocks (no n×m buffer); with them, A is formed row block by row block and O = A V.
 * Progress counts query rows, from `doneBefore`.
 */
export async function attendHeads(wasm: Wasm, input: HeadsInput, checkpoint: Checkpoint): Promise<HeadsOutput> {
  const { arena, kernels } = wasm;
  const { h, heads } = input;
  const context = input.context ?? h;
  const n = h.rows;
  const m = context.rows;
  const dkSum = heads.reduce((sum, w) => sum + w.wq.cols, 0);
  const dvSum = heads.reduce((sum, w) => sum + w.wv.cols, 0);

  const hBlock: Block = { ptr: arena.copyIn(h.data, 'h'), ld: h.cols };
  const cBlock: Block = input.context === undefined ? hBlock : { ptr: arena.copyIn(context.data, 'context'), ld: context.cols };
  const wq = concatColumns(wasm, heads.map((w) => w.wq), 'wq');
  const wk = concatColumns(wasm, heads.map((w) => w.wk), 'wk');
  const wv = concatColumns(wasm, heads.map((w) => w.wv), 'wv');

  const q: Block = { ptr: arena.alloc(n * dkSum * 4, 'queries H W_Q'), ld: dkSum };
  await matmulInto(wasm, hBlock, wq, q, n, dkSum, h.cols);
  const k: Block = { ptr: arena.alloc(m * dkSum * 4, 'keys C W_K'), ld: dkSum };
  await matmulInto(wasm, cBlock, wk, k, m, dkSum, context.cols);
  const v: Block = { ptr: arena.alloc(m * dvSum * 4, 'values C W_V'), ld: dvSum };
  await matmulInto(wasm, cBlock, wv, v, m, dvSum, context.cols);
  const out: Block = { ptr: arena.alloc(n * dvSum * 4, 'head outputs'), ld: dvSum };

  const mask = input.mask;
  const maskCode = MASK_CODE[mask?.kind ?? 'none'];
  const keep = mask?.kind === 'keep' ? arena.copyIn(mask.keep, 'mask.keep') : 0;
  const bias = mask?.kind === 'bias' ? arena.copyIn(mask.bias, 'mask.bias') : 0;

  const returnWeights = input.returnWeights ?? false;
  const weights: Matrix[] = [];
  const maxDv = heads.reduce((max, w) => Math.max(max, w.wv.cols), 0);
  const scratch = returnWeights ? 0 : arena.alloc((4 * Math.ceil(maxDv / 16) * 16 + 4 * KEY_BLOCK) * 4, 'attention scratch');
  const w = returnWeights ? arena.alloc(n * m * 4, 'attention weights') : 0;

  // Each head's operands: its column block of Q, K, V and O.
  const placed = heads.map((head, l) => {
    const dkOff = heads.slice(0, l).reduce((sum, hw) => sum + hw.wq.cols, 0);
    const dvOff = heads.slice(0, l).reduce((sum, hw) => sum + hw.wv.cols, 0);
    const dk = head.wq.cols;
    return { dk, dv: head.wv.cols, dkOff, dvOff, scale: input.scale ?? 1 / Math.sqrt(dk), qPtr: q.ptr + dkOff * 4, oPtr: out.ptr + dvOff * 4 };
  });

  if (returnWeights) {
    // The weights path stays on this thread: its n×m weights would have to travel back for every head.
    const kt = transposeBlock(wasm, k, m, dkSum, 'keys transposed');
    for (const [l, head] of placed.entries()) {
      const ktPtr = kt.ptr + head.dkOff * m * 4;
      for (let i0 = 0; i0 < n; i0 += ROWS_PER_STEP) {
        const i1 = Math.min(n, i0 + ROWS_PER_STEP);
        kernels.attn_weights(head.qPtr, dkSum, ktPtr, m, w, i0, i1, m, head.dk, head.scale, maskCode, keep, bias);
        await checkpoint.step(l * n + i1);
      }
      await matmulInto(wasm, { ptr: w, ld: m }, { ptr: v.ptr + head.dvOff * 4, ld: dvSum }, { ptr: head.oPtr, ld: dvSum }, n, head.dv, m);
      weights.push({ rows: n, cols: m, data: arena.f32(w, n * m).slice() });
    }
    return { out, width: dvSum, weights };
  }

  // The streaming kernel reads each head's keys packed by key block and its values contiguous
  // (csrc/attention.c, pack_keys): strided rows of a wide Kᵀ or V collide in L1.
  const keyFloats = placed.map((head) => kernels.pack_keys_floats(m, head.dk));
  const kp = arena.alloc(keyFloats.reduce((sum, f) => sum + f, 0) * 4, 'keys packed by block');
  const vc = heads.length === 1 ? v.ptr : arena.alloc(m * dvSum * 4, 'values by head');
  const streams = placed.map((head, l) => {
    const kpPtr = kp + keyFloats.slice(0, l).reduce((sum, f) => sum + f, 0) * 4;
    kernels.pack_keys(k.ptr + head.dkOff * 4, dkSum, m, head.dk, kpPtr);
    const vPtr = heads.length === 1 ? v.ptr : vc + head.dvOff * m * 4;
    if (heads.length > 1) kernels.copy_block(v.ptr + head.dvOff * 4, dvSum, m, head.dv, vPtr, head.dv);
    return { ...head, kpPtr, vPtr };
  });

  type StreamArgs = Parameters<KernelExports['attn_stream']>;
  const streamArgs = (head: (typeof streams)[number], i0: number, i1: number): StreamArgs =>
    [head.qPtr, dkSum, head.kpPtr, head.vPtr, head.dv, head.oPtr, dvSum, i0, i1, m, head.dk, head.dv, head.scale, maskCode, keep, bias, scratch];
  const keyBytes = keyFloats.reduce((sum, f) => sum + f, 0) * 4;
  // Query rows are split over threads; every chunk runs all heads for its rows, so a worker returns
  // whole rows of O. Under the causal mask row i sees i + 1 keys, so the work up to row r grows like
  // r²: chunks are cut at equal work (row fraction √(work fraction)), not equal rows.
  await splitRows(
    wasm,
    {
      rows: n,
      align: 4,
      flopsPerRow: placed.reduce((sum, head) => sum + 2 * m * (head.dk + head.dv), 0),
      unitsPerRow: heads.length,
      shared: [
        [kp, keyBytes],
        [vc, m * dvSum * 4],
      ],
      local: async (r0, r1, done) => {
        for (const head of streams) {
          for (let i0 = r0; i0 < r1; i0 += ROWS_PER_STEP) {
            const i1 = Math.min(r1, i0 + ROWS_PER_STEP);
            kernels.attn_stream(...streamArgs(head, i0, i1));
            await done(i1 - i0);
          }
        }
      },
      remote: (r0, r1) => {
        const inputs: Region[] = [[q.ptr + r0 * dkSum * 4, (r1 - r0) * dkSum * 4]];
        if (keep !== 0) inputs.push([keep + r0 * m, (r1 - r0) * m]);
        if (bias !== 0) inputs.push([bias + r0 * m * 4, (r1 - r0) * m * 4]);
        return {
          inputs,
          calls: streams.map((head): KernelCall => ['attn_stream', ...streamArgs(head, r0, r1)]),
          outputs: [[out.ptr + r0 * dvSum * 4, (r1 - r0) * dvSum * 4]],
        };
      },
      rowsAt: maskCode === MASK_CODE.causal ? Math.sqrt : undefined,
    },
    (done) => checkpoint.step(done),
  );
  return returnWeights ? { out, width: dvSum, weights } : { out, width: dvSum };
}
