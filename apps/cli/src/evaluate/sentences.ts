import { type Vocabulary, encode } from '@dproj/core';
import { sampleIndices, seededUniform } from './random.ts';
import type { Sentence } from './types.ts';

/** A sentence is usable when it has at least this many known words … */
export const MIN_KNOWN_WORDS = 5;
/** … and at most this many, so its n×n matrices stay readable and cheap. */
export const MAX_KNOWN_WORDS = 40;

/**
 * The usable sentences of a corpus, one document per line: each line's in-vocabulary word ids (unknown
 * words dropped, as the corpus was counted), kept when there are MIN_KNOWN_WORDS to MAX_KNOWN_WORDS.
 */
export function usableSentences(lines: readonly string[], vocab: Vocabulary): Sentence[] {
  const out: Sentence[] = [];
  for (const line of lines) {
    const tokens = encode(vocab, line, { unknown: 'drop' });
    if (tokens.length >= MIN_KNOWN_WORDS && tokens.length <= MAX_KNOWN_WORDS) out.push({ text: line.trim(), tokens });
  }
  return out;
}

/** `count` sentences of `pool`, sampled without replacement with `seed`: the same seed gives the same sample. */
export function sampleSentences(pool: readonly Sentence[], count: number, seed: number): Sentence[] {
  return sampleIndices(pool.length, count, seededUniform(seed)).map((k) => pool[k]!);
}
