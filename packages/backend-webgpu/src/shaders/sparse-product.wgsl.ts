import type { KernelSource } from '../device/pipeline-cache.ts';
import { linearMain } from './common.wgsl.ts';

/**
 * Out = A R for a dense A (rows × K, leading dimension lda, starting at row `aRow0`) and a sparse R
 * (K × cols) given by columns (CSC: colPtr, rowIdx, values): Out_ib = Σ_p A[i, rowIdx_p] · values_p over
 * column b's entries. One thread per entry of Out, so each sum is a gather with no write conflicts (WGSL
 * has no float atomics). This is the sparse half of E = M (Q S) = W R (SPEC B.5) and of Q S for a
 * soft selector. Bindings: 0 params, 1 A, 2 colPtr, 3 rowIdx, 4 values, 5 Out.
 */
export function sparseProductKernel(): KernelSource {
  const code = /* wgsl */ `
struct Params { rows: u32, cols: u32, lda: u32, aRow0: u32 }
@group(0) @binding(0) var<uniform> p: Params;
@group(0) @binding(1) var<storage, read> a: array<f32>;
@group(0) @binding(2) var<storage, read> colPtr: array<u32>;
@group(0) @binding(3) var<storage, read> rowIdx: array<u32>;
@group(0) @binding(4) var<storage, read> values: array<f32>;
@group(0) @binding(5) var<storage, read_write> out: array<f32>;
${linearMain()}
  if (idx >= p.rows * p.cols) { return; }
  let i = idx / p.cols;
  let b = idx % p.cols;
  let rowStart = (p.aRow0 + i) * p.lda;
  var acc = 0.0;
  for (var e = colPtr[b]; e < colPtr[b + 1u]; e++) { acc += a[rowStart + rowIdx[e]] * values[e]; }
  out[idx] = acc;
}`;
  return { key: 'sparse-product', code };
}
