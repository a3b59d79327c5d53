import { csrFromTriplets, factorDirectional, factorSymmetric } from '@dproj/core';
import { describe, expect, it } from 'vitest';
import { seededUniform } from '../src/evaluate/random.ts';
import { vocabularyRelativeErrors } from '../src/evaluate/section-rank.ts';
import { pooledRelativeError, sentenceRelativeErrors, sentenceTruncation } from '../src/evaluate/truncation-error.ts';

const V = 12;
const uniform = seededUniform(7);
/** A random symmetric V×V operator with zero diagonal (indefinite, like a window count) and a general one. */
const sym = new Float64Array(V * V);
const gen = new Float64Array(V * V);
for (let a = 0; a < V; a++) {
  for (let b = 0; b < V; b++) {
    gen[a * V + b] = uniform() < 0.6 ? 3 * uniform() : 0;
    if (b > a) sym[a * V + b] = sym[b * V + a] = uniform() < 0.6 ? 3 * uniform() : 0;
  }
}
const toCsr = (m: Float64Array) =>
  csrFromTriplets(V, V, Array.from({ length: V * V }, (_, p) => [Math.floor(p / V), p % V, m[p]!] as const));
const tokens = Uint32Array.from([3, 7, 1, 3, 10, 0]);
const n = tokens.length;
/** M = Q X Qᵀ directly. */
const project = (x: Float64Array) => Float64Array.from({ length: n * n }, (_, p) => x[tokens[Math.floor(p / n)]! * V + tokens[p % n]!]!);

/** ‖M − H_L diag(c) H_Rᵀ‖_F² by building the dense factorized scores from scratch. */
function directError(m: Float64Array, left: Float64Array, right: Float64Array, width: number, d: number, c?: ArrayLike<number>): number {
  let e = 0;
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      let s = 0;
      for (let l = 0; l < Math.min(d, width); l++) s += (c?.[l] ?? 1) * left[tokens[i]! * width + l]! * right[tokens[j]! * width + l]!;
      e += (m[i * n + j]! - s) ** 2;
    }
  }
  return e;
}

describe('sentenceTruncation', () => {
  it('matches a direct dense computation of ‖M − H W_Q W_Kᵀ Hᵀ‖_F² for the signature factorization', () => {
    const f = factorSymmetric(toCsr(sym), { rank: V });
    const m = project(sym);
    const dims = [8, 2, 4, 12, 50];
    const got = sentenceTruncation(m, tokens, { left: f.w64, right: f.w64, width: f.rank, coefficients: f.signs }, dims);
    for (const [k, d] of dims.entries()) {
      expect(got.errorSquared[k]).toBeCloseTo(directError(m, f.w64, f.w64, f.rank, d, f.signs), 9);
    }
    expect(got.normSquared).toBeCloseTo(m.reduce((s, x) => s + x * x, 0), 12);
    // Full rank reproduces M exactly; fewer components leave an error.
    expect(got.errorSquared[3]).toBeLessThan(1e-9);
    expect(got.errorSquared[1]).toBeGreaterThan(got.errorSquared[3]!);
  });

  it('matches a direct dense computation for the directional factorization A Bᵀ', () => {
    const f = factorDirectional(toCsr(gen), { rank: V });
    const m = project(gen);
    const got = sentenceTruncation(m, tokens, { left: f.a64, right: f.b64, width: f.rank }, [1, 3, 6]);
    for (const [k, d] of [1, 3, 6].entries()) expect(got.errorSquared[k]).toBeCloseTo(directError(m, f.a64, f.b64, f.rank, d), 9);
  });

  it('refuses an M of the wrong size', () => {
    expect(() => sentenceTruncation(new Float64Array(5), tokens, { left: new Float64Array(V), right: new Float64Array(V), width: 1 }, [1])).toThrow(RangeError);
  });
});

describe('pooled and per-sentence relative errors', () => {
  it('pool squared errors over sentences and divide per sentence', () => {
    const sentences = [
      { errorSquared: [4, 1], normSquared: 16 },
      { errorSquared: [0, 0], normSquared: 9 },
    ];
    expect(pooledRelativeError(sentences, 2)).toEqual([Math.sqrt(4 / 25), Math.sqrt(1 / 25)]);
    expect(sentenceRelativeErrors(sentences, 0)).toEqual([0.5, 0]);
    expect(pooledRelativeError([{ errorSquared: [0], normSquared: 0 }], 1)[0]).toBeNaN();
  });
});

describe('vocabularyRelativeErrors', () => {
  it('equals the factorization’s own relative error ‖X − X_d‖_F / ‖X‖_F (Eckart–Young)', () => {
    const full = factorSymmetric(toCsr(sym), { rank: V });
    const norm = sym.reduce((s, x) => s + x * x, 0);
    for (const d of [2, 5, 9]) {
      const truncated = factorSymmetric(toCsr(sym), { rank: d });
      expect(vocabularyRelativeErrors(full.eigenvalues, norm, [d])[0]).toBeCloseTo(truncated.relativeError, 6); // S is stored in float32
    }
  });
});
