import type { Backend, Matrix } from '@dproj/core';
import { describe, expect, it } from 'vitest';
import { referenceBackend } from '../src/reference-backend.ts';
import { runAgainst, wrapFactory } from './helpers.ts';

// Backends that are wrong in one specific way: the cases that cover that behaviour must fail, and
// (as a control) the same cases pass on the reference.

function perturbed(m: Matrix, delta: number): Matrix {
  return { rows: m.rows, cols: m.cols, data: m.data.map((x, k) => (k === 0 ? x + delta : x)) };
}

/** M off by 1e-2 in its first entry. */
const offM = wrapFactory('off-m', referenceBackend(), (b) => ({
  ...bind(b),
  projection: async (input) => {
    const r = await b.projection(input);
    return { ...r, m: perturbed(r.m, 1e-2) };
  },
}));

/** Softmax without normalization: weights are e^z, outputs scaled alike (a "forgot to divide" bug). */
const unnormalized = wrapFactory('unnormalized', referenceBackend(), (b) => ({
  ...bind(b),
  attention: async (input) => {
    const r = await b.attention(input);
    return { ...r, out: { ...r.out, data: r.out.data.map((x) => 1.5 * x) }, ...(r.weights ? { weights: { ...r.weights, data: r.weights.data.map((x) => 1.5 * x) } } : {}) };
  },
}));

/** Top-k that breaks ties by the higher id. */
const highTies = wrapFactory('high-ties', referenceBackend(), (b) => ({
  ...bind(b),
  projection: async (input) => {
    const r = await b.projection(input);
    if (r.topk === undefined) return r;
    const { k } = r.topk;
    const ids = r.topk.ids.slice();
    for (let i = 0; i < ids.length; i += k) {
      // Reverse each run of equal scores.
      let start = i;
      for (let p = i + 1; p <= i + k; p++) {
        if (p === i + k || r.topk.scores[p] !== r.topk.scores[start]) {
          ids.subarray(start, p).reverse();
          start = p;
        }
      }
    }
    return { ...r, topk: { ...r.topk, ids } };
  },
}));

/** A causal mask applied as j ≥ i (the diagonal masked too). */
const badCausal = wrapFactory('bad-causal', referenceBackend(), (b) => ({
  ...bind(b),
  attention: async (input) => {
    if (input.mask?.kind !== 'causal') return b.attention(input);
    const n = input.h.rows;
    const m = (input.context ?? input.h).rows;
    const keep = Uint8Array.from({ length: n * m }, (_, k) => (k % m < Math.floor(k / m) ? 1 : 0));
    return b.attention({ ...input, mask: { kind: 'keep', keep } });
  },
}));

/** Co-occurrence that ignores zeroDiagonal. */
const keepsDiagonal = wrapFactory('keeps-diagonal', referenceBackend(), (b) => ({
  ...bind(b),
  cooccurrence: (corpus, options) => b.cooccurrence(corpus, { ...options, zeroDiagonal: false }).then((r) => ({ ...r, settings: { ...r.settings, zeroDiagonal: options.zeroDiagonal ?? false } })),
}));

/** Multi-head attention that reads W_O's blocks in reverse head order. */
const swappedBlocks = wrapFactory('swapped-blocks', referenceBackend(), (b) => ({
  ...bind(b),
  multiHead: (input) => b.multiHead({ ...input, heads: [...input.heads].reverse() }),
}));

/** A backend that mutates its inputs (sorts the score bias in place). */
const mutates = wrapFactory('mutates', referenceBackend(), (b) => ({
  ...bind(b),
  attention: (input) => {
    if (input.mask?.kind === 'bias') input.mask.bias.sort();
    return b.attention(input);
  },
}));

/** A backend that hands the same result buffer out twice. */
const pooled = wrapFactory('pooled', referenceBackend(), (b) => {
  let last: Matrix | undefined;
  return {
    ...bind(b),
    attention: async (input) => {
      const r = await b.attention(input);
      if (last !== undefined && last.data.length === r.out.data.length) {
        last.data.set(r.out.data);
        return { ...r, out: last };
      }
      last = r.out;
      return r;
    },
  };
});

/** The backend's methods bound to it, so a spread copy still works. */
function bind(b: Backend): Backend {
  return {
    specVersion: b.specVersion,
    name: b.name,
    capabilities: b.capabilities,
    cooccurrence: b.cooccurrence.bind(b),
    projection: b.projection.bind(b),
    attention: b.attention.bind(b),
    multiHead: b.multiHead.bind(b),
    stats: b.stats.bind(b),
    dispose: b.dispose.bind(b),
  };
}

const expectations: [string, ReturnType<typeof wrapFactory>, string[]][] = [
  ['M off by 1e-2', offM, ['random/projection-one-hot', 'sizes/projection-7', 'invariants/proposition1-accepts-projection']],
  ['unnormalized softmax', unnormalized, ['random/attention-self', 'invariants/softmax-rows-sum-to-one', 'sizes/attention-long']],
  ['top-k ties to the higher id', highTies, ['random/projection-topk-ties']],
  ['causal mask hides the diagonal', badCausal, ['random/attention-mask-causal', 'invariants/softmax-rows-sum-to-one']],
  ['zeroDiagonal ignored', keepsDiagonal, ['random/cooccurrence-symmetric', 'invariants/cooccurrence-symmetric-is-forward-plus-transpose']],
  ['W_O blocks in the wrong order', swappedBlocks, ['random/multihead', 'invariants/multihead-is-sum-of-heads']],
  ['inputs mutated', mutates, ['lifecycle/inputs-not-mutated']],
  ['result buffers reused', pooled, ['lifecycle/results-not-aliased']],
];

describe('cases catch broken backends', () => {
  for (const [what, factory, ids] of expectations) {
    for (const id of ids) {
      it(`${what}: ${id} fails`, async () => {
        const error = await runAgainst(factory, id);
        expect(error, `${id} passed on a backend with "${what}"`).toBeInstanceOf(Error);
      });
      it(`control: ${id} passes on the reference`, async () => {
        expect(await runAgainst(referenceBackend(), id)).toBeUndefined();
      });
    }
  }
});
