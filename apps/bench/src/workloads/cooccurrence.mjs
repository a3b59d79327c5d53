import { compareCsrRows, cooccurrenceRows } from '../check.mjs';
import { lazyCase } from './case.mjs';
import { sotuCorpus } from './sotu-operator.mjs';

/**
 * Co-occurrence counting S = F + Fᵀ (window w, harmonic weights) over the SOTU-sized corpus; speed in
 * tokens/s. Only dproj has this operator; peers have none. Input `{ corpus, window }`; output
 * `{ matrix, tokens }`. Checked on the rows of a few words from the head to the tail of the Zipf law.
 * @param {{ tokens: number, vocabularySize: number }} size
 * @param {number} window
 * @returns {import('./case.mjs').BenchCase}
 */
export function cooccurrenceCase(size, window) {
  const label = `${(size.tokens / 1e6).toFixed(2)}M tokens, V=${size.vocabularySize}, w=${window}`;
  return lazyCase('cooccurrence', label, () => {
    const corpus = sotuCorpus(size);
    const V = size.vocabularySize;
    const words = [...new Set([0, 1, 10, 100, Math.floor(V / 2), V - 1])];
    return {
      input: { corpus, window },
      flops: null,
      tokens: corpus.docs.reduce((sum, doc) => sum + doc.length, 0),
      check: (output) => {
        const verdict = compareCsrRows(output.matrix, cooccurrenceRows(corpus.docs, words, window));
        return output.tokens === size.tokens ? verdict : { maxAbsErr: verdict.maxAbsErr, ok: false };
      },
    };
  });
}
