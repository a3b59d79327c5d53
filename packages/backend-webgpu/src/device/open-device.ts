import { GpuContext } from './gpu-context.ts';
import type { DeviceLimits } from './limits.ts';
import { limitsOf } from './limits.ts';

// The limits the kernels plan with; each is requested at the adapter's value rather than the default,
// so large buffers and wide dispatches use what the hardware has.
const REQUESTED: readonly (keyof DeviceLimits)[] = [
  'maxStorageBufferBindingSize',
  'maxBufferSize',
  'maxComputeWorkgroupsPerDimension',
  'maxComputeInvocationsPerWorkgroup',
  'maxComputeWorkgroupStorageSize',
];

/**
 * A device with the adapter's limits for storage buffers, dispatch sizes and workgroups (and at least
 * 8 storage buffers per stage, which the kernels use). `tighter` lowers the limits the kernels plan
 * with, without changing the device (tests use it to exercise split work).
 */
export async function openDevice(adapter: GPUAdapter, tighter: Partial<DeviceLimits> = {}): Promise<GpuContext> {
  const requiredLimits: Record<string, number> = {};
  for (const key of REQUESTED) requiredLimits[key] = adapter.limits[key];
  requiredLimits.maxStorageBuffersPerShaderStage = adapter.limits.maxStorageBuffersPerShaderStage;
  const device = await adapter.requestDevice({ requiredLimits, label: 'dproj' });
  return new GpuContext(device, limitsOf(device, tighter), 'webgpu');
}
