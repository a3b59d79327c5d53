import type { CsrMatrix, Matrix, Operator } from './matrix.ts';

/** The four operator families of the specification. */
export type OpName = 'cooccurrence' | 'projection' | 'attention' | 'multiHead';

/** Progress of long work: `done` of `total` units (tokens for co-occurrence). */
export interface Progress {
  readonly op: OpName;
  readonly done: number;
  readonly total: number;
}

/** Options every call accepts: cancellation and progress. */
export interface CallOptions {
  /** Aborting rejects the call with the signal's reason; nothing half-written is returned. */
  readonly signal?: AbortSignal;
  /** Called now and then during long work; never called after the call settles. */
  readonly onProgress?: (progress: Progress) => void;
}

// ---------------------------------------------------------------- Cooccurrence (SPEC B.2)

/** Distance weight f(d): `harmonic` is GloVe's 1/d, `uniform` is 1. */
export type Weighting = 'harmonic' | 'uniform';

/** Options of the co-occurrence operator. */
export interface CooccurrenceOptions extends CallOptions {
  /** Window w ≥ 1: pairs at distance 1..w count. */
  readonly window: number;
  /** Distance weight f; default `harmonic` (1/d). */
  readonly weighting?: Weighting;
  /** `symmetric` gives S = F + Fᵀ (default); `forward` gives F ("b follows a"). */
  readonly direction?: 'symmetric' | 'forward';
  /** Also return the raw per-offset counts C⁽ᵏ⁾, k = 1..w (C⁽⁻ᵏ⁾ = C⁽ᵏ⁾ᵀ). */
  readonly offsets?: boolean;
  /** Set S_aa (or F_aa) to 0 (SPEC B.2.3). Default false: a word repeated within the window counts. */
  readonly zeroDiagonal?: boolean;
  /** Treat the corpus as one stream, so windows cross document boundaries. Default false. */
  readonly crossDocuments?: boolean;
}

/** The options a co-occurrence result was made with, all defaults filled in. */
export interface CooccurrenceSettings {
  readonly window: number;
  readonly weighting: Weighting;
  readonly direction: 'symmetric' | 'forward';
  readonly zeroDiagonal: boolean;
  readonly crossDocuments: boolean;
}

/** Result of the co-occurrence operator. */
export interface CooccurrenceResult {
  /** S (symmetric) or F (forward): V×V, CSR with sorted columns and no explicit zeros. */
  readonly matrix: CsrMatrix;
  /** C⁽ᵏ⁾ for k = 1..w at index k-1, raw counts, when `offsets` was asked for. */
  readonly offsets?: readonly CsrMatrix[];
  /** The options that made it. */
  readonly settings: CooccurrenceSettings;
  /** Number of tokens read. */
  readonly tokens: number;
}

// ---------------------------------------------------------------- Projection (SPEC B.3–B.5, B.9, B.10, B.13)

/** A sequence as token ids (one-hot selector Q, Q_ia = [x_i = a]) or as a dense soft selector Q (n×V). */
export type Selector = { readonly tokens: Uint32Array | readonly number[] } | { readonly q: Matrix };

/**
 * Positional refinement (SPEC B.10).
 * - `offset`: M^pos_ij = f(|j−i|) C⁽ʲ⁻ⁱ⁾_{x_i x_j} for 1 ≤ |j−i| ≤ w, else 0; needs token ids.
 * - `kernel`: M^κ = K ∘ M with K_ij = κ(j−i); `kappa[d]` gives κ(d) = κ(−d) for d = 0..len−1, 0 beyond.
 */
export type Positional =
  | { readonly kind: 'offset'; readonly offsets: readonly CsrMatrix[]; readonly weighting?: Weighting }
  | { readonly kind: 'kernel'; readonly kappa: ArrayLike<number> };

/** What to predict: the dense E = M (Q S), or only its top-k entries per row. */
export type Predict = { readonly kind: 'dense' } | { readonly kind: 'topk'; readonly k: number };

