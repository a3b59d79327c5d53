import type { BackendFactory } from '@dproj/core';
import { WasmBackend } from './backend.ts';
import { instantiateKernels, kernelsModule } from './runtime/load-module.ts';
import { hasWasmSimd } from './runtime/simd-support.ts';
import { ThreadPool } from './runtime/threads.ts';

// 'auto' stops here: past a few threads the copies to and from each worker outweigh the split work at
// the sizes the operators see.
const AUTO_MAX_THREADS = 4;

/** Options of `wasmBackend`. */
export interface WasmBackendOptions {
  /**
   * Threads to compute with (default 1). With more than one, Node starts worker_threads, each with its
   * own instance of the kernels, and large matmuls and attention split their output rows over them;
   * where no worker threads exist (browsers, in this release) the backend computes on one thread.
   * `'auto'` takes the machine's parallelism, at most 4. `capabilities.threads` reports the number
   * actually used.
   */
  readonly threads?: number | 'auto';
  /** The backend's name (default `wasm`). */
  readonly name?: string;
}

/** The machine's parallelism: navigator.hardwareConcurrency, else Node's os.availableParallelism(), else 1. */
async function availableThreads(): Promise<number> {
  const nav = (globalThis as { navigator?: { hardwareConcurrency?: number } }).navigator;
  let count = nav?.hardwareConcurrency;
  if (typeof count !== 'number') {
    const specifier = 'node:os';
    try {
      const os = (await import(/* @vite-ignore */ specifier)) as { availableParallelism?: () => number };
      count = os.availableParallelism?.();
    } catch {
      count = undefined;
    }
  }
  return typeof count === 'number' && count >= 1 ? Math.floor(count) : 1;
}

/** The thread count asked for, as a whole number ≥ 1. */
async function requestedThreads(threads: WasmBackendOptions['threads']): Promise<number> {
  if (threads === 'auto') return Math.min(AUTO_MAX_THREADS, await availableThreads());
  if (threads === undefined || !Number.isFinite(threads)) return 1;
  return Math.max(1, Math.floor(threads));
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
    create: async () => {
      const kernels = await instantiateKernels();
      const pool = await ThreadPool.create(await kernelsModule(), (await requestedThreads(options.threads)) - 1);
      return new WasmBackend(name, kernels, pool);
    },
  };
}
