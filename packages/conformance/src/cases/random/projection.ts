import type { Operator, Predict, ProjectionInput, Selector, Weighting } from '@dproj/core';
import type { ConformanceCase } from '../../case.ts';
import { offsetCounts } from '../../oracle/cooccurrence.ts';
import { operatorToCsr } from '../../oracle/sparse.ts';
import { toleranceForTerms } from '../../tolerance.ts';
import { randomDocs } from '../support/corpus.ts';
import { checkProjection } from '../support/check-ops.ts';
import {
  randomIntegerMatrix,
  randomMatrix,
  randomSoftSelector,
  randomSymmetric,
  randomTokens,
  sparsify,
  toCsr,
} from '../support/inputs.ts';
import type { Rng } from '../support/rng.ts';
import { trialCase } from '../support/trials.ts';

const TRIALS = 24;

/** SPEC C.11 sizes: V ∈ [3, 12], n ∈ [1, 10]. */
function sizes(rng: Rng): { v: number; n: number } {
  return { v: rng.int(3, 12), n: rng.int(1, 10) };
}

/** A random V_x×V_y operator: general, symmetric or sparse-ish, dense or CSR (columns shuffled). */
function randomOperator(rng: Rng, rows: number, cols: number): Operator {
  let s = rows === cols && rng.chance(0.3) ? randomSymmetric(rng, rows, 2) : randomMatrix(rng, rows, cols, 2);
  if (rng.chance(0.4)) s = sparsify(rng, s, 0.6);
  return rng.chance(0.5) ? toCsr(s, rng) : s;
}

function randomSelector(rng: Rng, soft: boolean, n: number, v: number): Selector {
  return soft ? { q: randomSoftSelector(rng, n, v) } : { tokens: randomTokens(rng, n, v) };
}

function randomPredict(rng: Rng, v: number): Predict | undefined {
  const r = rng.int(0, 2);
  return r === 0 ? undefined : r === 1 ? { kind: 'dense' } : { kind: 'topk', k: rng.int(1, v) };
}

function describeInput(input: ProjectionInput): string {
  const sel = (s: Selector): string => ('tokens' in s ? `tokens=[${Array.from(s.tokens).join(',')}]` : `q ${s.q.rows}×${s.q.cols}`);
  const s = 'rowPtr' in input.s ? `CSR ${input.s.rows}×${input.s.cols}` : `dense ${input.s.rows}×${input.s.cols}`;
  const parts = [sel(input), `S ${s}`];
  if (input.other) parts.push(`other ${sel(input.other)}`);
  if (input.direction) parts.push(`direction=${input.direction}`);
  if (input.positional) parts.push(`positional=${input.positional.kind}`);
  if (input.predict) parts.push(`predict=${input.predict.kind === 'topk' ? `top-${input.predict.k}` : 'dense'}`);
  return parts.join(' ');
}

/** A projection case whose trials draw an input and compare the result with the oracle. */
function projectionCase(id: string, draw: (rng: Rng) => ProjectionInput): ConformanceCase {
  return trialCase(id, TRIALS, async (ctx, rng) => {
    const input = draw(rng);
    // E sums n products of M with S entries, each itself a sum over the selector rows.
    const tol = toleranceForTerms(ctx.tol, input.s.rows * input.s.cols);
    await checkProjection(ctx.engine, input, tol, describeInput(input));
  });
}

/** Offset counts C⁽ᵏ⁾ of a random corpus over V words, as the positional option takes them. */
function randomOffsets(rng: Rng, v: number) {
  const docs = randomDocs(rng, v + 1, 6, 10);
  return offsetCounts(docs, v, rng.int(1, 4), false).map(operatorToCsr);
}

