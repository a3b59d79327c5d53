import type { Backend, BackendFactory } from '@dproj/core';
import { UsageError } from './cli-error.ts';

/** A backend the CLI knows by name, imported only when it is probed or used. */
export interface BackendEntry {
  /** The factory's name, as `--backend` takes it. */
  readonly name: string;
  /** The factory's priority, known before its package is imported (a test checks it against the factory). */
  readonly priority: number;
  /** What it is, for `dproj backends`. */
  readonly description: string;
  /** Imports the backend's package and makes its factory. */
  load(): Promise<BackendFactory>;
}

/**
 * The four backends, highest priority first. Each package is imported lazily: `--backend js` never
 * loads onnxruntime or Dawn, which saves their start-up time and their native libraries.
 */
export const BACKENDS: readonly BackendEntry[] = [
  {
    name: 'webgpu',
    priority: 20,
    description: 'WGSL compute shaders on WebGPU (Dawn in Node)',
    load: async () => (await import('@dproj/backend-webgpu')).webgpuBackend(),
  },
  {
    name: 'wasm',
    priority: 10,
    description: 'WebAssembly SIMD128 kernels',
    load: async () => (await import('@dproj/backend-wasm')).wasmBackend(),
  },
  {
    name: 'onnx',
    priority: 5,
    description: 'ONNX graphs on onnxruntime-web (wasm execution provider in Node)',
    load: async () => (await import('@dproj/backend-onnx')).onnxBackend(),
  },
  {
    name: 'js',
    priority: 0,
    description: 'plain TypeScript, float64 accumulation; always available',
    load: async () => (await import('@dproj/backend-js')).jsBackend(),
  },
];

/**
 * The entries of `registry` (default: the four backends) named by `--backend <name[,name]>` in the
 * order given, or every entry when `spec` is undefined. Unknown and repeated names are usage errors that list the known names.
 */
export function selectBackends(spec: string | undefined, registry: readonly BackendEntry[] = BACKENDS): readonly BackendEntry[] {
  if (spec === undefined) return registry;
  const known = registry.map((b) => b.name).join(', ');
  const names = spec
    .split(',')
    .map((n) => n.trim())
    .filter((n) => n !== '');
  if (names.length === 0) throw new UsageError(`--backend needs a name; known backends: ${known}`);
  const chosen: BackendEntry[] = [];
  for (const name of names) {
    const entry = registry.find((b) => b.name === name);
    if (entry === undefined) {
      throw new UsageError(`unknown backend '${name}'; known backends: ${known}`);
    }
    if (chosen.includes(entry)) throw new UsageError(`--backend names '${name}' twice`);
    chosen.push(entry);
  }
  return chosen;
}

/** The GPU adapter a backend reports (the webgpu backend has one; it is not part of the Backend contract). */
export function adapterOf(backend: object): { readonly description: string; readonly software: boolean } | undefined {
  const adapter = (backend as { adapter?: { description?: unknown; software?: unknown } }).adapter;
  if (typeof adapter !== 'object' || adapter === null || typeof adapter.description !== 'string') return undefined;
  return { description: adapter.description, software: adapter.software === true };
}

/** Options of `lazyFactory`. */
export interface LazyOptions {
  /**
   * Refuse a backend that runs on a software GPU adapter (SwiftShader on a machine without a GPU): it is
   * exact but slower than the wasm backend on the same cores, so the default order passes it over.
   * Naming the backend in `--backend` uses it anyway.
   */
  readonly refuseSoftwareAdapter?: boolean;
}

/**
 * A factory that imports its package on the first probe or create, so the engine loads only the
 * candidates it actually tries. A package that fails to import is reported as unavailable with the
 * import error as the reason, like any other probe failure.
 */
export function lazyFactory(entry: BackendEntry, options: LazyOptions = {}): BackendFactory {
  let loaded: Promise<BackendFactory> | undefined;
  const load = (): Promise<BackendFactory> => {
    loaded ??= entry.load();
    return loaded;
  };
  return {
    name: entry.name,
    priority: entry.priority,
    async probe() {
      try {
        return await (await load()).probe();
      } catch (error) {
        return { available: false, reason: `cannot load the ${entry.name} backend: ${error instanceof Error ? error.message : String(error)}` };
      }
    },
    async create(): Promise<Backend> {
      const backend = await (await load()).create();
      const adapter = adapterOf(backend);
      if (options.refuseSoftwareAdapter === true && adapter?.software === true) {
        await backend.dispose();
        // The engine records this as the attempt's reason and goes on to the next backend.
        throw new Error(`software adapter (${adapter.description}) passed over; --backend ${entry.name} uses it`);
      }
      return backend;
    },
  };
}
