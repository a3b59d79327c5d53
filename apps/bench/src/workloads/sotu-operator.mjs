import { jsBackend } from '@dproj/backend-js';
import { createEngine } from '@dproj/core';
import { zipfCorpus } from './zipf-corpus.mjs';

/** @type {Map<string, Promise<{ corpus: import('@dproj/core').Corpus, s: import('@dproj/core').CsrMatrix }>>} */
const built = new Map();

/**
 * The SOTU-sized synthetic corpus and its co-occurrence operator S (window w, harmonic, symmetric),
 * counted once per process by dproj's JS backend so that every implementation projects through the
 * same S.
 * @param {{ tokens: number, vocabularySize: number }} size
 * @param {number} window
 */
export function sotuOperator(size, window) {
  const key = `${size.tokens}/${size.vocabularySize}/${window}`;
  let entry = built.get(key);
  if (entry === undefined) {
    entry = (async () => {
      const corpus = sotuCorpus(size);
      const engine = await createEngine({ backends: [jsBackend()], fallback: 'none' });
      try {
        const { matrix } = await engine.cooccurrence(corpus, { window });
        return { corpus, s: matrix };
      } finally {
        await engine.dispose();
      }
    })();
    built.set(key, entry);
  }
  return entry;
}

/** @type {Map<string, import('@dproj/core').Corpus>} */
const corpora = new Map();

/**
 * The synthetic corpus alone (seeded; the same in every process).
 * @param {{ tokens: number, vocabularySize: number }} size
 */
export function sotuCorpus(size) {
  const key = `${size.tokens}/${size.vocabularySize}`;
  let corpus = corpora.get(key);
  if (corpus === undefined) {
    corpus = zipfCorpus({ tokens: size.tokens, vocabularySize: size.vocabularySize, seed: 41 });
    corpora.set(key, corpus);
  }
  return corpus;
}
