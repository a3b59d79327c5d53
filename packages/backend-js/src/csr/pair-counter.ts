import { addSparse, emptySparse } from './sparse-rows.ts';
import type { Sparse64 } from './sparse-rows.ts';

// Pairs are buffered up to this many (8 bytes each, 12 while reducing) before they are reduced, so
// memory follows the number of distinct pairs plus one bounded chunk, whatever the corpus size.
const MAX_CHUNK = 1 << 22;
const FIRST_CHUNK = 1 << 12;

/**
 * Counts of (row, code) pairs as a rows×codes sparse matrix with sorted columns. Each full chunk is
 * bucketed by row (a counting sort), sorted within each row, run-length reduced and merged into the
 * running total — sequential passes only, where a hash table over millions of pairs would miss cache
 * on every add.
 */
export class PairCounter {
  private pairRows = new Uint32Array(FIRST_CHUNK);
  private pairCodes = new Uint32Array(FIRST_CHUNK);
  private fill = 0;
  private total: Sparse64;

  constructor(
    private readonly rows: number,
    codes: number,
  ) {
    this.total = emptySparse(rows, codes);
  }

  /** Counts one occurrence of (row, code); row < rows, code < codes ≤ 2^32. */
  add(row: number, code: number): void {
    if (this.fill === this.pairRows.length) this.makeRoom();
    this.pairRows[this.fill] = row;
    this.pairCodes[this.fill] = code;
    this.fill++;
  }

  /** Every count so far: entry (row, code) = number of times it was added. */
  counts(): Sparse64 {
    this.reduceChunk();
    return this.total;
  }

  private makeRoom(): void {
    const size = this.pairRows.length;
    if (size >= MAX_CHUNK) {
      this.reduceChunk();
      return;
    }
    const rows = new Uint32Array(size * 2);
    const codes = new Uint32Array(size * 2);
    rows.set(this.pairRows);
    codes.set(this.pairCodes);
    this.pairRows = rows;
    this.pairCodes = codes;
  }

  private reduceChunk(): void {
    const n = this.fill;
    if (n === 0) return;
    const rowPtr = new Uint32Array(this.rows + 1);
    for (let p = 0; p < n; p++) rowPtr[this.pairRows[p] + 1]++;
    for (let r = 0; r < this.rows; r++) rowPtr[r + 1] += rowPtr[r];
    const bucketed = new Uint32Array(n);
    const next = rowPtr.slice(0, this.rows);
    for (let p = 0; p < n; p++) bucketed[next[this.pairRows[p]]++] = this.pairCodes[p];

    // Reduce each row in place: sort its codes, keep one per run with the run's length.
    const counts = new Float64Array(n);
    let q = 0;
    let start = 0;
    for (let r = 0; r < this.rows; r++) {
      const end = rowPtr[r + 1];
      if (end - start > 1) bucketed.subarray(start, end).sort();
      for (let p = start; p < end; p++) {
        if (p > start && bucketed[p] === bucketed[q - 1]) {
          counts[q - 1]++;
        } else {
          bucketed[q] = bucketed[p];
          counts[q++] = 1;
        }
      }
      rowPtr[r + 1] = q;
      start = end;
    }
    const chunk: Sparse64 = {
      rows: this.rows,
      cols: this.total.cols,
      rowPtr,
      colIdx: bucketed.subarray(0, q),
      values: counts.subarray(0, q),
    };
    this.total = this.total.colIdx.length === 0 ? chunk : addSparse(this.total, chunk);
    this.fill = 0;
  }
}
