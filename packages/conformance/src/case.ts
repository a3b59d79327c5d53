import type { Backend, BackendFactory, Engine } from '@dproj/core';
import type { Tolerance } from './tolerance.ts';

/** What a case gets to run with. */
export interface CaseContext {
  /**
   * An engine over the backend under test alone (fallback `none`), shared by the cases of one suite;
   * a case must not dispose it (lifecycle cases make their own from `factory`).
   */
  readonly engine: Engine;
  /** The backend under test (the engine's chosen backend). */
  readonly backend: Backend;
  /** The factory under test, for cases that need a backend or engine of their own (lifecycle). */
  readonly factory: BackendFactory;
  /** Tolerances derived from the backend's precision and the user's options. */
  readonly tol: Tolerance;
  /** Seed for this case's random inputs: fixed per case id, so a failure reproduces. */
  readonly seed: number;
  /** `full` on real hardware; `modest` shrinks the large-size cases for slow software devices. */
  readonly level: 'full' | 'modest';
}

/**
 * One conformance case. The id is stable and names the family and the property, e.g.
 * `projection/P16-prediction-identities`; skips refer to it.
 */
export interface ConformanceCase {
  readonly id: string;
  /** Throws (an assertion error) when the backend does not conform. */
  run(ctx: CaseContext): Promise<void>;
  /** Per-case time limit in ms (default 60 000). */
  readonly timeoutMs?: number;
}

/** The time limit of a case without its own. */
export const DEFAULT_CASE_TIMEOUT_MS = 60_000;
