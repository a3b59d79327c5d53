export { onnxBackend } from './factory.ts';
export type { OnnxBackendFactory, OnnxBackendOptions } from './factory.ts';
export { OnnxBackend } from './backend.ts';
export type { OnnxStats } from './backend.ts';
export type { OrtModule, OrtSession, OrtSessionOptions, OrtTensor, OrtTensorType } from './runtime/ort-module.ts';
export type { ProviderResolution, SkippedProvider } from './runtime/execution-provider.ts';