/** Input of the projection operator. */
export type ProjectionInput = Selector & {
  /** The operator S (or F, or a transform of either): V×V, or V_x×V_y for cross projection. */
  readonly s: Operator;
  /** Cross projection: the second sequence y; M_xy = Q_x S Q_yᵀ is n×m. */
  readonly other?: Selector;
  /**
   * How to read `s` when it holds the forward operator F: `forward` (default) uses it as given,
   * M→ = Q F Qᵀ; `backward` uses its transpose, M← = Q Fᵀ Qᵀ; `symmetric` uses F + Fᵀ.
   */
  readonly direction?: 'forward' | 'backward' | 'symmetric';
  /** Positional refinement of M (self projection only). */
  readonly positional?: Positional;
  /** Also compute E = M (Q_y S) (n×V_y), dense or top-k per row. */
  readonly predict?: Predict;
} & CallOptions;

/** Top-k entries of each row of E: row i's ids and scores at `[i*k, (i+1)*k)`, highest score first. */
export interface TopK {
  readonly k: number;
  readonly ids: Uint32Array;
  readonly scores: Float32Array;
}

/** Result of the projection operator. */
export interface ProjectionResult {
  /** M: n×n (self) or n×m (cross). */
  readonly m: Matrix;
  /** E = M (Q S), when `predict.kind` is `dense`. */
  readonly e?: Matrix;
  /** Top-k of each row of E, when `predict.kind` is `topk`. Ties keep the lower id first. */
  readonly topk?: TopK;
}

// ---------------------------------------------------------------- Attention (SPEC B.7, B.11, B.13)

/**
 * An attention mask over the n×m score matrix.
 * - `causal`: key j is masked for query i when j > i.
 * - `keep`: a 0/1 matrix (n×m, row-major); 0 masks.
 * - `bias`: an additive n×m bias; −∞ masks; NaN and +∞ are rejected.
 * A fully masked row gives a zero row of weights and of output.
 */
export type Mask =
  | { readonly kind: 'causal' }
  | { readonly kind: 'keep'; readonly keep: Uint8Array }
  | { readonly kind: 'bias'; readonly bias: Float32Array };

/** Input of single-head attention: softmax((H W_Q)(C W_K)ᵀ · scale + mask)(C W_V). */
export interface AttentionInput extends CallOptions {
  /** Queries' hidden states H: n×d. */
  readonly h: Matrix;
  /** Keys' and values' hidden states C: m×d_c (cross-attention); default H. */
  readonly context?: Matrix;
  /** d×d_k */
  readonly wq: Matrix;
  /** d_c×d_k */
  readonly wk: Matrix;
  /** d_c×d_v */
  readonly wv: Matrix;
  readonly mask?: Mask;
  /** Multiplies the scores before softmax; default 1/√d_k. */
  readonly scale?: number;
  /** Also return the n×m weight matrix A (costs an n×m buffer). */
  readonly returnWeights?: boolean;
}

/** Result of single-head attention. */
export interface AttentionResult {
  /** n×d_v */
  readonly out: Matrix;
  /** A: n×m, rows sum to 1 (or 0 where fully masked), when asked for. */
  readonly weights?: Matrix;
}

/** One head's parameters. */
export interface HeadWeights {
  readonly wq: Matrix;
  readonly wk: Matrix;
  readonly wv: Matrix;
}

/** Input of multi-head attention: Concat_ℓ(head_ℓ) W_O (SPEC B.12). */
export interface MultiHeadInput extends CallOptions {
  readonly h: Matrix;
  readonly context?: Matrix;
  readonly heads: readonly HeadWeights[];
  /** (Σ_ℓ d_v⁽ℓ⁾)×d_out; head ℓ reads the ℓ-th block of rows. */
  readonly wo: Matrix;
  readonly mask?: Mask;
  /** Score scale of every head; default 1/√d_k of each head. */
  readonly scale?: number;
  readonly returnWeights?: boolean;
}

/** Result of multi-head attention. */
export interface MultiHeadResult {
  /** n×d_out */
  readonly out: Matrix;
  /** Each head's n×m weights, when asked for. */
  readonly weights?: readonly Matrix[];
}
