/**
 * A vocabulary: word ↔ id, ids 0 .. size-1. Built from text by `buildVocabulary` (frequency-ranked) or
 * given explicitly by `vocabularyFromWords` (ids in the order given).
 */
export interface Vocabulary {
  /** Number of words V. */
  readonly size: number;
  /** The words by id. */
  readonly words: readonly string[];
  /** Corpus frequency of each word by id, where known (a vocabulary built from text knows it). */
  readonly counts?: Uint32Array;
  /** Id of the unknown-word entry when the policy maps unknown words to `<unk>`. */
  readonly unknownId?: number;
  /** Id of a word, or undefined when the word is not in the vocabulary. */
  idOf(word: string): number | undefined;
}

/**
 * A corpus of documents of token ids. Co-occurrence windows never cross documents unless
 * `crossDocuments` is asked for, so a document is whatever unit the windows must not cross
 * (a sentence, a line, a file).
 */
export interface Corpus {
  readonly vocab: Vocabulary;
  readonly docs: readonly Uint32Array[];
}
