import type { CooccurrenceSettings, CsrMatrix, Vocabulary } from '@dproj/core';
import { FormatError, decodeCooccurrence } from '@dproj/core';

/** A corpus as the page uses it: the forward operator F, its vocabulary, and C⁽ᵏ⁾ when kept. */
export interface CorpusData {
  readonly id: string;
  readonly vocab: Vocabulary;
  /** F: V×V, F_ab = Σ_k f(k) C⁽ᵏ⁾_ab, "b follows a within the window". */
  readonly f: CsrMatrix;
  /** C⁽¹⁾ … C⁽ʷ⁾ (raw counts), present for an in-browser count; the shipped files leave them out. */
  readonly offsets: readonly CsrMatrix[] | undefined;
  readonly settings: CooccurrenceSettings;
  /** Number of tokens counted. */
  readonly tokens: number;
}

/**
 * Reads a co-occurrence file (core's binary format) into the page's corpus data. The file must hold
 * the forward operator F (the demo's corpus files do), since S = F + Fᵀ, F and Fᵀ are all derived
 * from it; a symmetric file is refused with `FormatError`.
 */
export function corpusDataFromFile(id: string, bytes: Uint8Array): CorpusData {
  const { vocab, result } = decodeCooccurrence(bytes);
  if (result.settings.direction !== 'forward') {
    throw new FormatError(`corpus ${id}: the file must hold the forward operator F, got direction ${result.settings.direction}`, {
      op: 'format',
      argument: 'bytes',
    });
  }
  return { id, vocab, f: result.matrix, offsets: result.offsets, settings: result.settings, tokens: result.tokens };
}
