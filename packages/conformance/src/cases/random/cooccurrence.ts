import type { CooccurrenceOptions, Weighting } from '@dproj/core';
import type { ConformanceCase } from '../../case.ts';
import { randomDocs, syntheticCorpus } from '../support/corpus.ts';
import { checkCooccurrence } from '../support/check-ops.ts';
import type { Rng } from '../support/rng.ts';
import { trialCase } from '../support/trials.ts';

interface Combo {
  readonly weighting: Weighting;
  readonly offsets: boolean;
  readonly zeroDiagonal: boolean;
  readonly crossDocuments: boolean;
}

// Every combination of the boolean and enum options, for one direction.
const COMBOS: readonly Combo[] = (['harmonic', 'uniform'] as const).flatMap((weighting) =>
  [false, true].flatMap((offsets) =>
    [false, true].flatMap((zeroDiagonal) =>
      [false, true].map((crossDocuments) => ({ weighting, offsets, zeroDiagonal, crossDocuments })),
    ),
  ),
);

/** A random corpus: V ∈ [1, 12], up to 7 documents of 0..12 tokens (one empty, one of a single token). */
function randomCorpusFor(rng: Rng) {
  const vocabularySize = rng.int(1, 12);
  const docs = randomDocs(rng, vocabularySize, rng.int(2, 7), 12);
  // Windows from 1 to beyond the longest document.
  const window = rng.int(1, 15);
  return { corpus: syntheticCorpus(docs, vocabularySize), window };
}

function directionCase(direction: 'symmetric' | 'forward'): ConformanceCase {
  return trialCase(`random/cooccurrence-${direction}`, COMBOS.length * 2, async (ctx, rng, trial) => {
    const combo = COMBOS[trial % COMBOS.length];
    const { corpus, window } = randomCorpusFor(rng);
    const options: CooccurrenceOptions = { window, direction, ...combo };
    await checkCooccurrence(ctx.engine, corpus, options, ctx.tol, `V=${corpus.vocab.size} ${JSON.stringify(options)}`);
  });
}

/** Co-occurrence (SPEC B.2) on random corpora against the oracle, every option combination. */
export const randomCooccurrenceCases: readonly ConformanceCase[] = [
  directionCase('symmetric'),
  directionCase('forward'),
  trialCase('random/cooccurrence-defaults', 8, async (ctx, rng) => {
    const { corpus, window } = randomCorpusFor(rng);
    // Only the window: weighting harmonic, symmetric, no offsets, diagonal kept, documents apart.
    await checkCooccurrence(ctx.engine, corpus, { window }, ctx.tol, `V=${corpus.vocab.size} window=${window}`);
    const result = await ctx.engine.cooccurrence(corpus, { window });
    if (result.offsets !== undefined) throw new Error('offsets were returned although not asked for');
  }),
  trialCase('random/cooccurrence-edge-corpora', 1, async (ctx) => {
    const corpora: [string, number, number[][]][] = [
      ['no documents (S = 0)', 4, []],
      ['only empty documents', 3, [[], [], []]],
      ['only one-token documents', 3, [[0], [1], [2], [1]]],
      ['one word repeated (diagonal)', 1, [[0, 0, 0, 0], [0]]],
      ['window beyond every document', 5, [[0, 1], [2, 3, 4], [4]]],
    ];
    for (const [label, size, docs] of corpora) {
      for (const options of [
        { window: 50 },
        { window: 2, direction: 'forward' as const, offsets: true },
        { window: 3, zeroDiagonal: true, crossDocuments: true, weighting: 'uniform' as const, offsets: true },
      ]) {
        await checkCooccurrence(ctx.engine, syntheticCorpus(docs, size), options, ctx.tol, `${label} ${JSON.stringify(options)}`);
      }
    }
  }),
];
