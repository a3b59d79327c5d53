import { WebGpuBackend } from '../src/backend.ts';
import { findAdapter, findGpu } from '../src/device/find-gpu.ts';
import type { GpuContext } from '../src/device/gpu-context.ts';
import type { DeviceLimits } from '../src/device/limits.ts';
import { openDevice } from '../src/device/open-device.ts';

/** A fresh device context (optionally planning with tighter limits); fails the test when there is no adapter. */
export async function openTestContext(tighter: Partial<DeviceLimits> = {}): Promise<GpuContext> {
  const source = await findGpu(undefined);
  if ('unavailable' in source) throw new Error(source.unavailable);
  const adapter = await findAdapter(source.gpu, undefined);
  if (typeof adapter === 'string') throw new Error(adapter);
  return openDevice(adapter, tighter);
}

/** A backend on its own device, planning with `tighter` limits. */
export async function openTestBackend(tighter: Partial<DeviceLimits> = {}): Promise<WebGpuBackend> {
  return new WebGpuBackend('webgpu', await openTestContext(tighter));
}

/** Max |a − b| over two equally long arrays. */
export function maxDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length) throw new Error(`lengths differ: ${a.length} vs ${b.length}`);
  let max = 0;
  for (let i = 0; i < a.length; i++) max = Math.max(max, Math.abs(a[i] - b[i]));
  return max;
}
