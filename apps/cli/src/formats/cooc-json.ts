import { ValueError } from '@dproj/core';
import { type CoocData, writeChunk } from './cooc-output.ts';

/** JSON is for small results: above this many stored entries (all matrices) it is refused. */
export const JSON_MAX_ENTRIES = 1_000_000;

/**
 * Writes the result as one JSON document: `vocab` (words), `counts`, `settings`, `tokens`, `matrix`
 * ({rows, cols, rowPtr, colIdx, values}) and, when counted, `offsets` (one such matrix per k = 1..w).
 * Refused with `ValueError` above `JSON_MAX_ENTRIES` entries: use dpco or mtx for large inputs.
 */
export async function writeJson(stream: NodeJS.WritableStream, data: CoocData): Promise<void> {
  const { result, vocab } = data;
  const matrices = [result.matrix, ...(result.offsets ?? [])];
  const entries = matrices.reduce((sum, m) => sum + m.colIdx.length, 0);
  if (entries > JSON_MAX_ENTRIES) {
    throw new ValueError(
      `--format json is for small inputs: the result has ${entries} entries, more than ${JSON_MAX_ENTRIES}; use --format dpco or mtx`,
    );
  }
  const plain = (m: (typeof matrices)[number]) => ({
    rows: m.rows,
    cols: m.cols,
    rowPtr: Array.from(m.rowPtr),
    colIdx: Array.from(m.colIdx),
    values: Array.from(m.values),
  });
  const doc = {
    vocab: vocab.words,
    counts: Array.from(vocab.counts ?? []),
    settings: result.settings,
    tokens: result.tokens,
    matrix: plain(result.matrix),
    ...(result.offsets === undefined ? {} : { offsets: result.offsets.map(plain) }),
  };
  await writeChunk(stream, `${JSON.stringify(doc)}\n`);
}
