import { DisposedError, SPEC_VERSION } from '@dproj/core';
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
import { attentionKey, buildAttentionGraph } from './graphs/attention-graph.ts';
import { buildCooccurrenceGraph, cooccurrenceKey } from './graphs/cooccurrence-graph.ts';
import type { ProjectionGraphKey } from './graphs/projection-graph.ts';
import { buildProjectionGraph, projectionKey } from './graphs/projection-graph.ts';
import { attention, multiHead } from './ops/attention.ts';
import { cooccurrence, pairKeysFit } from './ops/cooccurrence.ts';
import { projection } from './ops/projection.ts';
import type { SkippedProvider } from './runtime/execution-provider.ts';
import { GraphRunner } from './runtime/graph-runner.ts';
import type { OrtModule } from './runtime/ort-module.ts';
import { SessionCache } from './runtime/session-cache.ts';

/** Live resources of the onnx backend: runtime tensors alive in calls, and the cached sessions apart. */
export interface OnnxStats extends BackendStats {
  /** Cached sessions (one per operator variant used): the working set, kept until `dispose()`. */
  readonly sessions: number;
}

// The variants most calls use: plain attention, token projection over a sparse S with and without
// top-k, dense S with dense E, and symmetric co-occurrence counting.
const COMMON_PROJECTIONS: readonly ProjectionGraphKey[] = [
  { operator: 'sparse', x: 'tokens', y: 'tokens', direction: 'forward', positional: 'none', predict: 'none' },
  { operator: 'sparse', x: 'tokens', y: 'tokens', direction: 'forward', positional: 'none', predict: 'topk' },
  { operator: 'dense', x: 'tokens', y: 'tokens', direction: 'forward', positional: 'none', predict: 'dense' },
];

/**
 * The ONNX backend: each operator is an ONNX graph run by onnxruntime on one execution provider.
 * `name` is `<factory name>-<provider>` (e.g. `onnx-wasm`, `onnx-webgpu`): the provider that really
 * runs, found by trying the requested ones in turn (`skippedProviders` says which failed and why).
 */
export class OnnxBackend implements Backend {
  readonly specVersion = SPEC_VERSION;
  readonly name: string;
  readonly capabilities: Capabilities;
  private readonly runner: GraphRunner;
  private disposed = false;

  constructor(
    ort: OrtModule,
    factoryName: string,
    /** The execution provider every session runs on. */
    readonly executionProvider: string,
    /** Requested providers that could not run here, tried before `executionProvider`. */
    readonly skippedProviders: readonly SkippedProvider[],
  ) {
    this.name = `${factoryName}-${executionProvider}`;
    this.runner = new GraphRunner(ort, new SessionCache(ort, executionProvider));
    const threads = executionProvider === 'wasm' ? (ort.env?.wasm?.numThreads ?? 1) : 1;
    this.capabilities = {
      precision: 'float32',
      threads: Math.max(1, threads),
      supports<K extends OpName>(op: K, input: OpInputs[K]): Support {
        if (op !== 'cooccurrence') return { ok: true };
        const { corpus, options } = input as OpInputs['cooccurrence'];
        return pairKeysFit(corpus, options);
      },
    };
  }

  async cooccurrence(corpus: Corpus, options: CooccurrenceOptions): Promise<CooccurrenceResult> {
    this.assertLive('cooccurrence');
    return this.settle(options.signal, await cooccurrence(this.runner, corpus, options));
  }

  async projection(input: ProjectionInput): Promise<ProjectionResult> {
    this.assertLive('projection');
    return this.settle(input.signal, await projection(this.runner, input));
  }

  async attention(input: AttentionInput): Promise<AttentionResult> {
    this.assertLive('attention');
    return this.settle(input.signal, await attention(this.runner, input));
  }

  async multiHead(input: MultiHeadInput): Promise<MultiHeadResult> {
    this.assertLive('multiHead');
    return this.settle(input.signal, await multiHead(this.runner, input));
  }

  /** Creates the sessions most calls use, so the first real call does not pay for them (~0.3 s each on wasm). */
  async warmup(): Promise<void> {
    this.assertLive('attention');
    const sessions = this.runner.sessions;
    const attentionGraph = { heads: 0, mask: 'none', weights: false } as const;
    const counting = { direction: 'symmetric', zeroDiagonal: false } as const;
    await Promise.all([
      sessions.get(attentionKey(attentionGraph), () => buildAttentionGraph(attentionGraph)),
      sessions.get(cooccurrenceKey(counting), () => buildCooccurrenceGraph(counting)),
      ...COMMON_PROJECTIONS.map((key) => sessions.get(projectionKey(key), () => buildProjectionGraph(key))),
    ]);
  }

  /** Runtime tensors alive in calls (0 between calls) and their bytes; cached sessions are counted apart. */
  stats(): OnnxStats {
    const live = this.runner.live;
    return { liveBuffers: live.buffers, liveBytes: live.bytes, sessions: this.runner.sessions.size };
  }

  /** Releases every session. Idempotent; later calls reject with `DisposedError`. */
  async dispose(): Promise<void> {
    if (this.disposed) return;
    this.disposed = true;
    await this.runner.sessions.releaseAll();
  }

  private settle<T>(signal: AbortSignal | undefined, result: T): T {
    // An abort that came while the graph ran still rejects the call; its result is dropped.
    signal?.throwIfAborted();
    return result;
  }

  private assertLive(op: OpName): void {
    if (this.disposed) throw new DisposedError(`${op}: the '${this.name}' backend has been disposed`, { op });
  }
}
