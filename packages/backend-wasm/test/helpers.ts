import type { Matrix } from '@dproj/core';
import { Arena } from '../src/runtime/arena.ts';
import { instantiateKernels } from '../src/runtime/load-module.ts';
import type { Wasm } from '../src/runtime/wasm.ts';

/** A fresh kernels instance with its arena, as a backend holds one. */
export async function freshWasm(): Promise<Wasm> {
  const kernels = await instantiateKernels();
  return { kernels, arena: new Arena(kernels.memory, (kernels.__heap_base.value as number) >>> 0) };
}

/** A seeded generator of uniform numbers in [−1, 1) (mulberry32). */
export function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (((t ^ (t >>> 14)) >>> 0) / 4294967296) * 2 - 1;
  };
}

export function randomMatrix(rows: number, cols: number, next: () => number): Matrix {
  return { rows, cols, data: Float32Array.from({ length: rows * cols }, next) };
}

/** The textbook triple loop in float64. */
export function naiveMatmul(a: Matrix, b: Matrix): Float64Array {
  const out = new Float64Array(a.rows * b.cols);
  for (let i = 0; i < a.rows; i++)
    for (let j = 0; j < b.cols; j++) {
      let s = 0;
      for (let t = 0; t < a.cols; t++) s += a.data[i * a.cols + t] * b.data[t * b.cols + j];
      out[i * b.cols + j] = s;
    }
  return out;
}

/** max_i |a_i − b_i| / max(1, max_i |b_i|). */
export function relError(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length) throw new Error(`lengths differ: ${a.length} vs ${b.length}`);
  let d = 0;
  let scale = 1;
  for (let i = 0; i < a.length; i++) {
    d = Math.max(d, Math.abs(a[i] - b[i]));
    scale = Math.max(scale, Math.abs(b[i]));
  }
  return d / scale;
}
