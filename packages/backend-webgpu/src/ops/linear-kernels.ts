import type { Job } from '../device/job.ts';
import { linearGrid } from '../device/limits.ts';
import type { KernelSource } from '../device/pipeline-cache.ts';
import { LINEAR_WORKGROUP } from '../shaders/common.wgsl.ts';

/**
 * Dispatches a one-dimensional kernel over `count` threads (see `linearMain`), with its uniform block
 * first and then `bindings`.
 */
export async function runLinear(
  job: Job,
  kernel: KernelSource,
  count: number,
  params: GPUBuffer,
  bindings: readonly GPUBuffer[],
): Promise<void> {
  if (count === 0) return;
  const [x, y] = linearGrid(count, LINEAR_WORKGROUP, job.limits, job.op);
  await job.dispatch(kernel, [params, ...bindings], x, y);
}
