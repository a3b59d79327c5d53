import type { Vocabulary } from '@dproj/core';
import type { VocabPart } from './passes.ts';

const MAX_COUNT = 0xffff_ffff;

/** What pass one found: the vocabulary and the tokens read (every word, kept or not). */
export interface RankedVocabulary {
  readonly vocab: Vocabulary;
  readonly tokensRead: number;
  /** Distinct words before min-count and max-vocab. */
  readonly distinct: number;
}

/**
 * Merges the threads' word counts and ranks them as core's `buildVocabulary` does: words seen at
 * least `minCount` times, by count descending, ties by first appearance in the whole input (segment
 * order, then token order within it), at most `maxSize` of them; id = rank; counts saturate at 2³²−1.
 */
export function rankVocabulary(parts: readonly VocabPart[], minCount: number, maxSize: number | undefined): RankedVocabulary {
  const index = new Map<string, number>();
  const counts: number[] = [];
  const segment: number[] = [];
  const token: number[] = [];
  const words: string[] = [];
  let tokensRead = 0;
  for (const part of parts) {
    tokensRead += part.tokens;
    part.words.forEach((word, i) => {
      const at = index.get(word);
      const seg = part.firstSegment[i]!;
      if (at === undefined) {
        index.set(word, words.length);
        words.push(word);
        counts.push(part.counts[i]!);
        segment.push(seg);
        token.push(part.firstToken[i]!);
        return;
      }
      counts[at]! += part.counts[i]!;
      if (seg >= 0 && (segment[at]! < 0 || seg < segment[at]! || (seg === segment[at] && part.firstToken[i]! < token[at]!))) {
        segment[at] = seg;
        token[at] = part.firstToken[i]!;
      }
    });
  }
  const order = words
    .map((_, i) => i)
    .filter((i) => counts[i]! >= minCount && counts[i]! > 0)
    .sort((x, y) => counts[y]! - counts[x]! || segment[x]! - segment[y]! || token[x]! - token[y]!);
  const kept = order.slice(0, maxSize ?? order.length);
  const keptWords = kept.map((i) => words[i]!);
  const ids = new Map(keptWords.map((w, id) => [w, id]));
  const vocab: Vocabulary = Object.freeze({
    size: keptWords.length,
    words: Object.freeze(keptWords),
    counts: Uint32Array.from(kept, (i) => Math.min(counts[i]!, MAX_COUNT)),
    idOf: (word: string) => ids.get(word),
  });
  return { vocab, tokensRead, distinct: words.length };
}
