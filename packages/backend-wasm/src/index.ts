export { wasmBackend, type WasmBackendOptions } from './factory.ts';
