import { type CoocData, writeChunk } from './cooc-output.ts';

const LINES_PER_WRITE = 1 << 16;

/** A float32 value in the fewest digits that read back as the same float32 (at most 9 significant). */
export function float32Text(value: number): string {
  return String(Number(value.toPrecision(9)));
}

/**
 * Writes S (or F) as a Matrix Market file: the header `%%MatrixMarket matrix coordinate real general`,
 * a comment with the settings, then (when `vocabAsComments`, for output to stdout) one `%vocab <word>
 * <count>` line per id in id order, the size line `V V nnz`, and `row col value` lines, 1-based.
 * Written to a file, the vocabulary goes to a `.vocab` file beside it instead (see `vocabFileText`).
 */
export async function writeMtx(stream: NodeJS.WritableStream, data: CoocData, vocabAsComments: boolean): Promise<void> {
  const { matrix, settings, tokens } = data.result;
  const head = [
    '%%MatrixMarket matrix coordinate real general',
    `% dproj co-occurrence: window=${settings.window} weighting=${settings.weighting} direction=${settings.direction} zeroDiagonal=${settings.zeroDiagonal} tokens=${tokens}`,
  ];
  if (vocabAsComments) {
    for (let id = 0; id < data.vocab.size; id++) head.push(`%vocab ${data.vocab.words[id]} ${data.vocab.counts?.[id] ?? 0}`);
  }
  head.push(`${matrix.rows} ${matrix.cols} ${matrix.colIdx.length}`);
  await writeChunk(stream, `${head.join('\n')}\n`);
  let lines: string[] = [];
  for (let a = 0; a < matrix.rows; a++) {
    for (let p = matrix.rowPtr[a]!; p < matrix.rowPtr[a + 1]!; p++) {
      lines.push(`${a + 1} ${matrix.colIdx[p]! + 1} ${float32Text(matrix.values[p]!)}\n`);
      if (lines.length === LINES_PER_WRITE) {
        await writeChunk(stream, lines.join(''));
        lines = [];
      }
    }
  }
  if (lines.length > 0) await writeChunk(stream, lines.join(''));
}
