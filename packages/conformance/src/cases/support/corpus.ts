import type { Corpus, Vocabulary } from '@dproj/core';
import type { Rng } from './rng.ts';

/** A vocabulary of V synthetic words `w0 … w{V−1}`, ids in that order. */
export function syntheticVocabulary(size: number): Vocabulary {
  const words = Array.from({ length: size }, (_, i) => `w${i}`);
  return {
    size,
    words,
    idOf(word) {
      const match = /^w(\d+)$/.exec(word);
      const id = match === null ? -1 : Number(match[1]);
      return id >= 0 && id < size && words[id] === word ? id : undefined;
    },
  };
}

/** A corpus of the given documents over V synthetic words. */
export function syntheticCorpus(docs: readonly (readonly number[] | Uint32Array)[], vocabularySize: number): Corpus {
  return { vocab: syntheticVocabulary(vocabularySize), docs: docs.map((d) => Uint32Array.from(d)) };
}

/**
 * Random documents: lengths from 0 to maxLength (with empty and one-token documents on purpose),
 * words uniform over V except that the last word is never used, so S has a zero row and column
 * (SPEC C.11: a token absent from every window).
 */
export function randomDocs(rng: Rng, vocabularySize: number, count: number, maxLength: number): Uint32Array[] {
  const used = Math.max(1, vocabularySize - 1);
  return Array.from({ length: count }, (_, d) => {
    const length = d === 0 ? 0 : d === 1 ? 1 : rng.int(0, maxLength);
    return Uint32Array.from({ length }, () => rng.int(0, used - 1));
  });
}

/**
 * A Zipf-distributed corpus, P(word r) ∝ 1/(r + 1)^exponent, in documents of 0..maxLength tokens until
 * about `tokens` tokens are written: the shape of natural text, with a heavy head and a long tail.
 */
export function zipfDocs(rng: Rng, vocabularySize: number, tokens: number, maxLength: number, exponent = 1.1): Uint32Array[] {
  const cdf = new Float64Array(vocabularySize);
  let total = 0;
  for (let r = 0; r < vocabularySize; r++) {
    total += 1 / (r + 1) ** exponent;
    cdf[r] = total;
  }
  const draw = (): number => {
    const u = rng.next() * total;
    let lo = 0;
    let hi = vocabularySize - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cdf[mid] < u) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
  const docs: Uint32Array[] = [];
  let written = 0;
  while (written < tokens) {
    const length = Math.min(rng.int(0, maxLength), tokens - written);
    docs.push(Uint32Array.from({ length }, draw));
    written += length;
  }
  return docs;
}
