import { type Matrix, type TransformSpec, factorDirectional, factorSymmetric } from '@dproj/core';
import type { CoocFile } from '../cooc-file.ts';
import { applyTransform } from '../project/transform-option.ts';

/** Word vectors from a factorization of φ(S), one row per vocabulary word. */
export interface Embeddings {
  /** V×d', row a is word a's vector; d' ≤ the asked d when the operator has lower rank. */
  readonly vectors: Matrix;
  readonly words: readonly string[];
  /** `symmetric`: rows of W = U_d |Λ_d|^{1/2}; `directional`: rows of A = U_d Σ_d^{1/2}. */
  readonly factorization: 'symmetric' | 'directional';
  /** sign(λ_j) of each column for a symmetric factorization (S ≈ W J Wᵀ), else undefined. */
  readonly signs?: Int8Array;
  /** ‖φ(S) − W J Wᵀ‖_F / ‖φ(S)‖_F (or the directional counterpart). */
  readonly relativeError: number;
}

/**
 * The embeddings `dproj export` writes: φ(S) factorized at rank d. A symmetric operator gives
 * W = U_d |Λ_d|^{1/2} (the d eigenvalues largest in |λ|, SPEC B.8), so ⟨w_a, J w_b⟩ ≈ φ(S)_ab; a forward
 * file, or the non-symmetric `cond` transform, gives A = U_d Σ_d^{1/2} of the truncated SVD (SPEC B.9),
 * the "as predecessor" side of φ(F) ≈ A Bᵀ.
 */
export function embeddingsOf(
  file: CoocFile,
  dim: number,
  spec: TransformSpec,
  seed: number,
  signal: AbortSignal,
): Embeddings {
  const s = applyTransform(file.result.matrix, spec);
  const options = { rank: dim, seed, signal };
  const words = file.vocab.words;
  if (file.result.settings.direction === 'symmetric' && spec.kind !== 'cond') {
    const f = factorSymmetric(s, options);
    return { vectors: f.w, words, factorization: 'symmetric', signs: f.signs, relativeError: f.relativeError };
  }
  const f = factorDirectional(s, options);
  return { vectors: f.a, words, factorization: 'directional', relativeError: f.relativeError };
}
