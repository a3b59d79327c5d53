import type { ProjectionInput, ProjectionResult } from '@dproj/core';
import { Checkpoint } from '../runtime/checkpoint.ts';
import type { Matrix } from '@dproj/core';
import type { Wasm } from '../runtime/wasm.ts';
import { packB, transposeBlock } from './matmul.ts';
import { placeOperator } from './operator.ts';
import { splitRows } from './parallel.ts';
import type { WasmOperator } from './operator.ts';
import { applyDistanceKernel, offsetProjection } from './positional.ts';
import { groupPositions, readSelector } from '@dproj/core';
import type { SelectorData } from '@dproj/core';

// Rows per kernel call: progress and abort are checked between calls.
const ROWS_PER_STEP = 64;

/** A selector placed in wasm: token ids, or the dense soft rows. */
function placeSelector(wasm: Wasm, sel: SelectorData, what: string): { ids: number; q: number } {
  return sel.kind === 'tokens' ? { ids: wasm.arena.copyIn(sel.ids, `${what} tokens`), q: 0 } : { ids: 0, q: wasm.arena.copyIn(sel.q.data, `${what} q`) };
}

/**
 * The projection operator (SPEC B.4, B.5, B.9, B.10, B.13): with selectors Q_x (n×V) and Q_y (m×V,
 * Q_y = Q_x without `other`) and S_dir = S, Sᵀ or S + Sᵀ by `direction`, M = Q_x S_dir Q_yᵀ (n×m),
 * optionally replaced by M^pos or K ∘ M (`positional`), and E = M (Q_y S_dir) (n×V) dense or top-k
 * per row. Sparse S is only read row by row (a gather per token, sparse × dense for a soft selector);
 * sums are float64 in the kernels and round once.
 */
export async function projection(wasm: Wasm, input: ProjectionInput): Promise<ProjectionResult> {
  const { arena, kernels } = wasm;
  const x = readSelector(input);
  const y = input.other === undefined ? x : readSelector(input.other);
  const positional = input.positional;
  const predict = input.predict;
  const n = x.length;
  const m = y.length;
  const checkpoint = new Checkpoint(input, 'projection', n * (predict === undefined ? 1 : 2));
  checkpoint.throwIfAborted();

  // Placed on first use: an offset refinement without prediction never reads S.
  let op: WasmOperator | undefined;
  const operator = (): WasmOperator => (op ??= placeOperator(wasm, input.s, input.direction ?? 'forward'));
  const xGroups = x.kind === 'tokens' ? groupPositions(x.ids) : undefined;
  const xPlaced = placeSelector(wasm, x, 'x');
  const yPlaced = input.other === undefined ? xPlaced : placeSelector(wasm, y, 'other');
  // first[i]: the first position holding x_i; its row of M (and of E) serves every later one.
  const rep = xGroups === undefined ? 0 : arena.copyIn(xGroups.first, 'same-word rows');

  let mPtr: number;
  if (positional?.kind === 'offset') {
    // The engine guarantees token ids here (validation rejects a soft selector with offsets).
    mPtr = await offsetProjection(wasm, x.kind === 'tokens' ? x.ids : new Uint32Array(0), positional.offsets, positional.weighting ?? 'harmonic', checkpoint);
  } else if (x.kind === 'soft' && operator().dense !== undefined) {
    mPtr = await softDenseM(wasm, x.q, xPlaced.q, operator(), y, yPlaced, checkpoint);
    if (positional?.kind === 'kernel') applyDistanceKernel(wasm, mPtr, n, m, positional.kappa);
  } else {
    const s = operator();
    mPtr = arena.alloc(n * m * 4, 'M');
    const acc = arena.alloc(s.cols * 8, 'row accumulator');
    for (let i0 = 0; i0 < n; i0 += ROWS_PER_STEP) {
      const i1 = Math.min(n, i0 + ROWS_PER_STEP);
      kernels.proj_m(s.ptr, i0, i1, xPlaced.ids, xPlaced.q, rep, yPlaced.ids, yPlaced.q, m, acc, mPtr);
      await checkpoint.step(i1);
    }
    if (positional?.kind === 'kernel') applyDistanceKernel(wasm, mPtr, n, m, positional.kappa);
  }
  const mOut = { rows: n, cols: m, data: arena.f32(mPtr, n * m).slice() };
  if (predict === undefined) return { m: mOut };

  const s = operator();
  const V = s.cols;
  const yGroups = y.kind === 'tokens' ? (input.other === undefined ? xGroups : groupPositions(y.ids)) : undefined;
  const yGroup = yGroups === undefined ? 0 : arena.copyIn(yGroups.groupOf, 'other word groups');
  const yWords = yGroups === undefined ? 0 : arena.copyIn(yGroups.words, 'other words');
  const nWords = yGroups?.words.length ?? 0;
  const yCols = y.kind === 'soft' ? y.q.cols : 0;
  const wbuf = arena.alloc(Math.max(nWords, yCols) * 8, 'word weights');
  const acc = arena.alloc(V * 8, 'row accumulator');
  // Without positions, rows of E depend only on the word x_i: computed once per word.
  const eRep = positional === undefined ? rep : 0;
  const k = predict.kind === 'topk' ? predict.k : 0;
  const e = predict.kind === 'dense' ? arena.alloc(n * V * 4, 'E') : 0;
  const ids = k > 0 ? arena.alloc(n * k * 4, 'top-k ids') : 0;
  const scores = k > 0 ? arena.alloc(n * k * 4, 'top-k scores') : 0;
  const heap = k > 0 ? arena.alloc(k * 4, 'top-k heap') : 0;
  for (let i0 = 0; i0 < n; i0 += ROWS_PER_STEP) {
    const i1 = Math.min(n, i0 + ROWS_PER_STEP);
    kernels.proj_e(s.ptr, i0, i1, mPtr, m, eRep, yGroup, yWords, nWords, yPlaced.q, yCols, wbuf, acc, e, k, ids, scores, heap);
    await checkpoint.step(n + i1);
  }
  if (predict.kind === 'dense') return { m: mOut, e: { rows: n, cols: V, data: arena.f32(e, n * V).slice() } };
  return { m: mOut, topk: { k, ids: arena.u32(ids, n * k).slice(), scores: arena.f32(scores, n * k).slice() } };
}

