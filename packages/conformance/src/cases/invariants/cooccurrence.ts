import type { CooccurrenceOptions, CsrMatrix } from '@dproj/core';
import fc from 'fast-check';
import { expectClose } from '../../assert.ts';
import type { CaseContext, ConformanceCase } from '../../case.ts';
import { distanceWeight } from '../../oracle/cooccurrence.ts';
import { combine, transpose } from '../../oracle/dense.ts';
import { operatorFromInput, operatorToDense } from '../../oracle/sparse.ts';
import { loosen } from '../../tolerance.ts';
import { randomDocs, syntheticCorpus } from '../support/corpus.ts';
import { propertyCase } from '../support/property.ts';
import { Rng } from '../support/rng.ts';

type Rows = number[][];

const corpusArb = fc.record({
  seed: fc.integer(),
  v: fc.integer({ min: 1, max: 12 }),
  docs: fc.integer({ min: 0, max: 8 }),
  window: fc.integer({ min: 1, max: 12 }),
  weighting: fc.constantFrom('harmonic' as const, 'uniform' as const),
  crossDocuments: fc.boolean(),
});

function corpusOf(c: { seed: number; v: number; docs: number }) {
  return syntheticCorpus(randomDocs(new Rng(c.seed), c.v, c.docs, 12), c.v);
}

function dense(m: CsrMatrix): Rows {
  return operatorToDense(operatorFromInput(m));
}

async function count(ctx: CaseContext, docs: ReturnType<typeof corpusOf>, options: CooccurrenceOptions) {
  return ctx.engine.cooccurrence(docs, options);
}

/** Co-occurrence identities of SPEC C.1 through the engine, on random corpora. */
export const cooccurrenceInvariantCases: readonly ConformanceCase[] = [
  propertyCase('invariants/cooccurrence-symmetric-is-forward-plus-transpose', corpusArb, async (ctx, c) => {
    // P1, B.2.3: S = F + Fᵀ is symmetric; zeroDiagonal removes exactly the diagonal.
    const corpus = corpusOf(c);
    const base = { window: c.window, weighting: c.weighting, crossDocuments: c.crossDocuments };
    const f = dense((await count(ctx, corpus, { ...base, direction: 'forward' })).matrix);
    const s = dense((await count(ctx, corpus, { ...base, direction: 'symmetric' })).matrix);
    const s0 = dense((await count(ctx, corpus, { ...base, zeroDiagonal: true })).matrix);
    expectClose(s, combine(1, f, 1, transpose(f, c.v)), loosen(ctx.tol, 2), 'S vs F + Fᵀ');
    expectClose(s0, s.map((row, a) => row.map((x, b) => (a === b ? 0 : x))), ctx.tol, 'zeroDiagonal S vs S with its diagonal removed');
  }),

  propertyCase('invariants/cooccurrence-offset-decomposition', corpusArb, async (ctx, c) => {
    // P2: F = Σ_{k=1..w} f(k) C⁽ᵏ⁾ from the returned offset counts.
    const corpus = corpusOf(c);
    const r = await count(ctx, corpus, { window: c.window, weighting: c.weighting, crossDocuments: c.crossDocuments, direction: 'forward', offsets: true });
    const offsets = r.offsets ?? [];
    if (offsets.length !== c.window) throw new Error(`expected ${c.window} offset matrices, got ${offsets.length}`);
    const sum = offsets.reduce<Rows>((acc, ck, index) => combine(1, acc, distanceWeight(c.weighting, index + 1), dense(ck)), dense(r.matrix).map((row) => row.map(() => 0)));
    expectClose(dense(r.matrix), sum, loosen(ctx.tol, 2), 'F vs Σ f(k) C⁽ᵏ⁾');
  }),

  propertyCase('invariants/cooccurrence-total-mass', corpusArb, async (ctx, c) => {
    // P3: Σ F = Σ_s Σ_{d=1..min(w, L_s−1)} (L_s − d) f(d), and Σ S = 2 Σ F.
    const corpus = corpusOf(c);
    const streams = c.crossDocuments ? [corpus.docs.reduce((n, d) => n + d.length, 0)] : corpus.docs.map((d) => d.length);
    let mass = 0;
    for (const length of streams) for (let d = 1; d <= Math.min(c.window, length - 1); d++) mass += (length - d) * distanceWeight(c.weighting, d);
    const base = { window: c.window, weighting: c.weighting, crossDocuments: c.crossDocuments };
    const total = (m: CsrMatrix): number => m.values.reduce((a, b) => a + b, 0);
    expectClose([total((await count(ctx, corpus, { ...base, direction: 'forward' })).matrix)], [mass], ctx.tol, 'Σ F');
    expectClose([total((await count(ctx, corpus, base)).matrix)], [2 * mass], ctx.tol, 'Σ S');
  }),

  propertyCase(
    'invariants/cooccurrence-document-order',
    corpusArb.chain((c) => fc.record({ c: fc.constant(c), order: fc.shuffledSubarray(Array.from({ length: c.docs }, (_, i) => i), { minLength: c.docs, maxLength: c.docs }) })),
    async (ctx, { c, order }) => {
      // Windows never cross documents, so the order of the documents does not matter.
      const corpus = corpusOf(c);
      const reordered = { vocab: corpus.vocab, docs: order.map((i) => corpus.docs[i]) };
      const options = { window: c.window, weighting: c.weighting };
      const a = dense((await count(ctx, corpus, options)).matrix);
      const b = dense((await count(ctx, reordered, options)).matrix);
      expectClose(b, a, ctx.tol, `S with documents in order [${order.join(',')}]`);
    },
  ),
];
