import { tokenize, type Vocabulary } from '@dproj/core';
import { CliError } from '../cli/cli-error.ts';

/** A sentence as token ids of a file's vocabulary, and what was left out. */
export interface EncodedText {
  /** x_i, the ids of the known words in order. */
  readonly ids: Uint32Array;
  /** The vocabulary's word for each id, the row and column labels of M. */
  readonly words: readonly string[];
  /** Distinct words of the text that the vocabulary lacks, in order of first appearance. */
  readonly dropped: readonly string[];
}

/**
 * Tokenizes `text` as the corpus was (`tokenize`, lower-cased) and keeps the words the vocabulary
 * knows; unknown ones are dropped, since a projection has no row for them. No word at all, or no known
 * word, is a `CliError` that says which (and names the vocabulary's size).
 */
export function encodeText(vocab: Vocabulary, text: string, source: string): EncodedText {
  const tokens = tokenize(text);
  if (tokens.length === 0) throw new CliError('--text has no words to project');
  const ids: number[] = [];
  const words: string[] = [];
  const dropped: string[] = [];
  for (const token of tokens) {
    const id = vocab.idOf(token);
    // The unknown-word entry stands for many words; projecting it would mix them, so it is dropped too.
    if (id === undefined || id === vocab.unknownId) {
      if (!dropped.includes(token)) dropped.push(token);
    } else {
      ids.push(id);
      words.push(token);
    }
  }
  if (ids.length === 0) {
    throw new CliError(
      `none of the words of --text is in the vocabulary of '${source}' (${vocab.size} words): ${dropped.join(', ')}`,
    );
  }
  return { ids: Uint32Array.from(ids), words, dropped };
}

/** The stderr notice for dropped words, or nothing when every word was known. */
export function droppedNotice(dropped: readonly string[]): string {
  if (dropped.length === 0) return '';
  const list = dropped.length > 20 ? `${dropped.slice(0, 20).join(', ')}, … (${dropped.length} in all)` : dropped.join(', ');
  return `dproj: note: not in the vocabulary, left out: ${list}\n`;
}
