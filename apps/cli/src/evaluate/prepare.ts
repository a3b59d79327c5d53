import { type CsrMatrix, type Operator, factorDirectional, factorSymmetric, isCsr, transform } from '@dproj/core';
import { frobeniusSquared } from './operators.ts';
import type { WordFactors } from './truncation-error.ts';
import type { EvaluationData } from './types.ts';

/** The transformed operators and factorizations several sections share, computed once. */
export interface Prepared {
  /** PPMI(S) and PPMI(F) (SPEC B.2.5, zero counts stay 0). */
  readonly ppmiSymmetric: CsrMatrix;
  readonly ppmiForward: CsrMatrix;
  /** log(1 + S) and log(1 + F): scores whose softmax is ∝ 1 + count (SPEC N1). */
  readonly logSymmetric: CsrMatrix;
  readonly logForward: CsrMatrix;
  /** PPMI(S) ≈ W J Wᵀ and PPMI(F) ≈ A Bᵀ at rank max(dims) (fewer where the rank is lower). */
  readonly symmetricFactors: WordFactors;
  readonly directionalFactors: WordFactors;
  /** The kept eigenvalues λ (by |λ|) and singular values σ, for the vocabulary-level errors. */
  readonly eigenvalues: Float64Array;
  readonly singularValues: Float64Array;
  readonly ppmiSymmetricNormSquared: number;
  readonly ppmiForwardNormSquared: number;
  readonly seconds: number;
}

function csr(op: Operator, what: string): CsrMatrix {
  if (!isCsr(op)) throw new Error(`${what}: expected a sparse result`);
  return op;
}

/**
 * Transforms S and F and factors PPMI(S) (signature eigendecomposition) and PPMI(F) (SVD) once, at
 * the largest d asked for: the truncations to smaller d are their leading components.
 */
export function prepare(data: EvaluationData): Prepared {
  const started = performance.now();
  const ppmiSymmetric = csr(transform(data.symmetric, { kind: 'ppmi' }), 'PPMI(S)');
  const ppmiForward = csr(transform(data.forward, { kind: 'ppmi' }), 'PPMI(F)');
  const logSymmetric = csr(transform(data.symmetric, { kind: 'log1p' }), 'log1p(S)');
  const logForward = csr(transform(data.forward, { kind: 'log1p' }), 'log1p(F)');
  const rank = Math.max(...data.settings.dims);
  const options = { rank, seed: data.settings.seed, signal: data.signal };
  const sym = factorSymmetric(ppmiSymmetric, options);
  const dir = factorDirectional(ppmiForward, options);
  return {
    ppmiSymmetric,
    ppmiForward,
    logSymmetric,
    logForward,
    symmetricFactors: { left: sym.w64, right: sym.w64, width: sym.rank, coefficients: sym.signs },
    directionalFactors: { left: dir.a64, right: dir.b64, width: dir.rank },
    eigenvalues: sym.eigenvalues,
    singularValues: dir.singularValues,
    ppmiSymmetricNormSquared: frobeniusSquared(ppmiSymmetric),
    ppmiForwardNormSquared: frobeniusSquared(ppmiForward),
    seconds: (performance.now() - started) / 1000,
  };
}
