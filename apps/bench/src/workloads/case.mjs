/**
 * The names of the workloads, as they appear in the table and the JSON rows.
 * @typedef {'matmul' | 'attention' | 'attention-causal' | 'mha' | 'projection-sotu' | 'projection-dense' | 'cooccurrence'} Workload
 */

/**
 * What a case's inputs are once built: the dproj-shaped input every implementation reads, the work it
 * counts, and the check of an implementation's output against the float64 oracle.
 * @typedef {object} LoadedCase
 * @property {CaseInput} input the workload's input, the same for every implementation
 * @property {number | null} flops floating-point operations of one run; null where not meaningful
 * @property {number} [tokens] tokens read by one run (co-occurrence)
 * @property {(output: CaseOutput) => import('../check.mjs').Verdict} check
 */

/**
 * Inputs by workload: matmul `{ n, a, b }`; attention dproj's `AttentionInput`; mha its
 * `MultiHeadInput`; projection the query `tokens`, the operator `s` (CSR or dense V×V) and `k`;
 * co-occurrence a `corpus` and its `window`.
 * @typedef {{ n: number, a: Matrix, b: Matrix }
 *   | import('@dproj/core').AttentionInput
 *   | import('@dproj/core').MultiHeadInput
 *   | { tokens: Uint32Array, s: import('@dproj/core').Operator, k: number }
 *   | { corpus: import('@dproj/core').Corpus, window: number }} CaseInput
 * @typedef {import('@dproj/core').Matrix} Matrix
 */

/**
 * Outputs by workload, all host arrays: matmul `{ c }` (n×n); attention and mha `{ out }`; projection
 * `{ m, ids, scores }` (M n×n and the top-k of each row of E, k per row); co-occurrence `{ matrix, tokens }`.
 * @typedef {{ c: Float32Array }
 *   | { out: Float32Array }
 *   | { m: Float32Array, ids: ArrayLike<number>, scores: ArrayLike<number> }
 *   | { matrix: import('@dproj/core').CsrMatrix, tokens: number }} CaseOutput
 */

/**
 * One workload at one size. Inputs are built on first use only, so a process that runs a peer without
 * sparse support never builds the 1.8M-token corpus.
 * @typedef {object} BenchCase
 * @property {Workload} workload
 * @property {string} size
 * @property {() => Promise<LoadedCase>} load
 */

/**
 * Makes a case whose inputs are built once, on first `load()`.
 * @param {Workload} workload
 * @param {string} size
 * @param {() => LoadedCase | Promise<LoadedCase>} build
 * @returns {BenchCase}
 */
export function lazyCase(workload, size, build) {
  /** @type {Promise<LoadedCase> | undefined} */
  let loaded;
  return {
    workload,
    size,
    load: () => {
      loaded ??= Promise.resolve().then(build);
      return loaded;
    },
  };
}
