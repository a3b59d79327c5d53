import { SPEC_VERSION } from '@dproj/core';
import type {
  AttentionInput,
  AttentionResult,
  Backend,
  BackendStats,
  Capabilities,
  CooccurrenceOptions,
  CooccurrenceResult,
  Corpus,
  MultiHeadInput,
  MultiHeadResult,
  OpInputs,
  OpName,
  ProjectionInput,
  ProjectionResult,
  Support,
} from '@dproj/core';
import type { GpuContext } from './device/gpu-context.ts';
import { Job } from './device/job.ts';
import { attention, multiHead } from './ops/attention.ts';
import { cooccurrence, cooccurrenceFits } from './ops/cooccurrence.ts';
import { projection } from './ops/projection.ts';

const capabilities: Capabilities = {
  precision: 'float32',
  threads: 1,
  supports<K extends OpName>(op: K, input: OpInputs[K]): Support {
    if (op !== 'cooccurrence') return { ok: true };
    const { corpus, options } = input as OpInputs['cooccurrence'];
    return cooccurrenceFits(corpus, options);
  },
};

/** The adapter behind a WebGPU backend, for reports. */
export interface AdapterSummary {
  /** Vendor, architecture and driver description, as far as the adapter tells them. */
  readonly description: string;
  /** A software (fallback) adapter, such as SwiftShader. */
  readonly software: boolean;
}

/**
 * The WebGPU backend: one device, its buffer pool and pipeline cache. Each call runs as a `Job` whose
 * buffers all return to the pool when it settles, so `stats()` is zero between calls.
 */
export class WebGpuBackend implements Backend {
  readonly specVersion = SPEC_VERSION;
  readonly capabilities = capabilities;

  constructor(
    readonly name: string,
    /** The device and what lives on it (exposed for tests of device loss and limits). */
    readonly gpu: GpuContext,
  ) {}

  /**
   * Which adapter runs the kernels, as the device reports it. `software` is true for a fallback
   * adapter (SwiftShader on a machine without a GPU): exact, but its timings say nothing about a GPU.
   */
  get adapter(): AdapterSummary {
    const info = (this.gpu.device as { adapterInfo?: GPUAdapterInfo & { isFallbackAdapter?: boolean } }).adapterInfo;
    const description = [info?.vendor, info?.architecture, info?.description].filter((part) => part !== undefined && part !== '').join(' / ');
    return {
      description: description === '' ? 'unknown adapter' : description,
      software: info?.isFallbackAdapter === true || /swiftshader|llvmpipe|lavapipe/i.test(description),
    };
  }

  cooccurrence(corpus: Corpus, options: CooccurrenceOptions): Promise<CooccurrenceResult> {
    return this.run('cooccurrence', options.signal, (job) => cooccurrence(job, corpus, options));
  }

  projection(input: ProjectionInput): Promise<ProjectionResult> {
    return this.run('projection', input.signal, (job) => projection(job, input));
  }

  attention(input: AttentionInput): Promise<AttentionResult> {
    return this.run('attention', input.signal, (job) => attention(job, input));
  }

  multiHead(input: MultiHeadInput): Promise<MultiHeadResult> {
    return this.run('multiHead', input.signal, (job) => multiHead(job, input));
  }

  /** Buffers handed out to calls in flight (pooled free buffers are not counted). */
  stats(): BackendStats {
    const { liveBuffers, liveBytes } = this.gpu.pool.stats();
    return { liveBuffers, liveBytes };
  }

  /** Destroys every buffer and the device. Idempotent. */
  async dispose(): Promise<void> {
    this.gpu.destroy();
  }

  private async run<T>(op: OpName, signal: AbortSignal | undefined, body: (job: Job) => Promise<T>): Promise<T> {
    this.gpu.assertUsable(op);
    signal?.throwIfAborted();
    const job = new Job(this.gpu, op, signal);
    try {
      return await body(job);
    } catch (error) {
      throw await this.gpu.explain(error, op);
    } finally {
      job.finish();
    }
  }
}
