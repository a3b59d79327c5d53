import { type CsrMatrix, type Operator, csrTranspose, factorDirectional, factorSymmetric, isCsr, transform } from '@dproj/core';
import { frobeniusSquared } from './operators.ts';
import type { WordFactors } from './truncation-error.ts';
import type { EvaluationData } from './types.ts';

/** One operator with its rank-max(d) factorization. */
export interface FactoredOperator {
  /** How the report names it, e.g. "log(1 + S)". */
  readonly label: string;
  readonly operator: CsrMatrix;
  readonly factors: WordFactors;
  /** The kept |λ| (symmetric) or σ (directional), in the factors' order. */
  readonly components: Float64Array;
  readonly normSquared: number;
}

/** A transform of the counts, symmetric and directional, each factored. */
export interface FactoredPair {
  readonly name: string;
  readonly symmetric: FactoredOperator;
  readonly directional: FactoredOperator;
}

/** The transformed operators and factorizations several sections share, computed once. */
export interface Prepared {
  /** log(1 + ·) of S and F (softmax of these scores is ∝ 1 + count, SPEC N1), then PPMI of S and F. */
  readonly pairs: readonly [FactoredPair, FactoredPair];
  /** (log(1 + F))ᵀ, so that Q (log(1 + F))ᵀ Qᵀ = M← is one plain projection. */
  readonly logBackward: CsrMatrix;
  readonly seconds: number;
}

function csr(op: Operator, what: string): CsrMatrix {
  if (!isCsr(op)) throw new Error(`${what}: expected a sparse result`);
  return op;
}

/** The signature factorization S ≈ W J Wᵀ (SPEC B.8) of a symmetric operator as word factors. */
function factorS(label: string, operator: CsrMatrix, rank: number, data: EvaluationData): FactoredOperator {
  const f = factorSymmetric(operator, { rank, seed: data.settings.seed, signal: data.signal });
  return {
    label,
    operator,
    factors: { left: f.w64, right: f.w64, width: f.rank, coefficients: f.signs },
    components: f.eigenvalues.map(Math.abs),
    normSquared: frobeniusSquared(operator),
  };
}

/** The SVD factorization F ≈ A Bᵀ (SPEC B.9) of a directional operator as word factors. */
function factorF(label: string, operator: CsrMatrix, rank: number, data: EvaluationData): FactoredOperator {
  const f = factorDirectional(operator, { rank, seed: data.settings.seed, signal: data.signal });
  return {
    label,
    operator,
    factors: { left: f.a64, right: f.b64, width: f.rank },
    components: f.singularValues,
    normSquared: frobeniusSquared(operator),
  };
}

/**
 * Transforms S and F (log(1 + ·) and PPMI) and factors each once at the largest d asked for (signature
 * eigendecomposition for S, SVD for F): the truncations to smaller d are their leading components.
 */
export function prepare(data: EvaluationData, progress: (line: string) => void = () => {}): Prepared {
  const started = performance.now();
  const rank = Math.max(...data.settings.dims);
  const pairs = (['log1p', 'ppmi'] as const).map((kind): FactoredPair => {
    const name = kind === 'log1p' ? 'log(1 + ·)' : 'PPMI';
    const s = csr(transform(data.symmetric, { kind }), `${kind}(S)`);
    const f = csr(transform(data.forward, { kind }), `${kind}(F)`);
    const label = (x: string): string => (kind === 'log1p' ? `log(1 + ${x})` : `PPMI(${x})`);
    progress(`factoring ${label('S')} and ${label('F')} at d = ${rank} (V = ${data.vocab.size})…`);
    return { name, symmetric: factorS(label('S'), s, rank, data), directional: factorF(label('F'), f, rank, data) };
  }) as unknown as readonly [FactoredPair, FactoredPair];
  return {
    pairs,
    logBackward: csrTranspose(pairs[0].directional.operator),
    seconds: (performance.now() - started) / 1000,
  };
}

/** PPMI(S) with its factorization: what sections 1, 4 and 5 read. */
export function ppmiSymmetric(prepared: Prepared): FactoredOperator {
  return prepared.pairs[1].symmetric;
}
