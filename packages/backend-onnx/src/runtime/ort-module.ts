/**
 * The part of an ONNX Runtime JavaScript module the backend uses. `onnxruntime-web` (and
 * `onnxruntime-node`, which shares its API) satisfy it, so either can be injected; the backend never
 * names a runtime's own types in its public API.
 */

/** Element types of the tensors the backend makes. */
export type OrtTensorType = 'float32' | 'float64' | 'int64' | 'bool';

/** A tensor as the runtime returns it: CPU data (outputs here are always CPU tensors). */
export interface OrtTensor {
  readonly type: string;
  readonly dims: readonly number[];
  readonly data: unknown;
  /** Releases device data where the runtime has any; absent or a no-op for CPU tensors. */
  dispose?(): void;
}

/** A loaded model. */
export interface OrtSession {
  readonly inputNames: readonly string[];
  run(feeds: Record<string, OrtTensor>): Promise<Record<string, OrtTensor>>;
  release(): Promise<void>;
}

/** Options the backend passes when it creates a session. */
export interface OrtSessionOptions {
  executionProviders: string[];
  graphOptimizationLevel?: 'disabled' | 'basic' | 'extended' | 'all';
}

/** The runtime module: `import * as ort from 'onnxruntime-web'`. */
export interface OrtModule {
  readonly InferenceSession: {
    create(model: Uint8Array, options?: OrtSessionOptions): Promise<OrtSession>;
  };
  readonly Tensor: new (
    type: OrtTensorType,
    data: Float32Array | Float64Array | BigInt64Array | Uint8Array,
    dims: readonly number[],
  ) => OrtTensor;
  /** `versions.node` is present in onnxruntime-node only (its native runtime). */
  readonly env?: { readonly wasm?: { numThreads?: number }; readonly versions?: { readonly node?: string } };
}

/**
 * The runtime: the injected module, or `onnxruntime-web` imported on first use (never at import
 * time, so importing this package costs nothing and has no side effects).
 */
export async function loadOrt(injected: OrtModule | undefined): Promise<OrtModule> {
  if (injected !== undefined) return injected;
  // In Node only the bare entry works (its `node` condition); bundlers split it into its own chunk.
  const ort: unknown = await import('onnxruntime-web');
  return ort as OrtModule;
}
