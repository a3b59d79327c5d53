import type {
  Backend,
  BackendStats,
  Capabilities,
  CooccurrenceResult,
  MultiHeadResult,
  ProjectionResult,
  AttentionResult,
} from '@dproj/core';
import { SPEC_VERSION } from '@dproj/core';

/**
 * A backend whose operators all reject, wrapping a real one (which it still disposes): the page's
 * `?fail=name` uses it to show what a visitor sees when a backend fails in the middle of a run.
 */
export class FailingBackend implements Backend {
  readonly specVersion = SPEC_VERSION;
  readonly name: string;
  readonly capabilities: Capabilities;

  /** Wraps `inner`, keeping its name and capabilities. */
  constructor(private readonly inner: Backend) {
    this.name = inner.name;
    this.capabilities = inner.capabilities;
  }

  private fail(op: string): Promise<never> {
    return Promise.reject(new Error(`${this.name}: ${op} failed on purpose (the page's ?fail=${this.name})`));
  }

  /** Rejects. */
  cooccurrence(): Promise<CooccurrenceResult> {
    return this.fail('cooccurrence');
  }
  /** Rejects. */
  projection(): Promise<ProjectionResult> {
    return this.fail('projection');
  }
  /** Rejects. */
  attention(): Promise<AttentionResult> {
    return this.fail('attention');
  }
  /** Rejects. */
  multiHead(): Promise<MultiHeadResult> {
    return this.fail('multiHead');
  }
  /** The wrapped backend's live resources. */
  stats(): BackendStats {
    return this.inner.stats();
  }
  /** Disposes the wrapped backend. */
  dispose(): Promise<void> {
    return this.inner.dispose();
  }
}
