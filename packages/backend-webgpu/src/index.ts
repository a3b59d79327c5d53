/// <reference types="@webgpu/types" />
export type { AdapterSummary, WebGpuBackend } from './backend.ts';
export type { WebGpuBackendFactory, WebGpuBackendOptions } from './factory.ts';
export { webgpuBackend } from './factory.ts';
