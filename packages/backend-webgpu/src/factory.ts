import { BackendUnavailableError } from '@dproj/core';
import type { Availability, BackendFactory } from '@dproj/core';
import { WebGpuBackend } from './backend.ts';
import { findAdapter, findGpu } from './device/find-gpu.ts';
import { openDevice } from './device/open-device.ts';

/** Options of `webgpuBackend`. */
export interface WebGpuBackendOptions {
  /** The WebGPU entry point to use; default `navigator.gpu`, or the `webgpu` package in Node. */
  readonly gpu?: GPU;
  /** Passed to `requestAdapter`. */
  readonly powerPreference?: GPUPowerPreference;
}

/** The factory `webgpuBackend` returns: `create()` gives the WebGPU backend itself (with `adapter`). */
export interface WebGpuBackendFactory extends BackendFactory {
  create(): Promise<WebGpuBackend>;
}

/**
 * The WebGPU backend: every operator as WGSL compute shaders (priority 20, above wasm and js). `probe()`
 * asks for an adapter and reports the reason when there is none (no `navigator.gpu`, the `webgpu`
 * package missing in Node, or no adapter). In Node the optional peer dependency `webgpu` (Dawn) is
 * imported on first use.
 */
export function webgpuBackend(options: WebGpuBackendOptions = {}): WebGpuBackendFactory {
  const name = 'webgpu';
  return {
    name,
    priority: 20,
    async probe(): Promise<Availability> {
      const source = await findGpu(options.gpu);
      if ('unavailable' in source) return { available: false, reason: source.unavailable };
      const adapter = await findAdapter(source.gpu, options.powerPreference);
      return typeof adapter === 'string' ? { available: false, reason: adapter } : { available: true };
    },
    async create(): Promise<WebGpuBackend> {
      const source = await findGpu(options.gpu);
      if ('unavailable' in source) {
        throw new BackendUnavailableError(`webgpu: ${source.unavailable}`, [], { op: 'engine' });
      }
      const adapter = await findAdapter(source.gpu, options.powerPreference);
      if (typeof adapter === 'string') throw new BackendUnavailableError(`webgpu: ${adapter}`, [], { op: 'engine' });
      return new WebGpuBackend(name, await openDevice(adapter));
    },
  };
}
