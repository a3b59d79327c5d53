import type { Wasm } from '../runtime/wasm.ts';
import { splitRows } from './parallel.ts';

// Rows per kernel call on the calling thread: progress and abort are checked between calls. A
// multiple of the kernel's four-row blocks.
const ROWS_PER_STEP = 64;

/** A row-major float32 block in wasm memory: `ptr` to entry (0, 0), `ld` floats from one row to the next. */
export interface Block {
  readonly ptr: number;
  readonly ld: number;
}

/** B (k×n) packed in 8-column panels for `packedProduct` (csrc/matmul.c, mm_pack), in a new arena block. */
export function packB(wasm: Wasm, b: Block, k: number, n: number, what: string): number {
  const pack = wasm.arena.alloc(wasm.kernels.mm_pack_floats(n, k) * 4, what);
  wasm.kernels.mm_pack(b.ptr, b.ld, k, n, pack);
  return pack;
}

/**
 * C = A B with B packed by `packB`: A m×k, C m×n (each with its row stride). Rows of C are split over
 * the backend's threads when the product is large and C's rows are whole (ld = n: a worker returns
 * whole rows); `step(done)` is called with the rows done so far.
 */
export async function packedProduct(
  wasm: Wasm,
  a: Block,
  pack: number,
  c: Block,
  m: number,
  n: number,
  k: number,
  step: (done: number) => Promise<void> = async () => undefined,
): Promise<void> {
  const { kernels } = wasm;
  const args = (i0: number, i1: number) => [a.ptr + i0 * a.ld * 4, a.ld, pack, c.ptr + i0 * c.ld * 4, c.ld, i1 - i0, n, k, 0] as const;
  await splitRows(
    wasm,
    {
      rows: m,
      align: 4,
      // A strided C (a column block of a wider matrix) stays on this thread: a worker returns whole rows.
      flopsPerRow: c.ld === n ? 2 * n * k : 0,
      unitsPerRow: 1,
      shared: [[pack, kernels.mm_pack_floats(n, k) * 4]],
      local: async (i0, i1, done) => {
        for (let r0 = i0; r0 < i1; r0 += ROWS_PER_STEP) {
          const r1 = Math.min(i1, r0 + ROWS_PER_STEP);
          kernels.mm_packed(...args(r0, r1));
          await done(r1 - r0);
        }
      },
      remote: (i0, i1) => ({
        inputs: [[a.ptr + i0 * a.ld * 4, (i1 - i0) * a.ld * 4]],
        calls: [['mm_packed', ...args(i0, i1)]],
        outputs: [[c.ptr + i0 * c.ld * 4, (i1 - i0) * c.ld * 4]],
      }),
    },
    step,
  );
}

/**
 * C = A B in wasm, A: m×k, B: k×n, C: m×n, each with its own row stride, so column blocks of wider
 * matrices (one head's slice) are used in place. SIMD 4×8 register tiles over B packed once in
 * 8-column panels (csrc/matmul.c); rows are split over threads where that pays. The packing scratch is
 * released on return.
 */
export async function matmulInto(wasm: Wasm, a: Block, b: Block, c: Block, m: number, n: number, k: number): Promise<void> {
  const mark = wasm.arena.mark();
  try {
    const pack = packB(wasm, b, k, n, 'matmul panels');
    await packedProduct(wasm, a, pack, c, m, n, k);
  } finally {
    wasm.arena.release(mark);
  }
}

/** Bᵀ (cols×rows, stride `rows`) of B (rows×cols) in a new arena block. */
export function transposeBlock(wasm: Wasm, b: Block, rows: number, cols: number, what: string): Block {
  const ptr = wasm.arena.alloc(rows * cols * 4, what);
  wasm.kernels.transpose_f32(b.ptr, b.ld, rows, cols, ptr, rows);
  return { ptr, ld: rows };
}
