import { vocabularyFromWords } from '@dproj/core';
import { seeded } from '../timing.mjs';

/**
 * A deterministic synthetic corpus shaped like the State of the Union addresses: word ranks drawn from
 * a Zipf law P(r) ∝ 1/r over `vocabularySize` words, in sentences of 1..40 tokens (mean ≈ 20), so
 * co-occurrence windows stop at sentence ends as they do for the real corpus. Nothing is cached on disk:
 * the same seed gives the same corpus in every process.
 * @param {{ tokens: number, vocabularySize: number, seed: number }} options
 * @returns {import('@dproj/core').Corpus}
 */
export function zipfCorpus({ tokens, vocabularySize, seed }) {
  const draw = zipfSampler(vocabularySize, seed);
  const length = seeded(seed + 1);
  const docs = [];
  let total = 0;
  while (total < tokens) {
    const len = Math.min(tokens - total, 1 + Math.floor(((length() + 1) / 2) * 40));
    const doc = new Uint32Array(len);
    for (let i = 0; i < len; i++) doc[i] = draw();
    docs.push(doc);
    total += len;
  }
  const words = Array.from({ length: vocabularySize }, (_, i) => `w${i}`);
  return { vocab: vocabularyFromWords(words), docs };
}

/**
 * A seeded sampler of word ids 0..V−1 with P(id) ∝ 1/(id + 1): inverse-CDF lookup by binary search.
 * @param {number} vocabularySize
 * @param {number} seed
 * @returns {() => number}
 */
export function zipfSampler(vocabularySize, seed) {
  const cdf = new Float64Array(vocabularySize);
  let sum = 0;
  for (let r = 0; r < vocabularySize; r++) {
    sum += 1 / (r + 1);
    cdf[r] = sum;
  }
  const next = seeded(seed);
  return () => {
    const u = ((next() + 1) / 2) * sum;
    let lo = 0;
    let hi = vocabularySize - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (cdf[mid] < u) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
}
