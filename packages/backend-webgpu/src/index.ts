/// <reference types="@webgpu/types" />
export type { WebGpuBackendOptions } from './factory.ts';
export { webgpuBackend } from './factory.ts';
