import type { Matrix } from '@dproj/core';
import { CliError } from '../cli/cli-error.ts';
import { float32Text } from '../project/float32-text.ts';

/** Lines per chunk: large enough to write efficiently, small enough to never hold the whole file. */
const LINES_PER_CHUNK = 2048;

/**
 * The vectors as text lines `word v1 v2 … vd`, in chunks. Values are the shortest decimals that read
 * back as the same float32, so a reader gets the exact vectors. With `header` (word2vec's text format)
 * the first line is `V d`. GloVe's format has no header. A word with whitespace would shift every
 * column, so it is refused.
 */
export function* textVectors(words: readonly string[], vectors: Matrix, header: boolean): Generator<string> {
  const d = vectors.cols;
  if (header) yield `${vectors.rows} ${d}\n`;
  let chunk: string[] = [];
  for (let a = 0; a < vectors.rows; a++) {
    const word = words[a]!;
    if (word === '' || /\s/u.test(word)) {
      throw new CliError(`word ${a} ${JSON.stringify(word)} is empty or holds whitespace; text vector formats cannot hold it`);
    }
    const row = vectors.data.subarray(a * d, (a + 1) * d);
    chunk.push(`${word} ${Array.from(row, float32Text).join(' ')}\n`);
    if (chunk.length === LINES_PER_CHUNK) {
      yield chunk.join('');
      chunk = [];
    }
  }
  if (chunk.length > 0) yield chunk.join('');
}
