import { nodeGpu, nodeProcess } from './node-gpu.ts';

/** Where the GPU comes from: an injected one, the browser's `navigator.gpu`, or Dawn in Node. */
export type GpuSource = { readonly gpu: GPU } | { readonly unavailable: string };

/**
 * The `GPU` entry point: `injected` when given, else `navigator.gpu` (browsers, Deno), else the `webgpu`
 * package in Node. Never throws; the reason says what is missing.
 */
export async function findGpu(injected: GPU | undefined): Promise<GpuSource> {
  if (injected !== undefined) return { gpu: injected };
  const nav = (globalThis as { navigator?: { gpu?: GPU } }).navigator;
  if (nav?.gpu !== undefined) return { gpu: nav.gpu };
  if (nodeProcess() === undefined) return { unavailable: 'no WebGPU: navigator.gpu is missing' };
  try {
    return { gpu: await nodeGpu() };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return { unavailable: `no WebGPU: the 'webgpu' package could not be loaded (${message})` };
  }
}

/** An adapter, or the reason there is none. */
export async function findAdapter(gpu: GPU, powerPreference: GPUPowerPreference | undefined): Promise<GPUAdapter | string> {
  try {
    const adapter = await gpu.requestAdapter(powerPreference === undefined ? {} : { powerPreference });
    return adapter ?? 'no WebGPU adapter';
  } catch (error) {
    return `no WebGPU adapter: ${error instanceof Error ? error.message : String(error)}`;
  }
}
