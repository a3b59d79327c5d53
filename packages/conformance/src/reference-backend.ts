import type {
  AttentionInput,
  AttentionResult,
  Backend,
  BackendFactory,
  Capabilities,
  CooccurrenceOptions,
  CooccurrenceResult,
  Corpus,
  MultiHeadInput,
  MultiHeadResult,
  OpName,
  ProjectionInput,
  ProjectionResult,
} from '@dproj/core';
import { DisposedError, SPEC_VERSION } from '@dproj/core';
import { oracleAttention, oracleMultiHead } from './oracle/attention.ts';
import { oracleCooccurrence } from './oracle/cooccurrence.ts';
import { denseToMatrix } from './oracle/dense.ts';
import { oracleProjection } from './oracle/projection.ts';
import { selectorLength } from './oracle/selector.ts';
import { operatorToCsr } from './oracle/sparse.ts';

const capabilities: Capabilities = {
  precision: 'float64',
  threads: 1,
  supports: () => ({ ok: true }),
};

/**
 * The float64 reference oracle as a backend: slow, plain, and independent of every real backend.
 * Results are rounded to float32 once, on the way out, because the contract's matrices are Float32Array.
 * `stats()` counts the calls in flight (each holds its scratch until it settles), so a leak-free run
 * reads zero between calls.
 */
class ReferenceBackend implements Backend {
  readonly specVersion = SPEC_VERSION;
  readonly name = 'reference';
  readonly capabilities = capabilities;
  private inFlight = 0;
  private disposed = false;

  private async call<T>(op: OpName, signal: AbortSignal | undefined, work: () => T): Promise<T> {
    if (this.disposed) throw new DisposedError(`${op}: the reference backend was disposed`, { op });
    signal?.throwIfAborted();
    this.inFlight++;
    try {
      // Yield once so that calls made together really overlap, as they would on a device.
      await Promise.resolve();
      return work();
    } finally {
      this.inFlight--;
    }
  }

  cooccurrence(corpus: Corpus, options: CooccurrenceOptions): Promise<CooccurrenceResult> {
    return this.call('cooccurrence', options.signal, () => {
      const r = oracleCooccurrence(corpus.docs, corpus.vocab.size, options);
      return {
        matrix: operatorToCsr(r.matrix),
        ...(options.offsets === true ? { offsets: r.offsets.map(operatorToCsr) } : {}),
        settings: r.settings,
        tokens: r.tokens,
      };
    });
  }

  projection(input: ProjectionInput): Promise<ProjectionResult> {
    return this.call('projection', input.signal, () => {
      const r = oracleProjection(input);
      const m = input.other === undefined ? selectorLength(input) : selectorLength(input.other);
      const result: ProjectionResult = { m: denseToMatrix(r.m, m) };
      if (input.predict?.kind === 'dense' && r.e !== undefined) return { ...result, e: denseToMatrix(r.e, input.s.cols) };
      if (input.predict?.kind === 'topk' && r.topk !== undefined) {
        const { ids, scores } = r.topk;
        return {
          ...result,
          topk: { k: input.predict.k, ids: Uint32Array.from(ids.flat()), scores: Float32Array.from(scores.flat()) },
        };
      }
      return result;
    });
  }

  attention(input: AttentionInput): Promise<AttentionResult> {
    return this.call('attention', input.signal, () => {
      const r = oracleAttention(input);
      const m = (input.context ?? input.h).rows;
      return {
        out: denseToMatrix(r.out, input.wv.cols),
        ...(input.returnWeights === true ? { weights: denseToMatrix(r.weights, m) } : {}),
      };
    });
  }

  multiHead(input: MultiHeadInput): Promise<MultiHeadResult> {
    return this.call('multiHead', input.signal, () => {
      const r = oracleMultiHead(input);
      const m = (input.context ?? input.h).rows;
      return {
        out: denseToMatrix(r.out, input.wo.cols),
        ...(input.returnWeights === true ? { weights: r.weights.map((w) => denseToMatrix(w, m)) } : {}),
      };
    });
  }

  stats(): { liveBuffers: number; liveBytes: number } {
    return { liveBuffers: this.inFlight, liveBytes: 0 };
  }

  async dispose(): Promise<void> {
    this.disposed = true;
  }
}

/**
 * The reference backend's factory: name `reference`, priority −1 (opt-in only: an engine uses it when
 * preferred by name), precision float64, always available. The conformance suite runs against it to
 * test itself; other packages may use it as a slow, trusted comparison.
 */
export function referenceBackend(): BackendFactory {
  return {
    name: 'reference',
    priority: -1,
    probe: async () => ({ available: true }),
    create: async () => new ReferenceBackend(),
  };
}
