import type { Availability, BackendFactory } from '@dproj/core';
import { OnnxBackend } from './backend.ts';
import type { ProviderResolution } from './runtime/execution-provider.ts';
import { defaultProviders, resolveProvider } from './runtime/execution-provider.ts';
import type { OrtModule } from './runtime/ort-module.ts';
import { loadOrt } from './runtime/ort-module.ts';

/** Options of `onnxBackend`. */
export interface OnnxBackendOptions {
  /**
   * The runtime module (`import * as ort from 'onnxruntime-web'`, or `onnxruntime-node` in Node for
   * native speed). Default: `onnxruntime-web`, imported on first probe or create.
   */
  readonly ort?: OrtModule;
  /**
   * Execution providers in order of preference; default `['cpu']` with onnxruntime-node, else
   * `['webgpu', 'wasm']` where WebGPU exists and `['wasm']` where it does not.
   */
  readonly executionProviders?: readonly string[];
  /** Factory name; default `onnx`. The backend's name adds the provider that runs: `onnx-wasm`. */
  readonly name?: string;
}

/** The factory `onnxBackend` returns: `create()` gives the ONNX backend itself (with `warmup()`). */
export interface OnnxBackendFactory extends BackendFactory {
  create(): Promise<OnnxBackend>;
}

/**
 * The ONNX backend (priority 5): every operator as an ONNX graph built in memory and run by
 * onnxruntime. Nothing is imported until `probe()` or `create()`; the probe fails with a reason when
 * the runtime cannot be imported or no requested execution provider can run a session.
 */
export function onnxBackend(options: OnnxBackendOptions = {}): OnnxBackendFactory {
  const name = options.name ?? 'onnx';
  let runtime: Promise<{ ort: OrtModule; resolution: ProviderResolution }> | undefined;
  const resolve = (): Promise<{ ort: OrtModule; resolution: ProviderResolution }> => {
    runtime ??= (async () => {
      const ort = await loadOrt(options.ort);
      return { ort, resolution: await resolveProvider(ort, options.executionProviders ?? defaultProviders(ort)) };
    })();
    // A failure is not kept: a later probe or create tries again.
    runtime.catch(() => {
      runtime = undefined;
    });
    return runtime;
  };
  return {
    name,
    priority: 5,
    async probe(): Promise<Availability> {
      try {
        await resolve();
        return { available: true };
      } catch (error) {
        return { available: false, reason: `onnxruntime: ${error instanceof Error ? error.message : String(error)}` };
      }
    },
    async create(): Promise<OnnxBackend> {
      const { ort, resolution } = await resolve();
      return new OnnxBackend(ort, name, resolution.provider, resolution.skipped);
    },
  };
}
