import type { CsrMatrix } from '@dproj/core';
import { toRows } from '@dproj/core';
import fc from 'fast-check';
import { expectClose } from '../../assert.ts';
import type { ConformanceCase } from '../../case.ts';
import { offsetCounts } from '../../oracle/cooccurrence.ts';
import { block, hadamard, transpose } from '../../oracle/dense.ts';
import { operatorToCsr } from '../../oracle/sparse.ts';
import { projectionProblemArb } from '../support/arbitraries.ts';
import { randomDocs } from '../support/corpus.ts';
import { propertyCase } from '../support/property.ts';
import { Rng } from '../support/rng.ts';

/** Offset counts C⁽ᵏ⁾ (k = 1..w) of a random corpus over V words, from a seed. */
function offsetsFor(seed: number, v: number, w: number): CsrMatrix[] {
  const docs = randomDocs(new Rng(seed), v + 1, 8, 10);
  return offsetCounts(docs, v, w, false).map(operatorToCsr);
}

/** Positional refinements (SPEC B.10, C.7) through the engine. */
export const positionalInvariantCases: readonly ConformanceCase[] = [
  propertyCase(
    'invariants/positional-kernel-hadamard',
    projectionProblemArb().chain((p) =>
      fc.record({
        p: fc.constant(p),
        kappa: fc.array(fc.float({ min: -1, max: 2, noNaN: true }), { minLength: 1, maxLength: p.tokens.length + 2 }),
      }),
    ),
    async (ctx, { p, kappa }) => {
      // P30: M^κ = K ∘ M with K_ij = κ(|j − i|) (0 beyond the given κ); κ ≡ 1 gives back M.
      const tokens = Uint32Array.from(p.tokens);
      const n = tokens.length;
      const m = toRows((await ctx.engine.projection({ tokens, s: p.s })).m);
      const k = m.map((row, i) => row.map((_, j) => (Math.abs(j - i) < kappa.length ? kappa[Math.abs(j - i)] : 0)));
      const refined = toRows((await ctx.engine.projection({ tokens, s: p.s, positional: { kind: 'kernel', kappa } })).m);
      expectClose(refined, hadamard(k, m), ctx.tol, `K ∘ M, κ = [${kappa.join(', ')}]`);
      const ones = new Array<number>(n).fill(1);
      const same = toRows((await ctx.engine.projection({ tokens, s: p.s, positional: { kind: 'kernel', kappa: ones } })).m);
      expectClose(same, m, ctx.tol, 'κ ≡ 1 gives M');
    },
  ),

  propertyCase(
    'invariants/positional-offset-translation',
    projectionProblemArb({ minN: 2 }).chain((p) =>
      fc.record({
        p: fc.constant(p),
        seed: fc.integer(),
        w: fc.integer({ min: 1, max: 4 }),
        from: fc.nat(p.tokens.length - 1),
        length: fc.integer({ min: 1, max: p.tokens.length }),
      }),
    ),
    async (ctx, { p, seed, w, from, length }) => {
      // P29: M^pos is symmetric and translation invariant: a contiguous sub-sequence gives a principal block.
      const offsets = offsetsFor(seed, p.v, w);
      const to = Math.min(p.tokens.length, from + length);
      const whole = toRows((await ctx.engine.projection({ tokens: p.tokens, s: p.s, positional: { kind: 'offset', offsets } })).m);
      expectClose(whole, transpose(whole), ctx.tol, 'M^pos symmetric');
      const part = toRows(
        (await ctx.engine.projection({ tokens: p.tokens.slice(from, to), s: p.s, positional: { kind: 'offset', offsets } })).m,
      );
      const range = Array.from({ length: to - from }, (_, i) => from + i);
      expectClose(part, block(whole, range, range), ctx.tol, `M^pos(x[${from}:${to}]) vs block`);
    },
  ),
];
