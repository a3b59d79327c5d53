import type { Vocabulary } from '@dproj/core';
import { tokenize } from '@dproj/core';
import { MAX_TOKENS, truncateTokens } from '../render/truncate.ts';

/** A sentence read against a vocabulary, ready to project. */
export interface EncodedSentence {
  /** Token ids x of the known words, in order, at most `MAX_TOKENS`. */
  readonly tokens: Uint32Array;
  /** The words behind `tokens`. */
  readonly words: readonly string[];
  /** Distinct words not in the vocabulary (left out before projecting), in order of appearance. */
  readonly unknown: readonly string[];
  /** Set when the sentence had more known words than `MAX_TOKENS`. */
  readonly truncated: string | undefined;
}

/** A problem with the visitor's input (not a fault of the page): shown as a plain message. */
export class InputProblem extends Error {
  override readonly name = 'InputProblem';
}

/**
 * Tokenizes `text` with core's tokenizer, keeps the words the vocabulary knows (dropping the others,
 * as the corpus was counted), then the first `limit`. Throws `InputProblem` for text with no words,
 * and for text whose words are all unknown (naming a few of them).
 */
export function encodeSentence(vocab: Vocabulary, text: string, corpusLabel: string, limit: number = MAX_TOKENS): EncodedSentence {
  const all = tokenize(text);
  if (all.length === 0) throw new InputProblem('Type a sentence: the text has no words to project.');
  const words: string[] = [];
  const ids: number[] = [];
  const unknown = new Set<string>();
  for (const w of all) {
    const id = vocab.idOf(w);
    if (id === undefined) {
      unknown.add(w);
    } else {
      words.push(w);
      ids.push(id);
    }
  }
  if (ids.length === 0) {
    const shown = [...unknown].slice(0, 5).map((w) => `“${w}”`).join(', ');
    throw new InputProblem(
      `None of the words (${shown}${unknown.size > 5 ? ', …' : ''}) is in the vocabulary of ${corpusLabel} (${vocab.size.toLocaleString('en')} words); try everyday English words.`,
    );
  }
  const cut = truncateTokens(ids, limit);
  return {
    tokens: Uint32Array.from(cut.kept),
    words: words.slice(0, cut.kept.length),
    unknown: [...unknown],
    truncated: cut.notice,
  };
}
