/**
 * A rank-D factorization of a V×V operator as per-word rows: X ≈ L diag(c) Rᵀ with L, R V×D
 * (row-major float64). Symmetric S ≈ W J Wᵀ is L = R = W, c = signs; directional F ≈ A Bᵀ is L = A,
 * R = B, c = 1.
 */
export interface WordFactors {
  readonly left: Float64Array;
  readonly right: Float64Array;
  /** D, the number of components, ordered most important first. */
  readonly width: number;
  /** c_l; absent means all 1. */
  readonly coefficients?: ArrayLike<number>;
}

/** ‖M − M̂_d‖_F² for each requested d, and ‖M‖_F², for one sentence. */
export interface SentenceTruncation {
  /** Same order as the `dims` asked for. */
  readonly errorSquared: readonly number[];
  readonly normSquared: number;
}

/**
 * For one sentence x (n tokens) with its exact projection M (n×n row-major), the Frobenius errors of
 * the truncated factorized scores M̂_d = H_L diag(c_{<d}) H_Rᵀ, H_L = Q L_{:, <d}, H_R = Q R_{:, <d}:
 * with W_Q, W_K the first d components, M̂_d = H W_Q W_Kᵀ Hᵀ. A d above D uses all D components.
 * The d are visited in increasing order, adding one rank-1 term per component, so the cost is
 * O(n² D) for all d together.
 */
export function sentenceTruncation(
  m: ArrayLike<number>,
  tokens: ArrayLike<number>,
  factors: WordFactors,
  dims: readonly number[],
): SentenceTruncation {
  const n = tokens.length;
  if (m.length !== n * n) throw new RangeError(`M has ${m.length} entries, expected ${n}×${n}`);
  const { left, right, width } = factors;
  const approx = new Float64Array(n * n);
  let normSquared = 0;
  for (let p = 0; p < n * n; p++) normSquared += m[p]! * m[p]!;
  const order = dims.map((d, k) => ({ d: Math.min(d, width), k })).sort((a, b) => a.d - b.d);
  const errorSquared = new Array<number>(dims.length).fill(0);
  let added = 0;
  for (const { d, k } of order) {
    for (; added < d; added++) {
      const c = factors.coefficients === undefined ? 1 : factors.coefficients[added]!;
      for (let i = 0; i < n; i++) {
        const li = c * left[tokens[i]! * width + added]!;
        if (li === 0) continue;
        for (let j = 0; j < n; j++) approx[i * n + j] += li * right[tokens[j]! * width + added]!;
      }
    }
    let e = 0;
    for (let p = 0; p < n * n; p++) {
      const diff = m[p]! - approx[p]!;
      e += diff * diff;
    }
    errorSquared[k] = e;
  }
  return { errorSquared, normSquared };
}

/**
 * The pooled relative error over sentences, √(Σ_s ‖M_s − M̂_s‖²) / √(Σ_s ‖M_s‖²), for each d: one
 * number per d that weighs every sentence's entries alike.
 */
export function pooledRelativeError(sentences: readonly SentenceTruncation[], dimCount: number): number[] {
  const total = sentences.reduce((sum, s) => sum + s.normSquared, 0);
  return Array.from({ length: dimCount }, (_, k) => {
    const error = sentences.reduce((sum, s) => sum + s.errorSquared[k]!, 0);
    return total === 0 ? Number.NaN : Math.sqrt(error / total);
  });
}

/** Each sentence's own relative error ‖M − M̂_d‖_F / ‖M‖_F at the k-th d (NaN where M = 0). */
export function sentenceRelativeErrors(sentences: readonly SentenceTruncation[], k: number): number[] {
  return sentences.map((s) => (s.normSquared === 0 ? Number.NaN : Math.sqrt(s.errorSquared[k]! / s.normSquared)));
}