/** Projection (SPEC B.4, B.5, B.9, B.10, B.13) on random inputs against the oracle. */
export const randomProjectionCases: readonly ConformanceCase[] = [
  projectionCase('random/projection-one-hot', (rng) => {
    const { v, n } = sizes(rng);
    return { tokens: randomTokens(rng, n, v), s: randomOperator(rng, v, v), predict: randomPredict(rng, v) };
  }),
  projectionCase('random/projection-one-hot-number-array', (rng) => {
    const { v, n } = sizes(rng);
    // Token ids may come as a plain array as well as a Uint32Array.
    return { tokens: Array.from(randomTokens(rng, n, v)), s: randomOperator(rng, v, v), predict: { kind: 'dense' } };
  }),
  projectionCase('random/projection-soft-selector', (rng) => {
    const { v, n } = sizes(rng);
    return { q: randomSoftSelector(rng, n, v), s: randomOperator(rng, v, v), predict: randomPredict(rng, v) };
  }),
  projectionCase('random/projection-directions', (rng) => {
    const { v, n } = sizes(rng);
    return {
      ...randomSelector(rng, rng.chance(0.3), n, v),
      s: randomOperator(rng, v, v),
      direction: rng.pick(['forward', 'backward', 'symmetric'] as const),
      predict: randomPredict(rng, v),
    };
  }),
  projectionCase('random/projection-cross', (rng) => {
    const vx = rng.int(3, 12);
    const vy = rng.int(3, 12);
    const { n } = sizes(rng);
    const m = rng.int(1, 10);
    return {
      ...randomSelector(rng, rng.chance(0.3), n, vx),
      s: randomOperator(rng, vx, vy),
      other: randomSelector(rng, rng.chance(0.3), m, vy),
    };
  }),
  projectionCase('random/projection-cross-predict', (rng) => {
    // E = M_xy (Q_y S) needs one shared vocabulary: S is V×V.
    const { v, n } = sizes(rng);
    return {
      ...randomSelector(rng, rng.chance(0.3), n, v),
      s: randomOperator(rng, v, v),
      other: randomSelector(rng, rng.chance(0.3), rng.int(1, 10), v),
      direction: rng.pick(['forward', 'backward', 'symmetric'] as const),
      predict: randomPredict(rng, v) ?? { kind: 'dense' },
    };
  }),
  projectionCase('random/projection-positional-offset', (rng) => {
    const { v, n } = sizes(rng);
    const weighting = rng.pick([undefined, 'harmonic', 'uniform'] as (Weighting | undefined)[]);
    return {
      tokens: randomTokens(rng, n, v),
      s: randomOperator(rng, v, v),
      positional: { kind: 'offset', offsets: randomOffsets(rng, v), ...(weighting ? { weighting } : {}) },
    };
  }),
  projectionCase('random/projection-positional-kernel', (rng) => {
    const { v, n } = sizes(rng);
    const kappa = Array.from({ length: rng.int(1, n + 2) }, () => rng.uniform(-1, 2));
    return {
      ...randomSelector(rng, rng.chance(0.4), n, v),
      s: randomOperator(rng, v, v),
      direction: rng.pick([undefined, 'backward', 'symmetric'] as const),
      positional: { kind: 'kernel', kappa: rng.chance(0.5) ? Float32Array.from(kappa) : kappa },
    };
  }),
  projectionCase('random/projection-positional-predict', (rng) => {
    // The refined M is the M of E = M (Q S): prediction reads the positional scores.
    const { v, n } = sizes(rng);
    const positional = rng.chance(0.5)
      ? { kind: 'offset' as const, offsets: randomOffsets(rng, v) }
      : { kind: 'kernel' as const, kappa: Array.from({ length: rng.int(1, n + 1) }, () => rng.uniform(0, 1)) };
    return { tokens: randomTokens(rng, n, v), s: randomOperator(rng, v, v), positional, predict: { kind: 'dense' } };
  }),
  projectionCase('random/projection-topk', (rng) => {
    const { v, n } = sizes(rng);
    return { ...randomSelector(rng, rng.chance(0.3), n, v), s: randomOperator(rng, v, v), predict: { kind: 'topk', k: rng.int(1, v) } };
  }),
  projectionCase('random/projection-topk-ties', (rng) => {
    // Small integers: E is exact in float32, so equal scores are exactly equal and the lower id must lead.
    const { v, n } = sizes(rng);
    const s = sparsify(rng, randomIntegerMatrix(rng, v, v, 2), 0.5);
    return { tokens: randomTokens(rng, n, v), s: rng.chance(0.5) ? toCsr(s, rng) : s, predict: { kind: 'topk', k: rng.int(1, v) } };
  }),
  projectionCase('random/projection-single-token', (rng) => {
    // n = 1: M is 1×1 (SPEC C.11).
    const v = rng.int(1, 12);
    return { tokens: randomTokens(rng, 1, v), s: randomOperator(rng, v, v), predict: randomPredict(rng, v) };
  }),
];
