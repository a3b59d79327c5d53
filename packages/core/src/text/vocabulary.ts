import { ValueError } from '../errors/errors.ts';
import type { Vocabulary } from '../types/corpus.ts';
import { type DocumentMode, type TextSource, documentMode, documents, openSource } from './source.ts';
import { tokenize } from './tokenize.ts';

/** The default spelling of the unknown-word entry. */
export const DEFAULT_UNK_TOKEN = '<unk>';

const MAX_COUNT = 0xffff_ffff;

/**
 * A vocabulary over `words` (id = index), with optional per-id `counts` and unknown-word id. Checks
 * that the words are non-empty, distinct strings (`ValueError` otherwise). The arrays are copied.
 */
export function createVocabulary(
  words: readonly string[],
  counts?: Uint32Array,
  unknownId?: number,
  fn = 'vocabulary',
): Vocabulary {
  const ids = new Map<string, number>();
  words.forEach((word, id) => {
    if (typeof word !== 'string' || word === '') {
      throw new ValueError(`${fn}: every word must be a non-empty string, got ${JSON.stringify(word)} at id ${id}`, {
        op: 'vocabulary',
        argument: `words[${id}]`,
      });
    }
    const previous = ids.get(word);
    if (previous !== undefined) {
      throw new ValueError(`${fn}: words must be distinct, got ${JSON.stringify(word)} at ids ${previous} and ${id}`, {
        op: 'vocabulary',
        argument: `words[${id}]`,
      });
    }
    ids.set(word, id);
  });
  if (counts !== undefined && counts.length !== words.length) {
    throw new ValueError(`${fn}: counts must have one entry per word (${words.length}), got ${counts.length}`, {
      op: 'vocabulary',
      argument: 'counts',
    });
  }
  const frozenWords = Object.freeze(words.slice());
  const vocab: Vocabulary = {
    size: frozenWords.length,
    words: frozenWords,
    ...(counts === undefined ? {} : { counts: counts.slice() }),
    ...(unknownId === undefined ? {} : { unknownId }),
    idOf: (word: string) => ids.get(word),
  };
  return Object.freeze(vocab);
}

/** Options of `vocabularyFromWords`. */
export interface VocabularyFromWordsOptions {
  /**
   * The unknown-word entry: its id when it is one of `words`, else it is appended as id `words.length`.
   * Absent: the vocabulary has no unknown entry.
   */
  readonly unknown?: string;
}

/**
 * A vocabulary with the ids in the order given: idOf(words[i]) = i (SPEC C.0 uses
 * river, bank, water, loan, money → 0..4). No counts. Throws `ValueError` for a duplicate or empty word.
 */
export function vocabularyFromWords(words: readonly string[], options: VocabularyFromWordsOptions = {}): Vocabulary {
  if (!Array.isArray(words)) {
    throw new ValueError('vocabularyFromWords: words must be an array of strings', {
      op: 'vocabulary',
      argument: 'words',
    });
  }
  const { unknown } = options;
  if (unknown === undefined) return createVocabulary(words, undefined, undefined, 'vocabularyFromWords');
  const at = words.indexOf(unknown);
  const all = at >= 0 ? words : [...words, unknown];
  return createVocabulary(all, undefined, at >= 0 ? at : words.length, 'vocabularyFromWords');
}

/** Options of `buildVocabulary`. */
export interface VocabularyOptions {
  /** Keep words seen at least this many times. Integer ≥ 1; default 1. */
  readonly minCount?: number;
  /** At most this many entries in all, `<unk>` included. Integer ≥ 1; default unlimited. */
  readonly maxSize?: number;
  /**
   * What happens to words that are not kept (below `minCount` or beyond `maxSize`):
   * `drop` (default) leaves them out; `unk` appends an unknown entry whose count is their occurrences.
   */
  readonly unknown?: 'unk' | 'drop';
  /** The unknown entry's word; default `<unk>`. It must not occur in the text as a word. */
  readonly unkToken?: string;
  /** What a document is; only matters for how chunks join (see `DocumentMode`). Default `line`. */
  readonly documents?: DocumentMode;
  /** Lower-case words (see `tokenize`). Default true. */
  readonly lowercase?: boolean;
}

/** Word counts of one pass over a source, in order of first appearance. */
export interface WordCounts {
  readonly counts: Map<string, number>;
  /** Number of tokens read. */
  readonly tokens: number;
}

/**
 * Builds a frequency-ranked vocabulary from text: tokenizes every document (see `tokenize`,
 * `DocumentMode`), counts each word c(w), keeps the words with c(w) ≥ minCount, and ranks them by
 * c(w) descending, ties by first appearance in the text, so id 0 is the most frequent word and the
 * result is deterministic. At most `maxSize` entries are kept. With `unknown: 'unk'` the entry
 * `unkToken` is appended as the last id, `unknownId` is set, and its count is the number of
 * occurrences of the words left out. `counts[id]` holds c(w), saturating at 2³² − 1.
 * Throws `ValueError` for bad options, a non-string chunk, or an `unkToken` that occurs in the text.
 */
