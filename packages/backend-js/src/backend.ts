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
  OpInputs,
  MultiHeadResult,
  OpName,
  ProjectionInput,
  ProjectionResult,
  Support,
} from '@dproj/core';
import { attention } from './ops/attention.ts';
import { cooccurrence, pairCodesFit } from './ops/cooccurrence.ts';
import { multiHead } from './ops/multi-head.ts';
import { projection } from './ops/projection.ts';

const capabilities: Capabilities = {
  precision: 'float32',
  threads: 1,
  supports<K extends OpName>(op: K, input: OpInputs[K]): Support {
    if (op !== 'cooccurrence') return { ok: true };
    const { corpus, options } = input as OpInputs['cooccurrence'];
    return pairCodesFit(corpus, options);
  },
};

/**
 * The pure-TypeScript backend. It keeps nothing between calls (every buffer belongs to one call), so
 * `stats()` is always zero and disposing only closes the door to later calls.
 */
export class JsBackend implements Backend {
  readonly specVersion = SPEC_VERSION;
  readonly capabilities = capabilities;
  private disposed = false;

  constructor(readonly name: string) {}

  async cooccurrence(corpus: Corpus, options: CooccurrenceOptions): Promise<CooccurrenceResult> {
    this.assertLive('cooccurrence');
    return cooccurrence(corpus, options);
  }

  async projection(input: ProjectionInput): Promise<ProjectionResult> {
    this.assertLive('projection');
    return projection(input);
  }

  async attention(input: AttentionInput): Promise<AttentionResult> {
    this.assertLive('attention');
    return attention(input);
  }

  async multiHead(input: MultiHeadInput): Promise<MultiHeadResult> {
    this.assertLive('multiHead');
    return multiHead(input);
  }

  stats(): BackendStats {
    return { liveBuffers: 0, liveBytes: 0 };
  }

  async dispose(): Promise<void> {
    this.disposed = true;
  }

  private assertLive(op: OpName): void {
    if (this.disposed) {
      throw new DisposedError(`${op}: the '${this.name}' backend has been disposed`, { op });
    }
  }
}
