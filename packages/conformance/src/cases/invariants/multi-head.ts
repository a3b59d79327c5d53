import type { HeadWeights, Matrix, MultiHeadInput } from '@dproj/core';
import { identity, toRows } from '@dproj/core';
import fc from 'fast-check';
import { expectClose } from '../../assert.ts';
import type { CaseContext, ConformanceCase } from '../../case.ts';
import { block, denseFromMatrix, matmul, pickRows } from '../../oracle/dense.ts';
import { loosen } from '../../tolerance.ts';
import { multiHeadProblemArb, permutationArb } from '../support/arbitraries.ts';
import { selectRows } from '../support/inputs.ts';
import { propertyCase } from '../support/property.ts';

type Rows = number[][];

async function multiHead(ctx: CaseContext, input: MultiHeadInput): Promise<{ out: Rows; weights: Rows[] }> {
  const r = await ctx.engine.multiHead({ ...input, returnWeights: true });
  if (r.weights === undefined) throw new Error('weights were asked for but not returned');
  return { out: toRows(r.out), weights: r.weights.map(toRows) };
}

/** Row ranges of W_O that belong to each head: head ℓ reads rows [start_ℓ, start_ℓ + d_v⁽ℓ⁾). */
function headBlocks(heads: readonly HeadWeights[]): number[][] {
  let start = 0;
  return heads.map((h) => {
    const rows = Array.from({ length: h.wv.cols }, (_, i) => start + i);
    start += h.wv.cols;
    return rows;
  });
}

/** Multi-head identities of SPEC C.8 through the engine, on random inputs. */
export const multiHeadInvariantCases: readonly ConformanceCase[] = [
  propertyCase(
    'invariants/multihead-head-permutation',
    multiHeadProblemArb().chain((p) => fc.record({ p: fc.constant(p), order: permutationArb(p.heads.length) })),
    async (ctx, { p, order }) => {
      // P36: permuting the heads together with W_O's row blocks leaves the output unchanged.
      const blocks = headBlocks(p.heads);
      const base = await multiHead(ctx, p);
      const moved = await multiHead(ctx, {
        h: p.h,
        heads: order.map((l) => p.heads[l]),
        wo: selectRows(p.wo, order.flatMap((l) => blocks[l])),
      });
      expectClose(moved.out, base.out, ctx.tol, `output with heads in order [${order.join(',')}]`);
      for (const [k, l] of order.entries()) expectClose(moved.weights[k], base.weights[l], ctx.tol, `weights of head ${l}`);
    },
  ),

  propertyCase('invariants/multihead-one-head-is-attention', multiHeadProblemArb(), async (ctx, p) => {
    // P35: one head with W_O = I is single-head attention.
    const head = p.heads[0];
    const one = await multiHead(ctx, { h: p.h, heads: [head], wo: identity(head.wv.cols) });
    const single = await ctx.engine.attention({ h: p.h, ...head, returnWeights: true });
    expectClose(one.out, toRows(single.out), ctx.tol, 'one head with W_O = I vs attention');
    expectClose(one.weights[0], toRows(single.weights as Matrix), ctx.tol, 'one head weights vs attention weights');
  }),

  propertyCase('invariants/multihead-is-sum-of-heads', multiHeadProblemArb(), async (ctx, p) => {
    // P34: Concat_ℓ(O_ℓ) W_O = Σ_ℓ O_ℓ W_O^[ℓ], each O_ℓ from single-head attention.
    const blocks = headBlocks(p.heads);
    const wo = denseFromMatrix(p.wo);
    const want = toRows(p.h).map(() => new Array<number>(p.wo.cols).fill(0));
    for (const [l, head] of p.heads.entries()) {
      const o = toRows((await ctx.engine.attention({ h: p.h, ...head })).out);
      const part = matmul(o, pickRows(wo, blocks[l]), p.wo.cols);
      for (const [i, row] of part.entries()) for (const [j, x] of row.entries()) want[i][j] += x;
    }
    const got = await multiHead(ctx, p);
    expectClose(got.out, want, loosen(ctx.tol, 4), 'multi-head vs Σ_ℓ O_ℓ W_O^[ℓ]');
  }),

  propertyCase(
    'invariants/multihead-permutation-equivariance',
    multiHeadProblemArb().chain((p) => fc.record({ p: fc.constant(p), pi: permutationArb(p.h.rows) })),
    async (ctx, { p, pi }) => {
      // P40 for every head: MHA(P H) = P MHA(H).
      const base = await multiHead(ctx, p);
      const moved = await multiHead(ctx, { ...p, h: selectRows(p.h, pi) });
      expectClose(moved.out, pickRows(base.out, pi), ctx.tol, 'MHA(P H) vs P MHA(H)');
      for (const [l, w] of moved.weights.entries()) expectClose(w, block(base.weights[l], pi, pi), ctx.tol, `head ${l} weights`);
    },
  ),
];
