import { ResourceLimitError } from '@dproj/core';
import type { OpName } from '@dproj/core';

/** The device limits the kernels plan their work by. */
export interface DeviceLimits {
  readonly maxStorageBufferBindingSize: number;
  readonly maxBufferSize: number;
  readonly maxComputeWorkgroupsPerDimension: number;
  readonly maxComputeInvocationsPerWorkgroup: number;
  readonly maxComputeWorkgroupStorageSize: number;
}

/** The limits of a device, optionally tightened (tests use this to force split work on any device). */
export function limitsOf(device: GPUDevice, tighter: Partial<DeviceLimits> = {}): DeviceLimits {
  const l = device.limits;
  const pick = (key: keyof DeviceLimits): number => Math.min(l[key], tighter[key] ?? Number.POSITIVE_INFINITY);
  return {
    maxStorageBufferBindingSize: pick('maxStorageBufferBindingSize'),
    maxBufferSize: pick('maxBufferSize'),
    maxComputeWorkgroupsPerDimension: pick('maxComputeWorkgroupsPerDimension'),
    maxComputeInvocationsPerWorkgroup: pick('maxComputeInvocationsPerWorkgroup'),
    maxComputeWorkgroupStorageSize: pick('maxComputeWorkgroupStorageSize'),
  };
}

/** The largest buffer one binding may see: the smaller of the binding and buffer limits. */
export function maxBindingBytes(limits: DeviceLimits): number {
  return Math.min(limits.maxStorageBufferBindingSize, limits.maxBufferSize);
}

/**
 * Workgroups for `count` threads of `workgroupSize` laid out as x × y (x ≤ the per-dimension limit),
 * so a one-dimensional job larger than 65 535 workgroups still dispatches. Kernels rebuild the linear
 * index as (wid.y · nwg.x + wid.x) · size + lid and skip indices ≥ count.
 */
export function linearGrid(count: number, workgroupSize: number, limits: DeviceLimits, op: OpName): [number, number] {
  const groups = Math.max(1, Math.ceil(count / workgroupSize));
  const max = limits.maxComputeWorkgroupsPerDimension;
  const x = Math.min(groups, max);
  const y = Math.ceil(groups / x);
  if (y > max) {
    throw new ResourceLimitError(`${op}: ${count} threads exceed the device's dispatch limit`, max * max * workgroupSize, count, { op });
  }
  return [x, y];
}

/** Throws `ResourceLimitError` when one buffer of `bytes` cannot be bound (an input too large to split). */
export function assertBindable(bytes: number, limits: DeviceLimits, op: OpName, argument: string): void {
  const max = maxBindingBytes(limits);
  if (bytes > max) {
    throw new ResourceLimitError(`${op}: ${argument} needs a ${bytes}-byte buffer; the device binds at most ${max} bytes`, max, bytes, {
      op,
      argument,
    });
  }
}

/** Rows per block so that a block of `rowBytes`-byte rows fits one binding (at least 1; throws when a row does not fit). */
export function rowsPerBlock(rowBytes: number, rows: number, limits: DeviceLimits, op: OpName, argument: string): number {
  assertBindable(rowBytes, limits, op, argument);
  return Math.max(1, Math.min(rows, Math.floor(maxBindingBytes(limits) / Math.max(1, rowBytes))));
}
