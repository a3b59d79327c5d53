import type { Corpus } from '../types/corpus.ts';
import type { CooccurrenceOptions } from '../types/operators.ts';
import { checkBoolean, checkEnum, checkInteger, valueError } from './checks.ts';

const op = 'cooccurrence' as const;

/** The largest window for which per-offset counts C⁽ᵏ⁾ are returned. */
export const MAX_OFFSETS_WINDOW = 1024;

/**
 * Validates a co-occurrence call: a vocabulary of V ≥ 1 words, documents of token ids < V (zero
 * documents is an empty corpus and gives S = 0), an integer window w ≥ 1 and known option values.
 */
export function validateCooccurrence(corpus: Corpus, options: CooccurrenceOptions): void {
  if (typeof corpus !== 'object' || corpus === null) valueError({ op, argument: 'corpus' }, 'a corpus { vocab, docs }', corpus);
  const size = corpus.vocab?.size;
  if (typeof size !== 'number' || !Number.isInteger(size) || size < 1) {
    valueError({ op, argument: 'corpus.vocab.size' }, 'a vocabulary of at least one word', size);
  }
  if (!Array.isArray(corpus.docs)) valueError({ op, argument: 'corpus.docs' }, 'an array of Uint32Array documents', corpus.docs);
  corpus.docs.forEach((doc, d) => {
    if (!(doc instanceof Uint32Array)) valueError({ op, argument: `corpus.docs[${d}]` }, 'a Uint32Array of token ids', doc);
    for (let t = 0; t < doc.length; t++) {
      if (doc[t]! >= size) valueError({ op, argument: `corpus.docs[${d}][${t}]` }, `a token id < V = ${size}`, doc[t]);
    }
  });
  if (typeof options !== 'object' || options === null) valueError({ op, argument: 'options' }, 'an options object', options);
  // Offset counts are one V×V matrix per offset, so their window is bounded; S alone is not.
  const maxWindow = options.offsets === true ? MAX_OFFSETS_WINDOW : Number.MAX_SAFE_INTEGER;
  checkInteger(options.window, { op, argument: 'options.window' }, 1, maxWindow);
  checkEnum(options.weighting, ['harmonic', 'uniform'], { op, argument: 'options.weighting' });
  checkEnum(options.direction, ['symmetric', 'forward'], { op, argument: 'options.direction' });
  checkBoolean(options.offsets, { op, argument: 'options.offsets' });
  checkBoolean(options.zeroDiagonal, { op, argument: 'options.zeroDiagonal' });
  checkBoolean(options.crossDocuments, { op, argument: 'options.crossDocuments' });
}
