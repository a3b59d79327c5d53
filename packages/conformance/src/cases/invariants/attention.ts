import type { AttentionInput, Mask, Matrix } from '@dproj/core';
import { identity, toRows } from '@dproj/core';
import fc from 'fast-check';
import { expectClose } from '../../assert.ts';
import type { CaseContext, ConformanceCase } from '../../case.ts';
import { block, pickRows } from '../../oracle/dense.ts';
import { maskValue, softmaxRows } from '../../oracle/softmax.ts';
import { loosen } from '../../tolerance.ts';
import type { AttentionProblem } from '../support/arbitraries.ts';
import { attentionProblemArb, matrixArb, permutationArb, projectionProblemArb } from '../support/arbitraries.ts';
import { selectRows, stackRows } from '../support/inputs.ts';
import type { MaskKind } from '../support/masks.ts';
import { randomMask } from '../support/masks.ts';
import { propertyCase } from '../support/property.ts';
import { Rng } from '../support/rng.ts';

type Rows = number[][];

async function attend(ctx: CaseContext, input: AttentionInput): Promise<{ out: Rows; weights: Rows }> {
  const r = await ctx.engine.attention({ ...input, returnWeights: true });
  if (r.weights === undefined) throw new Error('weights were asked for but not returned');
  return { out: toRows(r.out), weights: toRows(r.weights) };
}

function problemInput(p: AttentionProblem): AttentionInput {
  return { h: p.h, ...(p.context ? { context: p.context } : {}), wq: p.wq, wk: p.wk, wv: p.wv };
}

function scaledMatrix(m: Matrix, alpha: number): Matrix {
  return { rows: m.rows, cols: m.cols, data: m.data.map((x) => alpha * x) };
}

/** A one-hot H = Q (n×V) for token ids. */
function oneHot(tokens: readonly number[], v: number): Matrix {
  const data = new Float32Array(tokens.length * v);
  tokens.forEach((a, i) => {
    data[i * v + a] = 1;
  });
  return { rows: tokens.length, cols: v, data };
}

const maskedArb = fc.record({
  p: fc.boolean().chain((cross) => attentionProblemArb({ cross })),
  kind: fc.constantFrom<MaskKind>('none', 'causal', 'keep', 'bias'),
  seed: fc.integer(),
  fullRow: fc.boolean(),
});