export async function buildVocabulary(source: TextSource, options: VocabularyOptions = {}): Promise<Vocabulary> {
  const fn = 'buildVocabulary';
  const unknown = options.unknown ?? 'drop';
  if (unknown !== 'unk' && unknown !== 'drop') {
    throw new ValueError(`${fn}: options.unknown must be 'unk' or 'drop', got ${String(unknown)}`, {
      op: 'vocabulary',
      argument: 'options.unknown',
    });
  }
  checkVocabularyOptions(options, fn);
  const counted = await countWords(source, options, fn);
  return vocabularyFromCounts(counted, options, unknown === 'unk', fn);
}

/** Checks the counting and ranking options (all but `unknown`). */
export function checkVocabularyOptions(options: Omit<VocabularyOptions, 'unknown'>, fn: string): void {
  const { minCount, maxSize, unkToken, lowercase } = options;
  if (minCount !== undefined && (!Number.isSafeInteger(minCount) || minCount < 1)) {
    throw new ValueError(`${fn}: options.minCount must be an integer ≥ 1, got ${String(minCount)}`, {
      op: 'vocabulary',
      argument: 'options.minCount',
    });
  }
  if (maxSize !== undefined && (!Number.isSafeInteger(maxSize) || maxSize < 1)) {
    throw new ValueError(`${fn}: options.maxSize must be an integer ≥ 1, got ${String(maxSize)}`, {
      op: 'vocabulary',
      argument: 'options.maxSize',
    });
  }
  if (unkToken !== undefined && (typeof unkToken !== 'string' || unkToken === '')) {
    throw new ValueError(`${fn}: options.unkToken must be a non-empty string, got ${JSON.stringify(unkToken)}`, {
      op: 'vocabulary',
      argument: 'options.unkToken',
    });
  }
  if (lowercase !== undefined && typeof lowercase !== 'boolean') {
    throw new ValueError(`${fn}: options.lowercase must be a boolean, got ${String(lowercase)}`, {
      op: 'vocabulary',
      argument: 'options.lowercase',
    });
  }
  documentMode(options.documents, fn);
}

/** Counts the words c(w) of one pass over `source`, and the tokens read. */
export async function countWords(
  source: TextSource,
  options: Pick<VocabularyOptions, 'documents' | 'lowercase'>,
  fn: string,
): Promise<WordCounts> {
  const mode = documentMode(options.documents, fn);
  const lowercase = options.lowercase ?? true;
  const counts = new Map<string, number>();
  let tokens = 0;
  for await (const doc of documents(openSource(source, fn).chunks, mode, fn)) {
    for (const word of tokenize(doc, { lowercase })) {
      counts.set(word, (counts.get(word) ?? 0) + 1);
      tokens++;
    }
  }
  return { counts, tokens };
}

/** Ranks counted words into a vocabulary (see `buildVocabulary`). */
export function vocabularyFromCounts(
  counted: WordCounts,
  options: Pick<VocabularyOptions, 'minCount' | 'maxSize' | 'unkToken'>,
  withUnknown: boolean,
  fn: string,
): Vocabulary {
  const minCount = options.minCount ?? 1;
  const unkToken = options.unkToken ?? DEFAULT_UNK_TOKEN;
  const limit = (options.maxSize ?? Number.POSITIVE_INFINITY) - (withUnknown ? 1 : 0);
  if (withUnknown && counted.counts.has(unkToken)) {
    throw new ValueError(
      `${fn}: options.unkToken ${JSON.stringify(unkToken)} occurs in the text as a word; choose a spelling the text lacks`,
      { op: 'vocabulary', argument: 'options.unkToken' },
    );
  }
  // Map iteration follows insertion order (first appearance) and Array.prototype.sort is stable,
  // so equal counts keep the order in which the words first appeared.
  const ranked = [...counted.counts].filter(([, c]) => c >= minCount).sort((x, y) => y[1] - x[1]);
  const kept = ranked.slice(0, Math.max(0, limit));
  const words = kept.map(([w]) => w);
  const counts = kept.map(([, c]) => Math.min(c, MAX_COUNT));
  if (!withUnknown) return createVocabulary(words, Uint32Array.from(counts), undefined, fn);
  let keptTokens = 0;
  for (const [, c] of kept) keptTokens += c;
  words.push(unkToken);
  counts.push(Math.min(counted.tokens - keptTokens, MAX_COUNT));
  return createVocabulary(words, Uint32Array.from(counts), words.length - 1, fn);
}
