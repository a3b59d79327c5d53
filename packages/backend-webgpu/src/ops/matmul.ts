import type { Job } from '../device/job.ts';
import { matmulKernel } from '../shaders/matmul.wgsl.ts';

/** A row-major matrix inside a buffer: element (r, c) at `offset + r · ld + c`. */
export interface MatrixView {
  readonly buffer: GPUBuffer;
  readonly offset: number;
  readonly ld: number;
}

/** A whole matrix at the start of a buffer, `cols` wide. */
export function view(buffer: GPUBuffer, cols: number, offset = 0): MatrixView {
  return { buffer, offset, ld: cols };
}

/** The largest tile whose tile² threads fit the device's workgroup (16, or 8 on small devices). */
export function matmulTile(job: Job): number {
  return job.limits.maxComputeInvocationsPerWorkgroup >= 256 ? 16 : 8;
}

/**
 * C = A B (m×n from A: m×k and B: k×n), or A Bᵀ (B: n×k) with `transB`, or C += … with `accumulate`.
 * A grid wider than the per-dimension dispatch limit is split into blocks of rows and columns, each
 * dispatched with shifted offsets.
 */
export async function matmul(
  job: Job,
  a: MatrixView,
  b: MatrixView,
  c: MatrixView,
  m: number,
  n: number,
  k: number,
  options: { transB?: boolean; accumulate?: boolean } = {},
): Promise<void> {
  if (m === 0 || n === 0) return;
  const tile = matmulTile(job);
  const transB = options.transB ?? false;
  const kernel = matmulKernel({ tile, transB, accumulate: options.accumulate ?? false });
  const span = job.limits.maxComputeWorkgroupsPerDimension * tile;
  for (let r0 = 0; r0 < m; r0 += span) {
    const rows = Math.min(span, m - r0);
    for (let c0 = 0; c0 < n; c0 += span) {
      const cols = Math.min(span, n - c0);
      const params = job.uniform([
        rows,
        cols,
        k,
        a.ld,
        b.ld,
        c.ld,
        a.offset + r0 * a.ld,
        b.offset + (transB ? c0 * b.ld : c0),
        c.offset + r0 * c.ld + c0,
      ]);
      await job.dispatch(kernel, [params, a.buffer, b.buffer, c.buffer], Math.ceil(cols / tile), Math.ceil(rows / tile));
    }
  }
}
