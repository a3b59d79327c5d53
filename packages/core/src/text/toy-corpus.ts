import type { Corpus } from '../types/corpus.ts';
import { vocabularyFromWords } from './vocabulary.ts';

/**
 * SPEC C.0's toy corpus, the source of the golden values: vocabulary river, bank, water, loan, money
 * (ids 0–4, no counts, no unknown entry) and three documents,
 * "river bank water" = [0, 1, 2], "bank loan money" = [1, 3, 4], "river water" = [0, 2].
 * With window 2 and f(d) = 1/d it gives S with row sums (2.5, 3.5, 2.5, 2, 1.5), total 12.
 * A fresh copy each call, so callers may not disturb each other.
 */
export function toyCorpus(): Corpus {
  return {
    vocab: vocabularyFromWords(['river', 'bank', 'water', 'loan', 'money']),
    docs: [Uint32Array.of(0, 1, 2), Uint32Array.of(1, 3, 4), Uint32Array.of(0, 2)],
  };
}
