import type { HeadWeights, Matrix } from '@dproj/core';
import { directionalAttentionWeights, factorDirectional, factorSymmetric, identity, spectralHeads, zeros } from '@dproj/core';
import type { DirectedOperator } from './operator.ts';

/** A factorization of the page's operator: symmetric S ≈ W J Wᵀ or directional F ≈ A Bᵀ. */
export type Factorization =
  | { readonly kind: 'symmetric'; readonly f: ReturnType<typeof factorSymmetric> }
  | { readonly kind: 'directional'; readonly f: ReturnType<typeof factorDirectional> };

/** Everything multi-head attention needs, built from a factorization. */
export interface AttentionSetup {
  /** H: n×d′, the gathered embedding rows. */
  readonly h: Matrix;
  readonly heads: readonly HeadWeights[];
  /** W_O = I: the heads' outputs side by side. */
  readonly wo: Matrix;
  /** Score scale 1, so each head's logits are its share of M. */
  readonly scale: number;
  /** The number of components actually kept (≤ the requested rank where S has lower rank). */
  readonly rank: number;
}

/**
 * Factorizes the operator to rank d: S ≈ W J Wᵀ when it is symmetric (`symmetric` direction) or
 * F ≈ A Bᵀ when it is directional (SPEC B.8, B.9). Randomized with a fixed seed, so the page shows the
 * same heads every time.
 */
export function factorize(op: DirectedOperator, symmetric: boolean, rank: number): Factorization {
  const options = { rank, seed: 1, oversample: 8, powerIterations: 2 };
  return symmetric ? { kind: 'symmetric', f: factorSymmetric(op.s, options) } : { kind: 'directional', f: factorDirectional(op.s, options) };
}

/**
 * Splits component indices 0..d−1 into h contiguous groups whose sizes differ by at most one (the
 * larger groups first): splitGroups(5, 2) = [[0, 1, 2], [3, 4]]. h is clamped to 1..d.
 */
export function splitGroups(d: number, h: number): number[][] {
  if (!Number.isInteger(d) || d < 1) throw new RangeError(`splitGroups: d must be an integer ≥ 1, got ${d}`);
  const heads = Math.max(1, Math.min(d, Math.floor(h)));
  const groups: number[][] = [];
  let next = 0;
  for (let l = 0; l < heads; l++) {
    const size = Math.floor(d / heads) + (l < d % heads ? 1 : 0);
    groups.push(Array.from({ length: size }, (_, c) => next + c));
    next += size;
  }
  return groups;
}

function columns(rows: number, offset: number, group: readonly number[]): Matrix {
  const m = zeros(rows, group.length);
  group.forEach((index, c) => {
    m.data[(offset + index) * group.length + c] = 1;
  });
  return m;
}

/**
 * Multi-head attention weights whose linear scores add up to the factorized projection (SPEC B.12):
 * - symmetric: spectral heads, head ℓ scores Q S⁽ℓ⁾ Qᵀ with S⁽ℓ⁾ = W_G J_G W_Gᵀ;
 * - directional: H = Q [A B]; head ℓ takes the singular pairs in its group, W_Q selects A_G and W_K
 *   selects B_G (swapped for `backward`), so its scores are (Q A_G)(Q B_G)ᵀ.
 * In both cases Σ_ℓ scores_ℓ ≈ M, exactly at full rank.
 */
export function attentionSetup(fact: Factorization, tokens: Uint32Array, heads: number, direction: 'forward' | 'backward'): AttentionSetup {
  const d = fact.f.rank;
  const groups = splitGroups(d, heads);
  if (fact.kind === 'symmetric') {
    const spectral = spectralHeads(fact.f, tokens, groups);
    return { h: spectral.h, heads: spectral.heads, wo: identity(d), scale: 1, rank: d };
  }
  const base = directionalAttentionWeights(fact.f, tokens, 'forward');
  const width = 2 * d;
  const [qOffset, kOffset] = direction === 'forward' ? [0, d] : [d, 0];
  const built = groups.map((g): HeadWeights => {
    const wq = columns(width, qOffset, g);
    return { wq, wk: columns(width, kOffset, g), wv: { rows: width, cols: g.length, data: wq.data.slice() } };
  });
  return { h: base.h, heads: built, wo: identity(d), scale: 1, rank: d };
}

/** Σ_ℓ (H W_Q⁽ℓ⁾)(H W_K⁽ℓ⁾)ᵀ: the heads' linear scores added up, n×n, in float64. */
export function summedScores(setup: AttentionSetup): Float64Array {
  const { h } = setup;
  const n = h.rows;
  const out = new Float64Array(n * n);
  for (const head of setup.heads) {
    const q = project(h, head.wq);
    const k = project(h, head.wk);
    const dk = head.wq.cols;
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < n; j++) {
        let sum = 0;
        for (let c = 0; c < dk; c++) sum += q[i * dk + c]! * k[j * dk + c]!;
        out[i * n + j] += sum;
      }
    }
  }
  return out;
}

function project(h: Matrix, w: Matrix): Float64Array {
  const out = new Float64Array(h.rows * w.cols);
  for (let i = 0; i < h.rows; i++) {
    for (let t = 0; t < h.cols; t++) {
      const v = h.data[i * h.cols + t]!;
      if (v === 0) continue;
      for (let c = 0; c < w.cols; c++) out[i * w.cols + c] += v * w.data[t * w.cols + c]!;
    }
  }
  return out;
}

/** ‖A − B‖_F / ‖B‖_F, or ‖A‖_F when B = 0 (so a zero M and zero scores give 0). */
export function relativeError(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let diff = 0;
  let norm = 0;
  for (let i = 0; i < b.length; i++) {
    diff += (a[i]! - b[i]!) ** 2;
    norm += b[i]! ** 2;
  }
  return norm === 0 ? Math.sqrt(diff) : Math.sqrt(diff / norm);
}

/** The largest |a_i − b_i| (0 for empty inputs); NaN when any entry differs in being NaN. */
export function maxAbsDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length) return Number.POSITIVE_INFINITY;
  let max = 0;
  for (let i = 0; i < a.length; i++) {
    const d = Math.abs(a[i]! - b[i]!);
    if (Number.isNaN(d)) return Number.NaN;
    if (d > max) max = d;
  }
  return max;
}