/** Attention identities of SPEC C.4, C.6, C.9 through the engine, on random inputs. */
export const attentionInvariantCases: readonly ConformanceCase[] = [
  propertyCase('invariants/softmax-rows-sum-to-one', maskedArb, async (ctx, { p, kind, seed, fullRow }) => {
    // P18: weights are ≥ 0, 0 where masked, and each row sums to 1; a fully masked row is a zero row
    // of weights and of output.
    const m = (p.context ?? p.h).rows;
    const mask: Mask | undefined = randomMask(new Rng(seed), kind, p.h.rows, m, fullRow);
    const r = await attend(ctx, { ...problemInput(p), ...(mask ? { mask } : {}) });
    r.weights.forEach((row, i) => {
      const masked = row.map((_, j) => maskValue(mask, i, j, m) === Number.NEGATIVE_INFINITY);
      row.forEach((w, j) => {
        if (w < -ctx.tol.atol || (masked[j] && Math.abs(w) > ctx.tol.atol)) {
          throw new Error(`weight (${i}, ${j}) = ${w}${masked[j] ? ' on a masked key' : ' is negative'}`);
        }
      });
      const dead = masked.every(Boolean);
      const sum = row.reduce((a, b) => a + b, 0);
      expectClose([sum], [dead ? 0 : 1], ctx.tol, `row ${i} sum${dead ? ' (fully masked)' : ''}`);
      if (dead) expectClose(r.out[i], r.out[i].map(() => 0), ctx.tol, `output row ${i} of a fully masked row`);
    });
  }),

  propertyCase(
    'invariants/softmax-row-bias-invariance',
    fc.record({
      p: fc.boolean().chain((cross) => attentionProblemArb({ cross })),
      seed: fc.integer(),
      shift: fc.array(fc.float({ min: -3, max: 3, noNaN: true }), { minLength: 10, maxLength: 10 }),
    }),
    async (ctx, { p, seed, shift }) => {
      // N3: softmax(Z + u 1ᵀ) = softmax(Z): a per-row constant added to a bias mask changes nothing.
      const m = (p.context ?? p.h).rows;
      const base = randomMask(new Rng(seed), 'bias', p.h.rows, m, false) as Extract<Mask, { kind: 'bias' }>;
      const shifted = base.bias.map((b, k) => b + shift[Math.floor(k / m)]);
      const a = await attend(ctx, { ...problemInput(p), mask: base });
      const b = await attend(ctx, { ...problemInput(p), mask: { kind: 'bias', bias: shifted } });
      expectClose(b.weights, a.weights, loosen(ctx.tol, 2), 'weights with a row-shifted bias');
      expectClose(b.out, a.out, loosen(ctx.tol, 2), 'output with a row-shifted bias');
    },
  ),

  propertyCase(
    'invariants/word-row-bias-invariance',
    projectionProblemArb().chain((p) =>
      fc.record({ p: fc.constant(p), beta: fc.array(fc.float({ min: -2, max: 2, noNaN: true }), { minLength: p.v, maxLength: p.v }) }),
    ),
    async (ctx, { p, beta }) => {
      // P19: softmax(Q (S + β 1ᵀ) Qᵀ) = softmax(Q S Qᵀ), through attention with H = Q, W_Q = S, W_K = I.
      const v = p.v;
      const h = oneHot(p.tokens, v);
      const wv = identity(v);
      const biased = { rows: v, cols: v, data: p.s.data.map((x, k) => x + beta[Math.floor(k / v)]) };
      const a = await attend(ctx, { h, wq: p.s, wk: identity(v), wv, scale: 1 });
      const b = await attend(ctx, { h, wq: biased, wk: identity(v), wv, scale: 1 });
      expectClose(b.weights, a.weights, loosen(ctx.tol, 2), 'softmax with a per-word row bias');
    },
  ),

  propertyCase('invariants/one-hot-attention-is-projection-softmax', projectionProblemArb(), async (ctx, p) => {
    // P27: with H = Q, W_Q = S, W_K = I and scale 1, the attention weights are softmax(M), M = Q S Qᵀ.
    const v = p.v;
    const m = toRows((await ctx.engine.projection({ tokens: p.tokens, s: p.s })).m);
    const a = await attend(ctx, { h: oneHot(p.tokens, v), wq: p.s, wk: identity(v), wv: identity(v), scale: 1 });
    expectClose(a.weights, softmaxRows(m), loosen(ctx.tol, 2), 'attention weights vs softmax(M)');
  }),

  propertyCase(
    'invariants/causal-prefix-invariance',
    attentionProblemArb({ minN: 2 }).chain((p) => fc.record({ p: fc.constant(p), t: fc.integer({ min: 1, max: p.h.rows }) })),
    async (ctx, { p, t }) => {
      // P23: A(x)[:t, :t] = A(x_{:t}) under the causal mask, and the first t output rows agree.
      const prefix = Array.from({ length: t }, (_, i) => i);
      const whole = await attend(ctx, { ...problemInput(p), mask: { kind: 'causal' } });
      const part = await attend(ctx, { ...problemInput(p), h: selectRows(p.h, prefix), mask: { kind: 'causal' } });
      expectClose(part.weights, block(whole.weights, prefix, prefix), ctx.tol, `causal weights of the first ${t} rows`);
      expectClose(whole.weights.slice(0, t).map((row) => row.slice(t)), prefix.map(() => new Array<number>(p.h.rows - t).fill(0)), ctx.tol, 'causal weights above the diagonal');
      expectClose(part.out, pickRows(whole.out, prefix), ctx.tol, `causal output of the first ${t} rows`);
    },
  ),

  propertyCase(
    'invariants/attention-permutation-equivariance',
    attentionProblemArb().chain((p) => fc.record({ p: fc.constant(p), pi: permutationArb(p.h.rows) })),
    async (ctx, { p, pi }) => {
      // P40: without positions or masks, Attn(P H) = P Attn(H) and A(P H) = P A Pᵀ.
      const base = await attend(ctx, problemInput(p));
      const moved = await attend(ctx, { ...problemInput(p), h: selectRows(p.h, pi) });
      expectClose(moved.out, pickRows(base.out, pi), ctx.tol, 'Attn(P H) vs P Attn(H)');
      expectClose(moved.weights, block(base.weights, pi, pi), ctx.tol, 'A(P H) vs P A Pᵀ');
    },
  ),

  propertyCase(
    'invariants/cross-attention-source-order',
    attentionProblemArb({ cross: true }).chain((p) => fc.record({ p: fc.constant(p), pi: permutationArb((p.context as Matrix).rows) })),
    async (ctx, { p, pi }) => {
      // P38: reordering the source y leaves the output unchanged; the weights' columns move with it.
      const context = p.context as Matrix;
      const base = await attend(ctx, problemInput(p));
      const moved = await attend(ctx, { ...problemInput(p), context: selectRows(context, pi) });
      expectClose(moved.out, base.out, ctx.tol, 'output after reordering the source');
      expectClose(moved.weights, base.weights.map((row) => pi.map((j) => row[j])), ctx.tol, 'weights after reordering the source');
    },
  ),

  propertyCase(
    'invariants/cross-attention-masked-concatenation',
    attentionProblemArb().chain((p) => fc.record({ p: fc.constant(p), y: fc.integer({ min: 1, max: 10 }).chain((m) => matrixArb(m, p.h.cols, 1)) })),
    async (ctx, { p, y }) => {
      // P39: cross-attention of x to y is self-attention of x ⊕ y with x's rows kept to y's columns.
      const n = p.h.rows;
      const total = n + y.rows;
      const keep = new Uint8Array(total * total);
      for (let i = 0; i < total; i++) for (let j = 0; j < total; j++) keep[i * total + j] = i >= n || j >= n ? 1 : 0;
      const cross = await attend(ctx, { ...problemInput(p), context: y });
      const joint = await attend(ctx, { ...problemInput(p), h: stackRows(p.h, y), mask: { kind: 'keep', keep } });
      const xs = Array.from({ length: n }, (_, i) => i);
      const ys = Array.from({ length: y.rows }, (_, j) => n + j);
      expectClose(pickRows(joint.out, xs), cross.out, ctx.tol, 'rows of x in the masked concatenation vs cross-attention');
      expectClose(block(joint.weights, xs, ys), cross.weights, ctx.tol, 'weights of x on y vs cross-attention weights');
    },
  ),

  propertyCase('invariants/attention-scale-reparameterization', attentionProblemArb(), async (ctx, p) => {
    // N5: softmax(H W_Q (H W_K)ᵀ / √d_k) = softmax((H W_Q d_k^{−1/4})(H W_K d_k^{−1/4})ᵀ) with scale 1.
    const dk = p.wq.cols;
    const f = dk ** -0.25;
    const base = await attend(ctx, problemInput(p));
    const folded = await attend(ctx, { ...problemInput(p), wq: scaledMatrix(p.wq, f), wk: scaledMatrix(p.wk, f), scale: 1 });
    expectClose(folded.weights, base.weights, loosen(ctx.tol, 4), 'weights with the scale folded into W_Q, W_K');
    expectClose(folded.out, base.out, loosen(ctx.tol, 4), 'output with the scale folded into W_Q, W_K');
  }),
];

