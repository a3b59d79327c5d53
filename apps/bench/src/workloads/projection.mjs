import { oracleProjection } from '@dproj/conformance';
import { allOf, compareRows, compareTopK, sampleRows } from '../check.mjs';
import { randomMatrix } from '../timing.mjs';
import { lazyCase } from './case.mjs';
import { sotuOperator } from './sotu-operator.mjs';
import { zipfSampler } from './zipf-corpus.mjs';

/**
 * Projection of a sequence x of n word ids through the SOTU-sized co-occurrence operator S (CSR):
 * M = Q S Qᵀ (M_ij = S[x_i, x_j]) and the top-k of each row of E = M (Q S). Flops: E's sparse
 * accumulation, 2·n·Σ_j nnz(S[x_j, :]); M is a gather and counts nothing.
 * @param {{ tokens: number, vocabularySize: number, n: number, k: number }} size
 * @param {number} window
 * @returns {import('./case.mjs').BenchCase}
 */
export function sotuProjectionCase(size, window) {
  const label = `n=${size.n}, V=${size.vocabularySize}, ${(size.tokens / 1e6).toFixed(2)}M tokens, top-${size.k}`;
  return lazyCase('projection-sotu', label, async () => {
    const { s } = await sotuOperator(size, window);
    const tokens = querySequence(size.n, size.vocabularySize);
    let nnz = 0;
    for (const a of tokens) nnz += s.rowPtr[a + 1] - s.rowPtr[a];
    return projectionCase({ tokens, s, k: size.k }, 2 * size.n * nnz);
  });
}

/**
 * The same projection through a dense V×V operator of seeded values in [0, 1), the form the dense
 * peers can run: M gathers S[x, x], E = M S[x, :] is an n×n by n×V product, 2n²V flops.
 * @param {{ vocabularySize: number, n: number, k: number }} size
 * @returns {import('./case.mjs').BenchCase}
 */
export function denseProjectionCase(size) {
  const V = size.vocabularySize;
  return lazyCase('projection-dense', `n=${size.n}, V=${V}, top-${size.k}`, () => {
    const s = randomMatrix(V, V, 51);
    for (let i = 0; i < s.data.length; i++) s.data[i] = (s.data[i] + 1) / 2;
    const tokens = querySequence(size.n, V);
    return projectionCase({ tokens, s, k: size.k }, 2 * size.n * size.n * V);
  });
}

/**
 * A query sequence drawn from the corpus's own Zipf law, so it repeats frequent words as text does.
 * @param {number} n
 * @param {number} vocabularySize
 */
function querySequence(n, vocabularySize) {
  const draw = zipfSampler(vocabularySize, 61);
  return Uint32Array.from({ length: n }, draw);
}

/**
 * @param {{ tokens: Uint32Array, s: import('@dproj/core').Operator, k: number }} input
 * @param {number} flops
 * @returns {import('./case.mjs').LoadedCase}
 */
function projectionCase(input, flops) {
  const n = input.tokens.length;
  return {
    input,
    flops,
    check: (output) => {
      const rows = sampleRows(n);
      const want = oracleProjection({ tokens: input.tokens, s: input.s, predict: { kind: 'topk', k: input.k } }, rows);
      return allOf(
        compareRows(output.m, n, want.m, rows),
        compareTopK(output, input.k, { e: want.e, scores: want.topk.scores }, rows),
      );
    },
  };
}
