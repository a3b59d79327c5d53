import { jsBackend } from '@dproj/backend-js';
import { buildCorpus, createEngine, encodeCooccurrence } from '@dproj/core';

/** What counting needs: the text (one document per line) and the recipe's parameters. */
export interface CountParameters {
  readonly maxSize: number;
  readonly minCount: number;
  readonly window: number;
}

/** The co-occurrence file of one corpus and what went into it. */
export interface CountedCorpus {
  /** The file (core's binary co-occurrence format): F (forward, weights 1/d) with its vocabulary. */
  readonly bytes: Uint8Array;
  readonly vocabSize: number;
  readonly tokens: number;
  readonly documents: number;
  readonly nnz: number;
}

/**
 * Counts a corpus the way the page expects it: core's tokenizer and vocabulary over documents that
 * are lines (the `maxSize` most frequent words seen at least `minCount` times; other words are
 * dropped before windows are formed), then backend-js's co-occurrence with window w, harmonic weights
 * 1/d and direction `forward`, so the page can read F, Fᵀ and S = F + Fᵀ from one file. The per-offset
 * counts are left out of the file: they would double its size.
 */
export async function countCorpus(text: string, params: CountParameters): Promise<CountedCorpus> {
  const corpus = await buildCorpus(text, { documents: 'line', maxSize: params.maxSize, minCount: params.minCount, unknown: 'drop' });
  const engine = await createEngine({ backends: [jsBackend()] });
  try {
    const result = await engine.cooccurrence(corpus, { window: params.window, direction: 'forward' });
    return {
      bytes: encodeCooccurrence(result, corpus.vocab),
      vocabSize: corpus.vocab.size,
      tokens: result.tokens,
      documents: corpus.docs.length,
      nnz: result.matrix.colIdx.length,
    };
  } finally {
    await engine.dispose();
  }
}
