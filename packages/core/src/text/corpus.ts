import { UnknownTokenError, ValueError } from '../errors/errors.ts';
import type { Corpus, Vocabulary } from '../types/corpus.ts';
import { type TextSource, documentMode, documents, openSource } from './source.ts';
import { tokenize } from './tokenize.ts';
import { type VocabularyOptions, checkVocabularyOptions, countWords, vocabularyFromCounts } from './vocabulary.ts';

/** What becomes of a word that is not in the vocabulary. */
export type UnknownPolicy = 'unk' | 'drop' | 'error';

/** Options of `buildCorpus`. */
export interface CorpusOptions extends Omit<VocabularyOptions, 'unknown'> {
  /**
   * The vocabulary to encode with. Absent: one is built from the same text first (see
   * `buildVocabulary`; `minCount`, `maxSize`, `unkToken` apply only then), which reads the source twice.
   */
  readonly vocab?: Vocabulary;
  /**
   * Words not in the vocabulary: `unk` maps them to `vocab.unknownId`; `drop` removes them before any
   * window is computed (SPEC B.1), so their neighbours become adjacent; `error` throws
   * `UnknownTokenError`. Default: `unk` when the vocabulary has an unknown entry, else `drop`. When the
   * vocabulary is built here, `unk` gives it an `<unk>` entry.
   */
  readonly unknown?: UnknownPolicy;
}

/**
 * Reads text into a corpus of documents of token ids: each document (a line by default; see
 * `DocumentMode`) is tokenized (`tokenize`), every word w becomes idOf(w), and unknown words follow
 * `options.unknown`. Documents left with no tokens are dropped, so every doc has length ≥ 1.
 *
 * Without `options.vocab`, a first pass builds the vocabulary and a second encodes, so the source must
 * be readable twice: a string, an array or other re-iterable, or a function returning a fresh
 * iterable. A one-shot iterator (a generator, an async generator) is refused with `ValueError` before
 * anything is read, and a source whose second pass yields a different number of tokens is refused too.
 * With `options.vocab` the source is read once, as a stream; lines and sentences may span chunks.
 *
 * Errors: `ValueError` for bad options or sources (`unknown: 'unk'` with a vocabulary lacking
 * `unknownId`); `UnknownTokenError` (op `vocabulary`, argument `text`) under `unknown: 'error'`.
 */
export async function buildCorpus(source: TextSource, options: CorpusOptions = {}): Promise<Corpus> {
  const fn = 'buildCorpus';
  const mode = documentMode(options.documents, fn);
  checkVocabularyOptions(options, fn);
  const requested = options.unknown;
  if (requested !== undefined && requested !== 'unk' && requested !== 'drop' && requested !== 'error') {
    throw new ValueError(`${fn}: options.unknown must be 'unk', 'drop' or 'error', got ${String(requested)}`, {
      op: 'vocabulary',
      argument: 'options.unknown',
    });
  }

  let vocab = options.vocab;
  let expectedTokens: number | undefined;
  if (vocab === undefined) {
    const first = openSource(source, fn);
    if (first.oneShot) {
      throw new ValueError(
        `${fn}: without options.vocab the text is read twice (to count words, then to encode), but the ` +
          'source is a one-shot iterator; pass options.vocab, an array, or a function that returns a fresh iterable',
        { op: 'vocabulary', argument: 'source' },
      );
    }
    const counted = await countWords(() => first.chunks, options, fn);
    vocab = vocabularyFromCounts(counted, options, requested === 'unk', fn);
    expectedTokens = counted.tokens;
  } else {
    for (const key of ['minCount', 'maxSize', 'unkToken'] as const) {
      if (options[key] !== undefined) {
        throw new ValueError(`${fn}: options.${key} applies only when building the vocabulary; options.vocab is given`, {
          op: 'vocabulary',
          argument: `options.${key}`,
        });
      }
    }
  }

  const policy = requested ?? (vocab.unknownId === undefined ? 'drop' : 'unk');
  const encoder = makeEncoder(vocab, policy, fn);
  const lowercase = options.lowercase ?? true;
  const docs: Uint32Array[] = [];
  let tokens = 0;
  for await (const doc of documents(openSource(source, fn).chunks, mode, fn)) {
    const words = tokenize(doc, { lowercase });
    tokens += words.length;
    const ids = encoder(words);
    if (ids.length > 0) docs.push(ids);
  }
  if (expectedTokens !== undefined && tokens !== expectedTokens) {
    throw new ValueError(
      `${fn}: the source gave ${expectedTokens} tokens on the first pass and ${tokens} on the second; it must ` +
        'give the same text twice (pass a function that returns a fresh iterable, or options.vocab)',
      { op: 'vocabulary', argument: 'source' },
    );
  }
  return { vocab, docs };
}

/** Options of `encode`. */
export interface EncodeOptions {
  /** Words not in the vocabulary (see `CorpusOptions.unknown`); default `error`. */
  readonly unknown?: UnknownPolicy;
  /** Lower-case words (see `tokenize`); default true. */
  readonly lowercase?: boolean;
}

/**
 * The token ids x = (idOf(w_0), …, idOf(w_{n−1})) of one text's words w = tokenize(text), e.g. a
 * sentence to project (the selector Q has Q_ia = [x_i = a]). Unknown words follow `options.unknown`
 * (default `error`: `UnknownTokenError`; `unk` needs `vocab.unknownId`, else `ValueError`).
 */
export function encode(vocab: Vocabulary, text: string, options: EncodeOptions = {}): Uint32Array {
  const fn = 'encode';
  if (typeof text !== 'string') {
    throw new ValueError(`${fn}: text must be a string, got ${typeof text}`, { op: 'vocabulary', argument: 'text' });
  }
  return makeEncoder(vocab, options.unknown ?? 'error', fn)(tokenize(text, { lowercase: options.lowercase ?? true }));
}

function makeEncoder(vocab: Vocabulary, policy: UnknownPolicy, fn: string): (words: readonly string[]) => Uint32Array {
  if (policy !== 'unk' && policy !== 'drop' && policy !== 'error') {
    throw new ValueError(`${fn}: options.unknown must be 'unk', 'drop' or 'error', got ${String(policy)}`, {
      op: 'vocabulary',
      argument: 'options.unknown',
    });
  }
  const unknownId = vocab.unknownId;
  if (policy === 'unk' && unknownId === undefined) {
    throw new ValueError(
      `${fn}: options.unknown is 'unk' but the vocabulary has no unknown entry (unknownId); ` +
        "build it with unknown: 'unk' or use 'drop' or 'error'",
      { op: 'vocabulary', argument: 'options.unknown' },
    );
  }
  return (words) => {
    const ids = new Uint32Array(words.length);
    let n = 0;
    for (const word of words) {
      const id = vocab.idOf(word);
      if (id !== undefined) {
        ids[n++] = id;
      } else if (policy === 'unk') {
        ids[n++] = unknownId!;
      } else if (policy === 'error') {
        throw new UnknownTokenError(
          `${fn}: the word ${JSON.stringify(word)} is not in the vocabulary (unknown: 'error'); ` +
            `expected one of its ${vocab.size} words, got ${JSON.stringify(word)}`,
          word,
          { op: 'vocabulary', argument: 'text' },
        );
      }
    }
    return n === ids.length ? ids : ids.slice(0, n);
  };
}
