import type { Attempt } from '../errors/errors.ts';
import type { Backend, BackendFactory, OpInputs } from './backend.ts';
import type { Corpus } from './corpus.ts';
import type {
  AttentionInput,
  AttentionResult,
  CooccurrenceOptions,
  CooccurrenceResult,
  MultiHeadInput,
  MultiHeadResult,
  OpName,
  ProjectionInput,
  ProjectionResult,
} from './operators.ts';

/**
 * What the engine does when a backend fails:
 * - `backend`: a candidate that is unavailable or fails to create is passed over for the next (default);
 * - `op`: as `backend`, and a call whose options the chosen backend declines goes to the next capable one;
 * - `none`: strict; only the first candidate is tried and a declined option is an `UnsupportedError`.
 */
export type FallbackPolicy = 'backend' | 'op' | 'none';

/** Options of `createEngine`. */
export interface EngineOptions {
  /** The factories to choose from. */
  readonly backends: readonly BackendFactory[];
  /** Names in order of preference; the others follow by priority only under fallback `op`/`backend`. */
  readonly prefer?: readonly string[];
  readonly fallback?: FallbackPolicy;
  /** Called for every warning as it is recorded (the engine never writes to the console). */
  readonly onWarning?: (warning: EngineWarning) => void;
}

/** A visible fallback or other notice. */
export interface EngineWarning {
  readonly code: 'fallback-backend' | 'fallback-op';
  readonly message: string;
}

/** A call the chosen backend declined and another backend ran. */
export interface Route {
  readonly op: OpName;
  readonly from: string;
  readonly to: string;
  readonly reason: string;
}

/** How the engine chose its backend, and where calls were routed since. */
export interface Resolution {
  /** The chosen backend's name. */
  readonly chosen: string;
  readonly attempts: readonly Attempt[];
  readonly routes: readonly Route[];
}

/** The one entry apps use: validated operators on the chosen backend. */
export interface Engine extends AsyncDisposable {
  /** The chosen backend. */
  readonly backend: Backend;
  readonly resolution: Resolution;
  readonly warnings: readonly EngineWarning[];
  cooccurrence(corpus: Corpus, options: CooccurrenceOptions): Promise<CooccurrenceResult>;
  projection(input: ProjectionInput): Promise<ProjectionResult>;
  attention(input: AttentionInput): Promise<AttentionResult>;
  multiHead(input: MultiHeadInput): Promise<MultiHeadResult>;
  /** Validates an operator's input without running it; throws the error the call would throw. */
  validate<K extends OpName>(op: K, input: OpInputs[K]): void;
  /** Releases every backend the engine created. Idempotent. */
  dispose(): Promise<void>;
}
