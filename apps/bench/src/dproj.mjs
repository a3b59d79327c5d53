import { createEngine } from '@dproj/core';

/**
 * A dproj backend as a benchmark implementation, driven through the public engine API only.
 * Matmul has no operator of its own; it runs as the cross projection M = Q_x S Q_yᵀ with the soft
 * selector Q_x = A, S = B and Q_y the one-hot identity (token ids 0..n−1), which is exactly A B and
 * costs one n³ product in a backend that forms Q_x S once and gathers its columns.
 * @param {import('@dproj/core').BackendFactory} factory
 * @returns {Promise<import('./runner.mjs').Adapter>}
 */
export async function dprojAdapter(factory) {
  const engine = await createEngine({ backends: [factory], fallback: 'none' });
  return {
    impl: `dproj-${engine.backend.name}`,
    backend: engine.backend,
    threads: engine.backend.capabilities.threads,
    unsupported: () => undefined,
    prepare: async (workload, input) => ({ run: runner(engine, workload, input) }),
    dispose: () => engine.dispose(),
  };
}

/**
 * @param {import('@dproj/core').Engine} engine
 * @param {import('./workloads/case.mjs').Workload} workload
 * @param {import('./workloads/case.mjs').CaseInput} input (its shape follows `workload`)
 * @returns {() => Promise<import('./workloads/case.mjs').CaseOutput>}
 */
function runner(engine, workload, input) {
  switch (workload) {
    case 'matmul': {
      const identity = { tokens: Uint32Array.from({ length: input.n }, (_, i) => i) };
      return async () => ({ c: (await engine.projection({ q: input.a, s: input.b, other: identity })).m.data });
    }
    case 'attention':
    case 'attention-causal':
      return async () => ({ out: (await engine.attention(input)).out.data });
    case 'mha':
      return async () => ({ out: (await engine.multiHead(input)).out.data });
    case 'projection-sotu':
    case 'projection-dense':
      return async () => {
        const r = await engine.projection({ tokens: input.tokens, s: input.s, predict: { kind: 'topk', k: input.k } });
        return { m: r.m.data, ids: r.topk.ids, scores: r.topk.scores };
      };
    case 'cooccurrence':
      return async () => {
        const r = await engine.cooccurrence(input.corpus, { window: input.window });
        return { matrix: r.matrix, tokens: r.tokens };
      };
  }
}
