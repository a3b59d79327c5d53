import type { Availability, Backend, BackendFactory } from '@dproj/core';
import { FailingBackend } from './failing-backend.ts';

/** One backend the page offers, known by name and priority before its module is loaded. */
export interface BackendEntry {
  /** The factory's name, as `createEngine`'s `prefer` and `?backend=` use it. */
  readonly name: string;
  /** The factory's priority (the engine's order under `auto`; negative = only when chosen). */
  readonly priority: number;
  /** What it is, for the picker. */
  readonly description: string;
  /** Imports the backend's package (a separate chunk) and makes its factory. */
  load(): Promise<BackendFactory>;
}

/**
 * onnxruntime-web, with its .wasm served by this page (the bundler emits it beside the scripts, so no
 * CDN is involved) and threads where the page is cross-origin isolated.
 */
async function loadOnnx(): Promise<BackendFactory> {
  const [{ onnxBackend }, ort] = await Promise.all([import('@dproj/backend-onnx'), import('onnxruntime-web')]);
  // onnxruntime logs node placement notices as console errors; only real errors are worth showing.
  ort.env.logLevel = 'error';
  const wasm = ort.env.wasm;
  wasm.numThreads = globalThis.crossOriginIsolated === true ? Math.min(4, navigator.hardwareConcurrency || 1) : 1;
  return onnxBackend({ ort });
}

/**
 * The backends of the page, highest priority first. Each is a lazily imported module, so the page
 * loads only what it probes and runs; the wasm backend's kernels are inlined in its module, so its
 * chunk carries them and no path is configured.
 */
export const BACKENDS: readonly BackendEntry[] = [
  {
    name: 'webgpu',
    priority: 20,
    description: 'WGSL compute shaders on navigator.gpu',
    load: async () => (await import('@dproj/backend-webgpu')).webgpuBackend(),
  },
  {
    name: 'wasm',
    priority: 10,
    description: 'WebAssembly SIMD128 kernels written in C',
    load: async () => (await import('@dproj/backend-wasm')).wasmBackend(),
  },
  {
    name: 'onnx',
    priority: 5,
    description: 'ONNX graphs on onnxruntime-web (webgpu or wasm execution provider)',
    load: loadOnnx,
  },
  {
    name: 'js',
    priority: 0,
    description: 'plain TypeScript, float64 accumulation; always available',
    load: async () => (await import('@dproj/backend-js')).jsBackend(),
  },
  {
    name: 'reference',
    priority: -1,
    description: 'the float64 oracle of the conformance suite; slow, the reference for comparisons',
    load: async () => (await import('@dproj/conformance')).referenceBackend(),
  },
];

/** Faults a visitor (or a test) can ask for in the URL, to see the fallback and the error paths. */
export interface Faults {
  /** Backends whose probe reports "unavailable" (`?disable=webgpu`). */
  readonly disable: readonly string[];
  /** Backends whose every operator call rejects after they were created (`?fail=onnx`). */
  readonly fail: readonly string[];
}

/**
 * A factory for an entry that imports the backend's module only when probed or created, with the
 * URL's faults applied: a disabled backend's probe says so without loading anything, and a failing
 * one is wrapped so its calls reject. A module that cannot be loaded makes the probe report why.
 */
export function lazyFactory(entry: BackendEntry, faults: Faults): BackendFactory {
  let loaded: Promise<BackendFactory> | undefined;
  const load = (): Promise<BackendFactory> => {
    loaded ??= entry.load().then((factory) => {
      if (factory.name !== entry.name) throw new Error(`backend module for ${entry.name} made a factory named ${factory.name}`);
      return factory;
    });
    loaded.catch(() => {
      loaded = undefined;
    });
    return loaded;
  };
  const disabled = faults.disable.includes(entry.name);
  const failing = faults.fail.includes(entry.name);
  return {
    name: entry.name,
    priority: entry.priority,
    async probe(): Promise<Availability> {
      if (disabled) return { available: false, reason: `disabled by the page's ?disable=${entry.name}` };
      try {
        return await (await load()).probe();
      } catch (error) {
        return { available: false, reason: `its module did not load: ${error instanceof Error ? error.message : String(error)}` };
      }
    },
    async create(): Promise<Backend> {
      if (disabled) throw new Error(`${entry.name} is disabled by the page's ?disable=${entry.name}`);
      const backend = await (await load()).create();
      return failing ? new FailingBackend(backend) : backend;
    },
  };
}
