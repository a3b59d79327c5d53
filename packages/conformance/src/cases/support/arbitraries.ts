import type { HeadWeights, Matrix } from '@dproj/core';
import fc from 'fast-check';

// fast-check arbitraries for the invariant cases, drawn in SPEC C.11's ranges. Values are float32
// (what the contract stores), bounded so that scores stay where softmax is well conditioned.

/** A rows×cols matrix with float32 entries in [−bound, bound]. */
export function matrixArb(rows: number, cols: number, bound = 2): fc.Arbitrary<Matrix> {
  return fc
    .float32Array({ minLength: rows * cols, maxLength: rows * cols, min: -bound, max: bound, noNaN: true, noDefaultInfinity: true })
    .map((data) => ({ rows, cols, data }));
}

/** A symmetric V×V matrix. */
export function symmetricArb(size: number, bound = 2): fc.Arbitrary<Matrix> {
  return matrixArb(size, size, bound).map(({ data }) => {
    const sym = new Float32Array(size * size);
    for (let a = 0; a < size; a++) for (let b = 0; b < size; b++) sym[a * size + b] = data[Math.min(a, b) * size + Math.max(a, b)];
    return { rows: size, cols: size, data: sym };
  });
}

/** n token ids below V. */
export function tokensArb(n: number, vocabularySize: number): fc.Arbitrary<number[]> {
  return fc.array(fc.integer({ min: 0, max: vocabularySize - 1 }), { minLength: n, maxLength: n });
}

/** A permutation of 0..n−1 (as the list π with x′_i = x_{π(i)}). */
export function permutationArb(n: number): fc.Arbitrary<number[]> {
  return fc.shuffledSubarray(Array.from({ length: n }, (_, i) => i), { minLength: n, maxLength: n });
}

/** A projection problem: V ∈ [3, 12], a sequence of n ∈ [1, 10] ids with duplicates likely, and S. */
export interface ProjectionProblem {
  readonly v: number;
  readonly tokens: number[];
  readonly s: Matrix;
}

/** A projection problem with a general S (or a symmetric one). */
export function projectionProblemArb(options: { symmetric?: boolean; minN?: number; maxV?: number } = {}): fc.Arbitrary<ProjectionProblem> {
  return fc
    .record({ v: fc.integer({ min: 3, max: options.maxV ?? 12 }), n: fc.integer({ min: options.minN ?? 1, max: 10 }) })
    .chain(({ v, n }) =>
      fc.record({
        v: fc.constant(v),
        tokens: tokensArb(n, v),
        s: options.symmetric ? symmetricArb(v) : matrixArb(v, v),
      }),
    );
}

/** A soft selector problem: Q (n×V) with entries in [−1, 1] and S. */
export interface SoftProblem {
  readonly q: Matrix;
  readonly s: Matrix;
}

/** Random soft-selector problems: Q (n×V) and a dense S (V×V) in SPEC C.11's ranges. */
export function softProblemArb(): fc.Arbitrary<SoftProblem> {
  return fc
    .record({ v: fc.integer({ min: 3, max: 12 }), n: fc.integer({ min: 1, max: 10 }) })
    .chain(({ v, n }) => fc.record({ q: matrixArb(n, v, 1), s: matrixArb(v, v) }));
}

/** An attention problem: H (n×d), optionally a context C (m×d_c), and one head's weights. */
export interface AttentionProblem extends HeadWeights {
  readonly h: Matrix;
  readonly context?: Matrix;
}

/** Random attention problems: H n×d (and a context m×d_c when `cross`) with W_Q, W_K, W_V. */
export function attentionProblemArb(options: { cross?: boolean; minN?: number } = {}): fc.Arbitrary<AttentionProblem> {
  return fc
    .record({
      n: fc.integer({ min: options.minN ?? 1, max: 10 }),
      m: fc.integer({ min: 1, max: 10 }),
      d: fc.integer({ min: 1, max: 8 }),
      dc: fc.integer({ min: 1, max: 8 }),
      dk: fc.integer({ min: 1, max: 8 }),
      dv: fc.integer({ min: 1, max: 8 }),
    })
    .chain(({ n, m, d, dc, dk, dv }) => {
      const width = options.cross ? dc : d;
      return fc.record({
        h: matrixArb(n, d, 1),
        ...(options.cross ? { context: matrixArb(m, dc, 1) } : {}),
        wq: matrixArb(d, dk, 1),
        wk: matrixArb(width, dk, 1),
        wv: matrixArb(width, dv, 1),
      });
    });
}

/** A multi-head problem: H (n×d), h ∈ [1, 4] heads with their own d_k, d_v, and W_O. */
export interface MultiHeadProblem {
  readonly h: Matrix;
  readonly heads: HeadWeights[];
  readonly wo: Matrix;
}

/** Random multi-head problems: 1–4 heads with their own d_k and d_v, and W_O of Σ d_v rows. */
export function multiHeadProblemArb(): fc.Arbitrary<MultiHeadProblem> {
  return fc
    .record({
      n: fc.integer({ min: 1, max: 10 }),
      d: fc.integer({ min: 1, max: 8 }),
      dout: fc.integer({ min: 1, max: 8 }),
      shapes: fc.array(fc.record({ dk: fc.integer({ min: 1, max: 8 }), dv: fc.integer({ min: 1, max: 8 }) }), { minLength: 1, maxLength: 4 }),
    })
    .chain(({ n, d, dout, shapes }) =>
      fc.record({
        h: matrixArb(n, d, 1),
        heads: fc.tuple(...shapes.map(({ dk, dv }) => fc.record({ wq: matrixArb(d, dk, 1), wk: matrixArb(d, dk, 1), wv: matrixArb(d, dv, 1) }))),
        wo: matrixArb(shapes.reduce((sum, s) => sum + s.dv, 0), dout, 1),
      }),
    );
}
