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

/** The version of this contract. A backend built against another version is refused by the engine. */
export const SPEC_VERSION = 1 as const;

/** Whether a backend can run a call with these options, and if not, why. */
export type Support = { readonly ok: true } | { readonly ok: false; readonly reason: string };

/** The input of each operator, by name. */
export interface OpInputs {
  readonly cooccurrence: { readonly corpus: Corpus; readonly options: CooccurrenceOptions };
  readonly projection: ProjectionInput;
  readonly attention: AttentionInput;
  readonly multiHead: MultiHeadInput;
}

/** What a backend can do. */
export interface Capabilities {
  /** Storage precision of results. Conformance derives its tolerances from it. */
  readonly precision: 'float32' | 'float64';
  /** Number of threads the backend computes with. */
  readonly threads: number;
  /**
   * Whether a specific call is supported. Declining an option routes the call elsewhere (engine
   * fallback `op`) or fails with `UnsupportedError`; a backend never returns a wrong answer instead.
   */
  supports<K extends OpName>(op: K, input: OpInputs[K]): Support;
}

/** Live device or host resources held by a backend; zero between calls for a leak-free backend. */
export interface BackendStats {
  readonly liveBuffers: number;
  readonly liveBytes: number;
}

/**
 * A compute backend: all four operator families of the specification. Inputs arrive validated by the
 * engine and are never mutated; results are host values the caller owns.
 */
export interface Backend {
  readonly specVersion: typeof SPEC_VERSION;
  readonly name: string;
  readonly capabilities: Capabilities;
  /** S = F + Fᵀ or F from a corpus, optionally with C⁽ᵏ⁾ (SPEC B.2). */
  cooccurrence(corpus: Corpus, options: CooccurrenceOptions): Promise<CooccurrenceResult>;
  /** M = Q S Qᵀ and E = M (Q S) with their refinements (SPEC B.4, B.5, B.9, B.10, B.13). */
  projection(input: ProjectionInput): Promise<ProjectionResult>;
  /** softmax((H W_Q)(C W_K)ᵀ · scale + mask)(C W_V) (SPEC B.11, B.13). */
  attention(input: AttentionInput): Promise<AttentionResult>;
  /** Concat_ℓ(head_ℓ) W_O (SPEC B.12). */
  multiHead(input: MultiHeadInput): Promise<MultiHeadResult>;
  /** Live resources, for leak checks. */
  stats(): BackendStats;
  /** Releases everything. Idempotent; later calls reject with `DisposedError`. */
  dispose(): Promise<void>;
}

/** Whether a backend can be created here, and if not, why (e.g. "no wasm simd"). */
export type Availability = { readonly available: true } | { readonly available: false; readonly reason: string };

/** How the engine finds and makes a backend. */
export interface BackendFactory {
  readonly name: string;
  /** Higher is tried first; a negative priority means the backend is used only when preferred by name. */
  readonly priority: number;
  /** A cheap feature test; never throws. */
  probe(): Promise<Availability>;
  create(): Promise<Backend>;
}
