import { type CoocData, writeChunk } from './cooc-output.ts';

/** Bytes of one record of GloVe's `cooccurrence.bin`: int32 word1, int32 word2, float64 value. */
export const GLOVE_RECORD_BYTES = 16;

const RECORDS_PER_WRITE = 1 << 16;

/**
 * Writes S as GloVe's `cooccurrence.bin` (the `CREC` records its `cooccur` writes and its `shuffle`
 * and `glove` read): little-endian int32 row, int32 col, float64 value, ids 1-based (GloVe's word 1 is
 * the most frequent, as dproj's id 0), records in (row, col) order. The vocabulary goes to a separate
 * file (`vocabFileText`).
 */
export async function writeGloveBin(stream: NodeJS.WritableStream, data: CoocData): Promise<void> {
  const { matrix } = data.result;
  let block = Buffer.allocUnsafe(RECORDS_PER_WRITE * GLOVE_RECORD_BYTES);
  let at = 0;
  for (let a = 0; a < matrix.rows; a++) {
    for (let p = matrix.rowPtr[a]!; p < matrix.rowPtr[a + 1]!; p++) {
      block.writeInt32LE(a + 1, at);
      block.writeInt32LE(matrix.colIdx[p]! + 1, at + 4);
      block.writeDoubleLE(matrix.values[p]!, at + 8);
      at += GLOVE_RECORD_BYTES;
      if (at === block.length) {
        await writeChunk(stream, block);
        // The stream may still hold the last block: write the next one into a fresh buffer.
        block = Buffer.allocUnsafe(block.length);
        at = 0;
      }
    }
  }
  if (at > 0) await writeChunk(stream, block.subarray(0, at));
}
