/**
 * The dense corner of the pair table, as in GloVe's `cooccur`: ids are ranked by frequency, so the
 * pairs of frequent words, (a + 1)(b + 1) ≤ P, are the most often hit; they live in a plain array
 * (row a holds columns 0 … ⌊P/(a+1)⌋ − 1) where an update is one add, no hashing and no spilling.
 * The region is symmetric in (a, b), so Fᵀ of a dense entry is dense too.
 */
export interface DenseLayout {
  /** The product bound P (0: no dense region). */
  readonly product: number;
  /** Row a's cells are `[rowStart[a], rowStart[a + 1])`; rows ≥ rowStart.length − 1 have none. */
  readonly rowStart: Int32Array;
  /** Number of cells. */
  readonly cells: number;
}

function cellsFor(vocabSize: number, product: number): number {
  let cells = 0;
  const rows = Math.min(vocabSize, product);
  for (let a = 0; a < rows; a++) cells += Math.min(vocabSize, Math.floor(product / (a + 1)));
  return cells;
}

/** The largest dense region of at most `maxBytes` (8 bytes a cell) over a vocabulary of `vocabSize`. */
export function denseLayout(vocabSize: number, maxBytes: number): DenseLayout {
  const maxCells = Math.floor(maxBytes / 8);
  let lo = 0;
  let hi = vocabSize * vocabSize;
  // cellsFor grows with P: the largest P that fits, by bisection.
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    if (cellsFor(vocabSize, mid) <= maxCells) lo = mid;
    else hi = mid - 1;
  }
  const product = lo;
  const rows = Math.min(vocabSize, product);
  const rowStart = new Int32Array(rows + 1);
  for (let a = 0; a < rows; a++) rowStart[a + 1] = rowStart[a]! + Math.min(vocabSize, Math.floor(product / (a + 1)));
  return { product, rowStart, cells: rowStart[rows]! };
}
