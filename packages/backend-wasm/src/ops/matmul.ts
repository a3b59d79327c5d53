import type { Wasm } from '../runtime/wasm.ts';

// Floats of the kernel's packed B panel: KC (256) rows × 16 columns (csrc/matmul.c).
const PACK_FLOATS = 256 * 16;

/** A row-major float32 block in wasm memory: `ptr` to entry (0, 0), `ld` floats from one row to the next. */
export interface Block {
  readonly ptr: number;
  readonly ld: number;
}

/**
 * C = A B (or C += A B with `accumulate`) in wasm, A: m×k, B: k×n, C: m×n, each with its own row stride,
 * so column blocks of wider matrices (one head's slice) are used in place. SIMD 4×16 register tiles
 * over packed 16-column panels of B (csrc/matmul.c).
 */
export function matmulInto(wasm: Wasm, a: Block, b: Block, c: Block, m: number, n: number, k: number, accumulate = false): void {
  const pack = wasm.arena.alloc(PACK_FLOATS * 4, 'matmul panel');
  wasm.kernels.mm_f32(a.ptr, a.ld, b.ptr, b.ld, c.ptr, c.ld, m, n, k, accumulate ? 1 : 0, pack);
}

/** Bᵀ (cols×rows, stride `rows`) of B (rows×cols) in a new arena block. */
export function transposeBlock(wasm: Wasm, b: Block, rows: number, cols: number, what: string): Block {
  const ptr = wasm.arena.alloc(rows * cols * 4, what);
  wasm.kernels.transpose_f32(b.ptr, b.ld, rows, cols, ptr, rows);
  return { ptr, ld: rows };
}
