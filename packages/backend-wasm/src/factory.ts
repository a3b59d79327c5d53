import type { BackendFactory } from '@dproj/core';
import { WasmBackend } from './backend.ts';
import { instantiateKernels } from './runtime/load-module.ts';
import { hasWasmSimd } from './runtime/simd-support.ts';

/** Options of `wasmBackend`. */
export interface WasmBackendOptions {
  /**
   * Threads to compute with. This release computes on one thread whatever is asked; the option is
   * accepted so callers need not change when threaded kernels arrive, and `capabilities.threads`
   * reports the number actually used.
   */
  readonly threads?: number | 'auto';
  /** The backend's name (default `wasm`). */
  readonly name?: string;
}

/**
 * The WebAssembly SIMD128 backend: kernels compiled from C into one module whose bytes are inlined in
 * the bundle, so nothing is fetched or configured. Priority 10, above the js backend. `probe()` fails
 * with "no wasm simd" where the runtime cannot validate a SIMD module.
 */
export function wasmBackend(options: WasmBackendOptions = {}): BackendFactory {
  const name = options.name ?? 'wasm';
  return {
    name,
    priority: 10,
    probe: async () => (hasWasmSimd() ? { available: true } : { available: false, reason: 'no wasm simd' }),
    create: async () => new WasmBackend(name, await instantiateKernels(), 1),
  };
}
