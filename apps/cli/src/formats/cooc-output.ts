import type { CooccurrenceResult, Vocabulary } from '@dproj/core';

/** The co-occurrence formats `dproj count` writes. */
export type CoocFormat = 'dpco' | 'mtx' | 'glove-bin' | 'json';

/** Every format, the default first. */
export const COOC_FORMATS: readonly CoocFormat[] = ['dpco', 'mtx', 'glove-bin', 'json'];

/** What a writer writes: the counted result and its vocabulary. */
export interface CoocData {
  readonly vocab: Vocabulary;
  readonly result: CooccurrenceResult;
}

/** Writes `chunk`, waiting for the stream to drain when its buffer is full (backpressure). */
export function writeChunk(stream: NodeJS.WritableStream, chunk: string | Uint8Array): Promise<void> {
  return new Promise((resolve, reject) => {
    if (stream.write(chunk)) return resolve();
    const settle = (error?: Error) => {
      stream.off('drain', settle);
      stream.off('error', settle);
      if (error) reject(error);
      else resolve();
    };
    stream.on('drain', settle);
    stream.on('error', settle);
  });
}

/**
 * The vocabulary file GloVe's `glove` reads (`--vocab-file`): one `word count` per line, line i
 * (1-based) being word id i, most frequent first, as GloVe's `vocab_count` writes it.
 */
export function vocabFileText(vocab: Vocabulary): string {
  const lines: string[] = [];
  for (let id = 0; id < vocab.size; id++) lines.push(`${vocab.words[id]} ${vocab.counts?.[id] ?? 0}\n`);
  return lines.join('');
}