/**
 * M = Q_x S_dir Q_yᵀ for a soft Q_x (n×V) and a dense S_dir as float32 GEMMs: R = Q_x S_dir by the
 * packed SIMD matmul, then the columns y of R (one-hot Q_y) or R Q_yᵀ (soft Q_y). The float64
 * row-at-a-time path (proj_m) runs this at a seventh of the speed: a dense product has no sparsity
 * for it to exploit, and float32 sums stay within the float32 contract. Rows of M are split over the
 * backend's threads. Returns M's offset (n×m).
 */
async function softDenseM(
  wasm: Wasm,
  xq: Matrix,
  xPtr: number,
  s: WasmOperator,
  y: SelectorData,
  yPlaced: { ids: number; q: number },
  checkpoint: Checkpoint,
): Promise<number> {
  const { arena, kernels } = wasm;
  const n = xq.rows;
  const V = s.cols;
  const m = y.length;
  const sPack = packB(wasm, { ptr: s.dense ?? 0, ld: V }, s.rows, V, 'S panels');
  const sPackBytes = kernels.mm_pack_floats(V, s.rows) * 4;
  // Q_yᵀ (V×m) packed for the second product; a one-hot Q_y is a column gather instead.
  const yPack = y.kind === 'soft' ? packB(wasm, transposeBlock(wasm, { ptr: yPlaced.q, ld: V }, m, V, 'Q_yᵀ'), V, m, 'Q_yᵀ panels') : 0;
  const yBytes = y.kind === 'soft' ? kernels.mm_pack_floats(m, V) * 4 : m * 4;
  const r = arena.alloc(n * V * 4, 'Q_x S');
  const mPtr = arena.alloc(n * m * 4, 'M');
  const rowsOf = (i0: number, i1: number) => {
    const rows = i1 - i0;
    const rPtr = r + i0 * V * 4;
    const product = [xPtr + i0 * xq.cols * 4, xq.cols, sPack, rPtr, V, rows, V, s.rows, 0] as const;
    const second = y.kind === 'soft' ? ([rPtr, V, yPack, mPtr + i0 * m * 4, m, rows, m, V, 0] as const) : undefined;
    const gather = [rPtr, V, rows, yPlaced.ids, m, mPtr + i0 * m * 4] as const;
    return { product, second, gather };
  };
  await splitRows(
    wasm,
    {
      rows: n,
      align: 4,
      flopsPerRow: 2 * V * (s.rows + (y.kind === 'soft' ? m : 0)),
      unitsPerRow: 1,
      shared: [
        [sPack, sPackBytes],
        [y.kind === 'soft' ? yPack : yPlaced.ids, yBytes],
      ],
      local: async (i0, i1, done) => {
        for (let r0 = i0; r0 < i1; r0 += ROWS_PER_STEP) {
          const r1 = Math.min(i1, r0 + ROWS_PER_STEP);
          const { product, second, gather } = rowsOf(r0, r1);
          kernels.mm_packed(...product);
          if (second !== undefined) kernels.mm_packed(...second);
          else kernels.gather_cols(...gather);
          await done(r1 - r0);
        }
      },
      remote: (i0, i1) => {
        const { product, second, gather } = rowsOf(i0, i1);
        return {
          inputs: [[xPtr + i0 * xq.cols * 4, (i1 - i0) * xq.cols * 4]],
          calls: [['mm_packed', ...product], second === undefined ? ['gather_cols', ...gather] : ['mm_packed', ...second]],
          outputs: [[mPtr + i0 * m * 4, (i1 - i0) * m * 4]],
        };
      },
    },
    (done) => checkpoint.step(done),
  );
  return mPtr;
}
